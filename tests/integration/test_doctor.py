"""`pharmadesk doctor` as an IT person runs it: each check says what is wrong and how to fix it."""

import json
import os
import subprocess
import sys

ENV = {**os.environ, "PHARMADESK_KEYRING_BACKEND": "none"}


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
