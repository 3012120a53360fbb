"""Smoke test of the built bundle (run by `make bundle-check` after `make bundle`): only
the bundled executable runs — no project Python — in a fresh data folder:

  --version            the one version number, same as pharmadesk/__init__.py
  sim                  the bundled ITS simulator, on a free loopback port
  doctor               decoders (zxing-cpp, libdmtx) load from the bundle; ITS = that simulator
  --sandbox            the workstation window offscreen (and on Xvfb's X server with the xcb
                       plugin when xvfb-run is here, with a screenshot), quitting by itself;
                       on X11 also a first start in an empty folder: the set-up wizard waits
  config/scan/sync     boxes shipped by the simulator, queued and sent; all accepted
  backup               the database copied with the online backup API

Usage: python installer/bundle_check.py [dist/pharmadesk]; exit 0 when every step passed."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STATION_GLN = "8680001000005"  # any GLN: the simulator registers it as the pharmacy it ships to
PASSWORD = "Bundle-Check-Parola-7"  # the station's account on the bundled simulator (--accounts)
BOXES = 25
# Pictures of the bundled program on X11, beside the bundle (build/ is not tracked).
SCREENSHOT = Path("build/bundle-check/sandbox-xcb.png").resolve()
FIRST_RUN_SCREENSHOT = SCREENSHOT.with_name("first-run-xcb.png")


class CheckFailed(Exception):
    pass


def source_version() -> str:
    text = (ROOT / "pharmadesk" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'__version__ = "([^"]+)"', text).group(1)


class Bundle:
    def __init__(self, folder: Path, work: Path):
        self.exe = folder / ("pharmadesk.exe" if os.name == "nt" else "pharmadesk")
        if not self.exe.exists():
            raise CheckFailed(f"{self.exe} not found: run `make bundle` first")
        self.work = work
        # Nothing from the development environment may help the bundle along.
        self.env = {key: value for key, value in os.environ.items()
                    if not key.startswith(("PYTHON", "PHARMADESK_", "VIRTUAL_ENV", "QT_"))}
        self.env["PATH"] = "/usr/bin:/bin"
        self.env["PHARMADESK_KEYRING_BACKEND"] = "none"
        self.env["HOME"] = str(work / "home")

    def run(self, *args: str, env: dict | None = None, timeout: float = 120, expect: int | None = 0,
            wrapper: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
        started = time.monotonic()
        done = subprocess.run([*wrapper, str(self.exe), *args], capture_output=True, text=True,
                              timeout=timeout, env={**self.env, **(env or {})}, cwd=self.work)
        shown = " ".join(args if len(args) <= 12 else [*args[:9], f"… ({len(args) - 11} more)", *args[-2:]])
        print(f"$ pharmadesk {shown}   -> exit {done.returncode} ({time.monotonic() - started:.1f} s)")
        if expect is not None and done.returncode != expect:
            raise CheckFailed(f"`pharmadesk {shown}` exited {done.returncode}, expected {expect}\n"
                              f"stdout:\n{done.stdout}\nstderr:\n{done.stderr}")
        return done


def check_version(bundle: Bundle) -> None:
    out = bundle.run("--version").stdout.strip()
    expected = f"PharmaDesk {source_version()}"
    if out != expected:
        raise CheckFailed(f"--version printed {out!r}, expected {expected!r}")
    print(f"  {out}")


def start_simulator(bundle: Bundle) -> tuple[subprocess.Popen, str]:
    accounts = bundle.work / "accounts.json"
    accounts.write_text(json.dumps({STATION_GLN + "0000": PASSWORD}), encoding="utf-8")
    process = subprocess.Popen([str(bundle.exe), "sim", "--port", "0", "--accounts", str(accounts)],
                               stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env=bundle.env, cwd=bundle.work)
    line = process.stdout.readline().strip()
    if not line.startswith("http://127.0.0.1:"):
        process.kill()
        raise CheckFailed(f"`pharmadesk sim` printed {line!r} instead of its address: {process.stderr.read()}")
    print(f"$ pharmadesk sim --port 0 --accounts accounts.json   -> {line}")
    return process, line


def check_doctor(bundle: Bundle, data: Path, its_url: str) -> None:
    done = bundle.run("doctor", "--json", "--data-dir", str(data), env={"PHARMADESK_ITS_URL": its_url})
    checks = {check["name"]: check for check in json.loads(done.stdout)}
    for check in checks.values():
        print(f"  [{check['status']:>4}] {check['name']}: {check['detail']}")
    for name in ("zxing-cpp", "libdmtx", "scanner profiles", "data folder", "ITS"):
        if checks.get(name, {}).get("status") != "ok":
            raise CheckFailed(f"doctor: {name} is not ok in the bundle: {checks.get(name)}")


def check_sandbox_window(bundle: Bundle, data: Path) -> None:
    env = {"QT_QPA_PLATFORM": "offscreen", "PHARMADESK_QUIT_AFTER": "6"}
    done = bundle.run("--sandbox", "--data-dir", str(data / "offscreen"), env=env, timeout=180)
    _expect_sandbox_started(done, data / "offscreen")
    if shutil.which("xvfb-run") and shutil.which("import"):
        # The real X11 path: the bundled xcb platform plugin and its libraries, plus a picture.
        script = (f'"{bundle.exe}" --sandbox --data-dir "{data / "xcb"}" & app=$!; sleep 9; '
                  f'import -window root "{SCREENSHOT}"; wait $app')
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        done = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1366x768x24", "sh", "-c", script],
                              capture_output=True, text=True, timeout=180, cwd=bundle.work,
                              env={**bundle.env, "QT_QPA_PLATFORM": "xcb", "PHARMADESK_QUIT_AFTER": "12"})
        print(f"$ xvfb-run pharmadesk --sandbox (xcb)   -> exit {done.returncode} "
              f"({time.monotonic() - started:.1f} s), screenshot {SCREENSHOT}")
        if done.returncode != 0:
            raise CheckFailed(f"the sandbox window on X11 exited {done.returncode}:\n{done.stderr}")
        _expect_sandbox_started(done, data / "xcb")
        # A fresh data folder without --sandbox: the first-start wizard must come up.
        script = (f'"{bundle.exe}" --data-dir "{data / "fresh"}" & app=$!; sleep 8; '
                  f'import -window root "{FIRST_RUN_SCREENSHOT}"; kill -0 $app && kill $app')
        FIRST_RUN_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1366x768x24", "sh", "-c", script],
                              capture_output=True, text=True, timeout=180, cwd=bundle.work,
                              env={**bundle.env, "QT_QPA_PLATFORM": "xcb"})
        if done.returncode != 0 or not (data / "fresh" / "pharmadesk.sqlite").exists():
            raise CheckFailed(f"the first start did not wait in the wizard:\n{done.stdout}\n{done.stderr}")
        print(f"$ xvfb-run pharmadesk (fresh data folder)   -> waiting in the first-start wizard, "
              f"screenshot {FIRST_RUN_SCREENSHOT}")


def _expect_sandbox_started(done: subprocess.CompletedProcess, folder: Path) -> None:
    match = re.search(r"^ITS simulator: (http://127\.0\.0\.1:\d+)$", done.stdout, re.MULTILINE)
    if not match:
        raise CheckFailed(f"the sandbox window did not announce its simulator:\n{done.stdout}\n{done.stderr}")
    if not (folder / "sandbox" / "pharmadesk.sqlite").exists():
        raise CheckFailed(f"no sandbox database in {folder}")
    print(f"  window shown, in-process simulator at {match.group(1)}, quit by itself")


def check_scan_and_sync(bundle: Bundle, data: Path, its_url: str) -> None:
    request = urllib.request.Request(its_url + "/admin/ship", method="POST",
                                     data=json.dumps({"to": STATION_GLN, "count": BOXES,
                                                      "kind": "pharmacy"}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        shipment = json.load(response)
    where = ("--data-dir", str(data))
    for key, value in (("its.url", its_url), ("its.stakeholder", "pharmacy"), ("its.gln", STATION_GLN),
                       ("its.username", STATION_GLN + "0000")):
        bundle.run("config", "set", key, value, *where)
    bundle.run("scan", "--op", "receive", "--counterparty", shipment["from"], "--doc", "IRS-2026-1",
               *shipment["karekods"], *where)
    bundle.run("sync", *where, env={"PHARMADESK_ITS_PASSWORD": PASSWORD}, timeout=300)
    status = json.loads(bundle.run("status", "--json", *where).stdout)
    accepted = status["items"].get("accepted", 0)
    print(f"  {BOXES} boxes received from {shipment['from']}: {accepted} accepted by the bundled simulator")
    if accepted != BOXES:
        raise CheckFailed(f"expected {BOXES} accepted, status says {status}")
    log = (data / "logs" / "cli.log").read_text(encoding="utf-8")
    if PASSWORD in log:
        raise CheckFailed("the password appears in the log")
    print(f"  the password is not in logs/cli.log ({len(log.splitlines())} lines)")


def check_backup(bundle: Bundle, data: Path) -> None:
    target = bundle.work / "backup.sqlite"
    bundle.run("backup", str(target), "--data-dir", str(data), "--lang", "en")
    print(f"  {target} ({target.stat().st_size} bytes)")


def main(argv: list[str]) -> int:
    folder = Path(argv[0] if argv else ROOT / "dist" / "pharmadesk").resolve()
    work = Path(tempfile.mkdtemp(prefix="pharmadesk-bundle-check-"))
    (work / "home").mkdir()
    simulator = None
    try:
        bundle = Bundle(folder, work)
        check_version(bundle)
        simulator, its_url = start_simulator(bundle)
        check_doctor(bundle, work / "doctor", its_url)
        check_sandbox_window(bundle, work / "gui")
        check_scan_and_sync(bundle, work / "station", its_url)
        check_backup(bundle, work / "station")
    except (CheckFailed, subprocess.TimeoutExpired) as error:
        print(f"BUNDLE CHECK FAILED: {error}", file=sys.stderr)
        return 1
    finally:
        if simulator is not None:
            simulator.terminate()
            simulator.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    size = subprocess.run(["du", "-sh", str(folder)], capture_output=True, text=True).stdout.split()[0]
    files = sum(1 for path in folder.rglob("*") if path.is_file())
    print(f"bundle size: {size} ({files} files) in {folder}")
    print("BUNDLE CHECK PASSED")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
