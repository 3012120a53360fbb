"""`pharmadesk doctor` as an IT person runs it: each check says what is wrong and how to fix it,
in Turkish unless English is asked for."""

import json
import os
import subprocess
import sys

# Never the real ITS: tests that do not start the simulator point at a closed local port.
# The language is the default (Turkish) whatever the shell running the tests has chosen.
ENV = {**{k: v for k, v in os.environ.items() if k != "PHARMADESK_LANG"},
       "PHARMADESK_KEYRING_BACKEND": "none", "PHARMADESK_ITS_URL": "http://127.0.0.1:9"}


def _run(*args, env=ENV):
    return subprocess.run([sys.executable, "-m", "pharmadesk", "doctor", *args],
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)


def _doctor(*args, env=ENV):
    result = _run("--json", *args, env=env)
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


def test_doctor_speaks_turkish_by_default_and_english_when_asked(simulator, tmp_path):
    env = {**ENV, "PHARMADESK_ITS_URL": simulator.base_url}
    turkish = _run("--data-dir", str(tmp_path), env=env)
    assert turkish.returncode == 0, turkish.stderr
    assert f"[TAMAM] İTS bağlantısı: {simulator.base_url} yanıt veriyor (HTTP 200" in turkish.stdout
    assert "[TAMAM] veri klasörü: " in turkish.stdout
    assert "[UYARI] parola kasası: " in turkish.stdout
    assert "çözüm: Windows'ta hazır gelir; Linux'ta gnome-keyring kurun" in turkish.stdout
    assert "fix:" not in turkish.stdout and "answers" not in turkish.stdout

    english = _run("--data-dir", str(tmp_path), "--lang", "en", env=env)
    assert english.returncode == 0, english.stderr
    assert f"[ OK ] ITS connection: {simulator.base_url} answers (HTTP 200" in english.stdout
    assert "[ OK ] data folder: " in english.stdout
    assert "[WARN] password store: no OS keyring on this computer" in english.stdout
    assert "fix: Windows has one built in" in english.stdout
    assert "çözüm" not in english.stdout and "İTS" not in english.stdout

    # PHARMADESK_LANG chooses as for the other commands, and --lang overrides it.
    chosen_in_env = {**env, "PHARMADESK_LANG": "en"}
    assert "[ OK ] ITS connection: " in _run("--data-dir", str(tmp_path), env=chosen_in_env).stdout
    overridden = _run("--data-dir", str(tmp_path), "--lang", "tr", env=chosen_in_env)
    assert "[TAMAM] İTS bağlantısı: " in overridden.stdout


def test_doctor_json_keeps_its_keys_and_carries_both_languages(simulator, tmp_path):
    env = {**ENV, "PHARMADESK_ITS_URL": simulator.base_url}
    _, turkish = _doctor("--data-dir", str(tmp_path), env=env)
    _, english = _doctor("--data-dir", str(tmp_path), "--lang", "en", env=env)
    assert turkish.keys() == english.keys()  # names are the keys scripts read, in any language
    its = turkish["ITS"]
    assert its["status"] == "ok" and its["label"] == "İTS bağlantısı" and "yanıt veriyor" in its["detail"]
    assert its["label_en"] == "ITS connection" and "answers" in its["detail_en"]
    assert english["ITS"]["label"] == "ITS connection" and "answers" in english["ITS"]["detail"]
    store = turkish["password store"]
    assert store["fix"] == store["fix_tr"] and "ortam değişkeniyle" in store["fix_tr"]
    assert english["password store"]["fix"] == store["fix_en"] and "gnome-keyring" in store["fix_en"]


def test_doctor_fails_with_a_fix_when_its_is_unreachable(tmp_path):
    env = {**ENV, "PHARMADESK_ITS_URL": "http://127.0.0.1:9"}
    code, checks = _doctor("--data-dir", str(tmp_path), env=env)
    assert code == 1
    assert checks["ITS"]["status"] == "fail"
    assert "internet bağlantısını" in checks["ITS"]["fix"] and "internet" in checks["ITS"]["fix_en"]


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
        assert "USB ve seri port okuyucular yine çalışır" in checks["cameras"]["detail"]
        assert "USB and serial scanners still work" in checks["cameras"]["detail_en"]
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
        assert "okuyucuyu takın" in checks["serial scanner"]["fix"]
        assert "plug the scanner in" in checks["serial scanner"]["fix_en"]


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
    assert "Ayarlar'ın Okuyucular sekmesinden" in checks["camera source"]["fix"]
    assert "Settings" in checks["camera source"]["fix_en"]


def test_doctor_reads_the_settings_the_station_writes():
    from pharmadesk import doctor
    from pharmadesk.ui import station

    assert doctor.SERIAL_PORT_SETTING == station.SERIAL_PORT_SETTING
    assert doctor.SERIAL_BAUD_SETTING == station.SERIAL_BAUD_SETTING
    assert doctor.CAMERA_SETTING == station.CAMERA_SETTING


def test_doctor_output_to_a_code_page_without_turkish_letters_does_not_crash(tmp_path):
    # An English Windows redirecting `pharmadesk doctor > report.txt` writes cp1252.
    result = subprocess.run([sys.executable, "-m", "pharmadesk", "doctor", "--data-dir", str(tmp_path)],
                            capture_output=True, env={**ENV, "PYTHONIOENCODING": "cp1252"}, timeout=120)
    assert b"Traceback" not in result.stderr, result.stderr.decode("utf-8", "replace")
    assert result.returncode == 1  # ITS is unreachable in this test, the report is complete
    assert b"ba?lant?s?n? kontrol edin" in result.stdout  # the ITS fix, letters cp1252 lacks as '?'


# ---- --its-check: one Ürün Doğrulama to the configured ITS ----

def _its_check_env(simulator, url: str | None = None, password: str = "sandbox") -> dict:
    from pharmadesk.sim import sandbox
    return {**ENV, "PHARMADESK_ITS_URL": url or simulator.base_url, "PHARMADESK_ITS_GLN": sandbox.PHARMACY,
            "PHARMADESK_ITS_USERNAME": sandbox.PHARMACY + "0000", "PHARMADESK_ITS_PASSWORD": password,
            "PHARMADESK_ITS_STAKEHOLDER": "pharmacy"}


def _box(simulator) -> str:
    from pharmadesk.sim import sandbox
    from syncstation import ship
    return ship(simulator, 1, to=sandbox.PHARMACY)[0]


def test_its_check_verifies_one_box_and_shows_the_raw_answer_without_the_password(simulator, tmp_path):
    box = _box(simulator)
    code, checks = _doctor("--data-dir", str(tmp_path), "--its-check", box, "--lang", "en",
                           env=_its_check_env(simulator))
    check = checks["ITS check"]
    assert check["status"] == "ok", check
    assert "path, namespace and credentials worked: Ürün Doğrulama answered UC 4" in check["detail_en"]
    assert "yol, ad alanı ve kimlik bilgileri çalıştı" in check["detail_tr"]
    assert "derived by analogy" in check["detail_en"]  # no public source shows Ürün Doğrulama's SOAPAction
    assert "/UrunDogrulama/UrunDogrulamaReceiverService → HTTP 200" in check["raw"]
    assert "UrunDogrulamaBildirimCevap" in check["raw"] and "<BILDIRIMID>" in check["raw"]
    assert "sandbox" not in check["raw"]
    assert code == 0
    shown = _run("--data-dir", str(tmp_path), "--its-check", box, env=_its_check_env(simulator))
    assert "[TAMAM] İTS deneme doğrulaması: yol, ad alanı ve kimlik bilgileri çalıştı" in shown.stdout
    assert "--- İTS ile yapılan alışveriş (parola gizli) ---" in shown.stdout


def test_its_check_tells_a_refused_password_from_a_wrong_path(simulator, tmp_path):
    box = _box(simulator)
    code, checks = _doctor("--data-dir", str(tmp_path), "--its-check", box,
                           env=_its_check_env(simulator, password="wrong-Parola"))
    assert code == 1 and checks["ITS check"]["status"] == "fail"
    assert "refused the user name or password" in checks["ITS check"]["detail_en"]
    assert "wrong-Parola" not in json.dumps(checks, ensure_ascii=False)

    code, checks = _doctor("--data-dir", str(tmp_path), "--its-check", box,
                           env=_its_check_env(simulator, url=simulator.base_url + "/elsewhere"))
    assert code == 1
    assert "(HTTP 404): the service path is wrong" in checks["ITS check"]["detail_en"], checks["ITS check"]


def test_its_check_refuses_a_karekod_it_cannot_read(simulator, tmp_path):
    code, checks = _doctor("--data-dir", str(tmp_path), "--its-check", "not a karekod",
                           env=_its_check_env(simulator))
    assert code == 1 and "cannot be read" in checks["ITS check"]["detail_en"]


def test_doctor_shows_the_database_size_and_the_message_log_retention(tmp_path):
    from pharmadesk.store import open_store

    with open_store(tmp_path) as store:
        store.set_setting("message_log.keep_days", "30")
    size_mb = (tmp_path / "pharmadesk.sqlite").stat().st_size / 1e6
    code, checks = _doctor("--data-dir", str(tmp_path))
    database = checks["database"]
    assert database["status"] == "ok"
    assert f"{size_mb:.1f} MB" in database["detail"] and "30" in database["detail"]
    turkish = _run("--data-dir", str(tmp_path)).stdout
    assert "[TAMAM] veritabanı: " in turkish and "30 gün" in turkish
