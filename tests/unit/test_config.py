"""Settings: typed and checked, environment overrides, the data folder, and the password
that never lands in the database."""

import pytest

from pharmadesk import config
from pharmadesk.config import Config, ConfigError
from pharmadesk.domain import Stakeholder
from pharmadesk.store import Store
from scanners.wedge import WedgeSettings

GLN = "8680001000005"


@pytest.fixture
def cfg(tmp_path):
    with Store(tmp_path / "pharmadesk.sqlite") as store:
        yield Config(store, environ={})


def test_defaults_and_stored_values(cfg):
    assert cfg.get("sync.chunk_size") == 10000
    assert cfg.get("its.protocol") == "br-v1"
    assert cfg.get("its.gln") is None
    cfg.set("sync.chunk_size", "500")
    cfg.set("its.url", "http://127.0.0.1:8080/")
    assert cfg.get("sync.chunk_size") == 500
    assert cfg.get("its.url") == "http://127.0.0.1:8080"
    assert cfg.store.setting("sync.chunk_size") == "500"


@pytest.mark.parametrize("key, value", [
    ("its.gln", "8680001000004"),  # wrong check digit
    ("its.username", "868000100000"),
    ("its.protocol", "soap-2"),
    ("its.stakeholder", "bakkal"),
    ("sync.chunk_size", "0"),
    ("sync.chunk_size", "ten"),
    ("its.url", "its.saglik.gov.tr"),
    ("its.verify_tls", "maybe"),
    ("ui.language", "de"),
    ("ui.sounds", "loud"),
    ("ui.autosync_minutes", "-5"),
    ("ui.autosync_minutes", "241"),
    ("scanner.wedge.max_gap_ms", "4"),
    ("scanner.wedge.end_timeout_ms", "fast"),
    ("scanner.wedge.min_length", "61"),
    ("scanner.wedge.terminator", "space"),
    ("scanner.wedge.layout", "azerty"),
    ("scanner.wedge.gs_standin", "~|X"),
    ("scanner.serial_baudrate", "0"),
])
def test_bad_values_are_refused_in_both_languages(cfg, key, value):
    with pytest.raises(ConfigError) as refused:
        cfg.set(key, value)
    assert refused.value.message_tr and refused.value.message_en
    assert cfg.store.setting(key) is None


def test_a_refusal_names_the_setting_and_what_it_is_for(cfg):
    with pytest.raises(ConfigError) as refused:
        cfg.set("ui.autosync_minutes", "300")
    assert refused.value.message_en == ("Invalid value '300' for ui.autosync_minutes (minutes between "
                                        "automatic syncs while ITS is reachable; 0: off): "
                                        "Enter a whole number from 0 to 240.")
    assert refused.value.message_tr.startswith("ui.autosync_minutes (ITS'e ulaşılabildiği")
    assert "0 ile 240 arasında" in refused.value.message_tr


def test_workstation_and_scanner_settings_read_as_typed_values(cfg):
    assert (cfg.get("ui.language"), cfg.get("ui.sounds"), cfg.get("ui.autosync_minutes")) == ("tr", True, 0)
    cfg.set("ui.sounds", "false")
    cfg.set("ui.language", "en")
    cfg.set("ui.autosync_minutes", "15")
    cfg.set("scanner.wedge.gs_standin", "~|<GS>")
    cfg.set("scanner.serial_baudrate", "115200")
    assert (cfg.get("ui.sounds"), cfg.get("ui.language"), cfg.get("ui.autosync_minutes")) == (False, "en", 15)
    assert config.gs_standins(cfg.get("scanner.wedge.gs_standin")) == ("~", "<GS>")
    assert cfg.get("scanner.serial_baudrate") == 115200
    cfg.store.set_setting("ui.sounds", "off")  # what the window's sound switch writes
    assert cfg.get("ui.sounds") is False


def test_the_wedge_defaults_are_the_scanner_engines_own():
    wedge = WedgeSettings()
    defaults = {key: option.default for key, option in config.OPTIONS.items()}
    assert defaults["scanner.wedge.max_gap_ms"] / 1000 == wedge.max_gap
    assert defaults["scanner.wedge.end_timeout_ms"] / 1000 == wedge.end_timeout
    assert defaults["scanner.wedge.min_length"] == wedge.min_length
    assert defaults["scanner.wedge.terminator"] == wedge.terminator


def test_every_setting_says_what_it_is_for_in_both_languages():
    for option in config.OPTIONS.values():
        assert option.help("tr") and option.help("en") and option.help("tr") != option.help("en"), option.key


def test_a_hand_edited_value_the_workstation_cannot_read_gives_the_default(cfg):
    cfg.store.set_setting("ui.autosync_minutes", "often")
    assert cfg.get_or_default("ui.autosync_minutes") == 0
    with pytest.raises(ConfigError):
        cfg.get("ui.autosync_minutes")  # `pharmadesk config get` says why


def test_username_must_start_with_the_gln(cfg):
    cfg.set("its.gln", GLN)
    with pytest.raises(ConfigError) as refused:
        cfg.set("its.username", "86800010000120000")
    assert "11039" in refused.value.message_en
    cfg.set("its.username", GLN + "0001")
    assert cfg.get("its.username") == GLN + "0001"


def test_unknown_key_lists_the_known_ones(cfg):
    with pytest.raises(ConfigError) as refused:
        cfg.get("its.pasword")
    assert "its.url" in refused.value.message_en


def test_environment_overrides_the_database(cfg):
    cfg.set("its.url", "http://stored")
    env_cfg = Config(cfg.store, environ={"PHARMADESK_ITS_URL": "http://from-env",
                                         "PHARMADESK_SYNC_CHUNK_SIZE": "250"})
    assert env_cfg.get("its.url") == "http://from-env"
    assert env_cfg.get("sync.chunk_size") == 250
    assert config.env_name("sync.chunk_size") == "PHARMADESK_SYNC_CHUNK_SIZE"


def test_stakeholder(cfg):
    cfg.set("its.stakeholder", "hospital")
    assert cfg.stakeholder() is Stakeholder.HOSPITAL


def test_data_dir_order(tmp_path):
    assert config.data_dir(tmp_path / "a", environ={"PHARMADESK_DATA_DIR": "/x"}) == tmp_path / "a"
    assert str(config.data_dir(None, environ={"PHARMADESK_DATA_DIR": "/x"})) == "/x"
    assert "PharmaDesk" in str(config.data_dir(None, environ={}))


def test_password_from_environment_and_never_from_the_keyring_when_turned_off():
    environ = {"PHARMADESK_KEYRING_BACKEND": "none"}
    assert config.get_password(GLN + "0000", environ) is None
    assert not config.keyring_available(environ)
    with pytest.raises(ConfigError) as refused:
        config.set_password(GLN + "0000", "secret", environ)
    assert "PHARMADESK_ITS_PASSWORD" in refused.value.message_en
    environ["PHARMADESK_ITS_PASSWORD"] = "sandbox"
    assert config.get_password(GLN + "0000", environ) == "sandbox"


def test_there_is_no_password_setting(cfg):
    with pytest.raises(ConfigError):
        cfg.set("its.password", "secret")
