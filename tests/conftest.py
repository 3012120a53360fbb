"""Test-wide setup: Qt runs offscreen, so the suite needs no display; an in-memory
keyring for the tests that keep a password."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PHARMADESK_KEYRING_BACKEND", "none")

import keyring  # noqa: E402  (after the environment above)
import keyring.backend  # noqa: E402
import pytest  # noqa: E402

from pharmadesk import config  # noqa: E402


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring backend through keyring's own plug-in interface: the machines the tests
    run on have no OS keyring daemon."""

    priority = 1

    def __init__(self):
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.passwords.get((service, username))

    def set_password(self, service, username, password):
        self.passwords[(service, username)] = password

    def delete_password(self, service, username):
        self.passwords.pop((service, username), None)


@pytest.fixture
def memory_keyring(monkeypatch):
    monkeypatch.delenv(config.KEYRING_BACKEND_ENV, raising=False)
    monkeypatch.delenv(config.PASSWORD_ENV, raising=False)
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def no_remembered_passwords(monkeypatch):
    """Each test starts with no password remembered for masking (pharmadesk.masking): a
    password one test used ("wrong", "sandbox") must not blank another test's words."""
    from pharmadesk import masking

    monkeypatch.setattr(masking, "_known", set())
