"""`pharmadesk doctor` as an IT person runs it: each check says what is wrong and how to fix it."""

import json
import os
import subprocess
import sys

# Never the real ITS: tests that do not start the simulator point at a closed local port.
ENV = {**os.environ, "PHARMADESK_KEYRING_BACKEND": "none", "PHARMADESK_ITS_URL": "http://127.0.0.1:9"}


def _doctor(*args, env=ENV):
    result = subprocess.run([sys.executable, "-m", "pharmadesk", "doctor", "--json", *args],
                            capture_output=True, text=True, env=env, timeout=120)
    return result.returncode, {c["name"]: c for c in json.loads(result.stdout)}


def test_doctor_reports_decoders_and_reachable_simulator(simulator, tmp_path):
    env = {**ENV, "PHARMADESK_ITS_URL": simulator.base_url}
    code, checks = _doctor("--data-dir", str(tmp_path), env=env)
    assert code == 0
    assert checks["zxing-cpp"]["status"] == "ok"
    assert checks["libdmtx"]["status"] == "ok"
    assert checks["data folder"]["status"] == "ok"
    assert checks["ITS"]["status"] == "ok" and simulator.base_url in checks["ITS"]["detail"]
    assert checks["password store"]["status"] == "warn"
    assert "PHARMADESK_ITS_PASSWORD" in checks["password store"]["fix"]


def test_doctor_fails_with_a_fix_when_its_is_unreachable(tmp_path):
    env = {**ENV, "PHARMADESK_ITS_URL": "http://127.0.0.1:9"}
    code, checks = _doctor("--data-dir", str(tmp_path), env=env)
    assert code == 1
    assert checks["ITS"]["status"] == "fail"
    assert "internet" in checks["ITS"]["fix"]


def test_doctor_fails_when_the_data_folder_is_a_file(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    code, checks = _doctor("--data-dir", str(blocker / "data"))
    assert code == 1
    assert checks["data folder"]["status"] == "fail"
    assert "--data-dir" in checks["data folder"]["fix"]


def _choose(folder, **settings):
    """Settings as the station's Scanners page stores them."""
    from pharmadesk.store import open_store

    store = open_store(folder)
    try:
        for key, value in settings.items():
            store.set_setting(key, value)
    finally:
        store.close()


def test_doctor_lists_serial_ports_and_cameras_with_what_they_mean(tmp_path):
    code, checks = _doctor("--data-dir", str(tmp_path))
    assert checks["serial ports"]["status"] in ("ok", "warn")
    assert checks["cameras"]["status"] in ("ok", "warn")
    if checks["cameras"]["status"] == "warn":
        assert "USB and serial scanners still work" in checks["cameras"]["detail"]
    assert "serial scanner" not in checks and "camera source" not in checks  # none chosen
    assert checks["scanner profiles"]["status"] == "ok"
    assert "generic-usb-tr-q" in checks["scanner profiles"]["detail"]


def test_doctor_opens_the_chosen_serial_scanner_and_says_when_it_is_unplugged(tmp_path):
    from scanners.virtual import VirtualScanner

    with VirtualScanner() as scanner:
        _choose(tmp_path, **{"scanner.serial_port": scanner.port, "scanner.serial_baudrate": "19200"})
        _, checks = _doctor("--data-dir", str(tmp_path))
        assert checks["serial scanner"]["status"] == "ok"
        assert scanner.port in checks["serial scanner"]["detail"] and "19200" in checks["serial scanner"]["detail"]
        scanner.unplug()
        code, checks = _doctor("--data-dir", str(tmp_path))
        assert code == 1
        assert checks["serial scanner"]["status"] == "fail"
        assert "plug the scanner in" in checks["serial scanner"]["fix"]


def test_doctor_opens_the_chosen_camera_source(tmp_path):
    import cv2
    import numpy as np

    frames = tmp_path / "frames"
    frames.mkdir()
    cv2.imwrite(str(frames / "box.png"), np.full((480, 640, 3), 200, np.uint8))
    _choose(tmp_path, **{"scanner.camera": str(frames)})
    _, checks = _doctor("--data-dir", str(tmp_path))
    assert checks["camera source"]["status"] == "ok" and "640x480" in checks["camera source"]["detail"]
    _choose(tmp_path, **{"scanner.camera": str(tmp_path / "no-such-video.mp4")})
    code, checks = _doctor("--data-dir", str(tmp_path))
    assert code == 1 and checks["camera source"]["status"] == "fail"
    assert "Settings" in checks["camera source"]["fix"]


def test_doctor_reads_the_settings_the_station_writes():
    from pharmadesk import doctor
    from pharmadesk.ui import station

    assert doctor.SERIAL_PORT_SETTING == station.SERIAL_PORT_SETTING
    assert doctor.SERIAL_BAUD_SETTING == station.SERIAL_BAUD_SETTING
    assert doctor.CAMERA_SETTING == station.CAMERA_SETTING
