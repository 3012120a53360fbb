"""Where the read-only files PharmaDesk ships live (resources/: WSDLs, the ITS code
catalog, translations, sounds, icons, demo data) — beside the source tree when run from
a checkout, inside the bundle folder when run from the PyInstaller build."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)  # set by PyInstaller's bootloader
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"


RESOURCES_DIR = resources_dir()


def resource_path(*parts: str) -> Path:
    """resource_path("wsdl", "br-v1") -> the folder resources/wsdl/br-v1."""
    return RESOURCES_DIR.joinpath(*parts)
