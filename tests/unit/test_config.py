"""Settings: typed and checked, environment overrides, the data folder, and the password
that never lands in the database."""

import pytest

from pharmadesk import config
from pharmadesk.config import Config, ConfigError
from pharmadesk.domain import Stakeholder
from pharmadesk.store import Store

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
])
def test_bad_values_are_refused_in_both_languages(cfg, key, value):
    with pytest.raises(ConfigError) as refused:
        cfg.set(key, value)
    assert refused.value.message_tr and refused.value.message_en
    assert cfg.store.setting(key) is None


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
