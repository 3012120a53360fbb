"""Test-wide setup: Qt runs offscreen, so the suite needs no display."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PHARMADESK_KEYRING_BACKEND", "none")
