"""`pharmadesk doctor`: checks what a station needs — decoders, cameras, serial ports, the
password store, the data folder and the ITS connection — and says how to fix each problem."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from pharmadesk import config as settings

OK, WARN, FAIL = "ok", "warn", "fail"


@dataclass
class Check:
    name: str
    status: str  # ok | warn | fail
    detail: str
    fix: str = ""


def check_decoders() -> list[Check]:
    try:
        from scanners.camera import decoder_status
    except ImportError as error:  # OpenCV or zxing-cpp missing from the installation
        return [Check("decoders", FAIL, f"camera decoder cannot load: {error}",
                      "reinstall PharmaDesk (make run / the installer) so OpenCV and zxing-cpp are present")]
    status = decoder_status()
    checks = [Check("zxing-cpp", OK if status["zxing_cpp"] else FAIL,
                    f"zxing-cpp {status['zxing_cpp']}" if status["zxing_cpp"] else "zxing-cpp not installed",
                    "" if status["zxing_cpp"] else "reinstall PharmaDesk; the webcam cannot read karekods without it")]
    if status["libdmtx"]:
        checks.append(Check("libdmtx", OK, f"libdmtx {status['libdmtx']} (pylibdmtx {status['pylibdmtx']})"))
    else:
        checks.append(Check("libdmtx", WARN, "libdmtx not found: the webcam uses zxing-cpp alone",
                            "Debian/Ubuntu: sudo apt-get install libdmtx0b"))
    return checks


# Settings the station's Scanners page writes (pharmadesk/ui/station.py names them too; the
# doctor cannot import the UI, and tests/integration/test_doctor.py checks they agree).
SERIAL_PORT_SETTING = "scanner.serial_port"
SERIAL_BAUD_SETTING = "scanner.serial_baudrate"
CAMERA_SETTING = "scanner.camera"


def check_cameras() -> Check:
    try:
        from scanners.camera_capture import list_cameras
        cameras = list_cameras()
    except Exception as error:  # a broken camera driver must not stop the other checks
        return Check("cameras", WARN, f"cameras could not be listed: {error}", "check the camera driver")
    if cameras:
        return Check("cameras", OK, "camera index " + ", ".join(map(str, cameras)) + " opens and gives a picture")
    return Check("cameras", WARN, "no camera found (USB and serial scanners still work)",
                 "plug in a webcam only if you want to scan with it")


def check_camera_source(source: str) -> Check:
    """The camera chosen in Settings → Scanners: does it open and give a picture?"""
    try:
        from scanners.camera_capture import probe_source
        width, height = probe_source(int(source) if source.isdigit() else source)
    except Exception as error:
        return Check("camera source", FAIL, f"{source}: {error}",
                     "plug the webcam in and close other programs using it (video calls), "
                     "or choose another camera in Settings → Scanners")
    return Check("camera source", OK, f"{source} gives a {width}x{height} picture")


def check_serial_ports() -> Check:
    try:
        from scanners.serial import list_ports
        ports = list_ports()
    except Exception as error:
        return Check("serial ports", WARN, f"serial ports could not be listed: {error}", "")
    if ports:
        return Check("serial ports", OK, ", ".join(f"{p['device']} ({p['description']})" for p in ports))
    return Check("serial ports", WARN, "no serial/COM port (fine for USB keyboard scanners)",
                 "a serial scanner shows up here once plugged in and its driver is installed")


def check_serial_scanner(port: str, baudrate: int) -> Check:
    """The serial port chosen in Settings → Scanners: can it be opened?"""
    import serial

    try:
        serial.serial_for_url(port, baudrate=baudrate, timeout=0).close()
    except (serial.SerialException, OSError, ValueError) as error:
        return Check("serial scanner", FAIL, f"{port} cannot be opened: {error}",
                     "plug the scanner in and check it is listed under serial ports; close any "
                     "other program using the port, or choose the right port in Settings → Scanners")
    return Check("serial scanner", OK, f"{port} opens ({baudrate} baud)")


def check_chosen_scanners(folder: Path) -> list[Check]:
    """The serial scanner and camera chosen in the settings, when there are any."""
    from pharmadesk.store import StoreError, open_store

    try:
        store = open_store(folder)
    except StoreError:
        return []  # the data folder check says what is wrong
    try:
        port = (store.setting(SERIAL_PORT_SETTING) or "").strip()
        baud_text = store.setting(SERIAL_BAUD_SETTING) or "9600"
        camera = (store.setting(CAMERA_SETTING) or "").strip()
    finally:
        store.close()
    checks = []
    if port:
        checks.append(check_serial_scanner(port, int(baud_text) if baud_text.isdigit() else 9600))
    if camera:
        checks.append(check_camera_source(camera))
    return checks


def check_profiles() -> Check:
    """The scanner profiles the scanner test compares a test scan with (a bundle that lost
    its data files would have none)."""
    try:
        from scanners.profiles import load_profiles
        loaded = load_profiles()
    except Exception as error:
        return Check("scanner profiles", FAIL, f"scanner profiles cannot be read: {error}",
                     "reinstall PharmaDesk")
    if not loaded:
        return Check("scanner profiles", FAIL, "no scanner profile found", "reinstall PharmaDesk")
    return Check("scanner profiles", OK, ", ".join(p.id for p in loaded))


def check_keyring() -> Check:
    if settings.keyring_available():
        import keyring

        return Check("password store", OK, type(keyring.get_keyring()).__name__)
    if os.environ.get(settings.PASSWORD_ENV):
        return Check("password store", OK, f"no keyring; the password comes from {settings.PASSWORD_ENV}")
    return Check("password store", WARN, "no OS keyring on this computer",
                 f"Windows has one built in; on Linux install gnome-keyring, or set {settings.PASSWORD_ENV}")


def check_data_dir(folder: Path) -> Check:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".doctor-"):
            pass
    except OSError as error:
        return Check("data folder", FAIL, f"{folder} is not writable: {error.strerror}",
                     "give this user write access to the folder, free some disk space, or use --data-dir")
    free_mb = _free_megabytes(folder)
    if free_mb < 200:
        return Check("data folder", WARN, f"{folder}: only {free_mb} MB free", "free some disk space")
    return Check("data folder", OK, f"{folder} ({free_mb} MB free)")


def _free_megabytes(folder: Path) -> int:
    import shutil

    return shutil.disk_usage(folder).free // (1024 * 1024)


def check_its(folder: Path) -> Check:
    import requests

    from pharmadesk.its.services import all_services
    from pharmadesk.store import StoreError, open_store

    try:
        store = open_store(folder)
    except StoreError as error:
        return Check("ITS", FAIL, error.message("en"), "fix the data folder first")
    try:
        base_url = settings.Config(store).get("its.url").rstrip("/")
        verify = settings.Config(store).get("its.verify_tls")
    finally:
        store.close()
    url = base_url + all_services()[0].path + "?wsdl"
    started = time.monotonic()
    try:
        response = requests.get(url, timeout=(5, 10), verify=verify)
    except requests.exceptions.SSLError as error:
        return Check("ITS", FAIL, f"TLS certificate of {base_url} not trusted: {error}",
                     "check the PC's date and time, and any proxy that intercepts HTTPS")
    except requests.RequestException as error:
        return Check("ITS", FAIL, f"{base_url} cannot be reached ({type(error).__name__})",
                     "check the internet connection; scans are kept and sent when ITS is reachable")
    elapsed = (time.monotonic() - started) * 1000
    if response.status_code >= 500:
        return Check("ITS", WARN, f"{base_url} answers HTTP {response.status_code}", "ITS is having trouble; try later")
    return Check("ITS", OK, f"{base_url} answers (HTTP {response.status_code}, {elapsed:.0f} ms)")


def run_checks(folder: Path) -> list[Check]:
    data_dir = check_data_dir(folder)
    chosen = check_chosen_scanners(folder) if data_dir.status != FAIL else []
    return [*check_decoders(), check_cameras(), check_serial_ports(), *chosen, check_profiles(),
            check_keyring(), data_dir, check_its(folder)]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="pharmadesk doctor", description="Check this station.")
    parser.add_argument("--data-dir", help="folder of the database")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    checks = run_checks(settings.data_dir(args.data_dir))
    if args.json:
        print(json.dumps([asdict(check) for check in checks], ensure_ascii=False, indent=2))
    else:
        marks = {OK: "[ OK ]", WARN: "[WARN]", FAIL: "[FAIL]"}
        for check in checks:
            print(f"{marks[check.status]} {check.name}: {check.detail}")
            if check.fix:
                print(f"       fix: {check.fix}")
    sys.stdout.flush()
    return 1 if any(check.status == FAIL for check in checks) else 0
