"""What one running workstation is made of — its store, settings, identity, language and
sounds — handed to every window and page instead of a dozen separate arguments."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pharmadesk.config import Config
from pharmadesk.domain import OPERATIONS_BY_STAKEHOLDER, Operation, Stakeholder
from pharmadesk.store import Store
from pharmadesk.ui.feedback import Sounds
from pharmadesk.ui.i18n import Language

# Every key here is declared, with its default and its check, in pharmadesk/config.py.
LANGUAGE_SETTING = "ui.language"
SOUNDS_SETTING = "ui.sounds"
# Auto-sync: minutes between automatic syncs while ITS is reachable; "0" or unset: off.
AUTOSYNC_SETTING = "ui.autosync_minutes"
# Scanners the window opens at start (written by the settings dialog): a serial port
# (device path or pyserial URL) with its baud rate, and a camera (index, video file or
# image folder) for the camera panel.
SERIAL_PORT_SETTING = "scanner.serial_port"
SERIAL_BAUD_SETTING = "scanner.serial_baudrate"
CAMERA_SETTING = "scanner.camera"


def page_name(operation: Operation, stakeholder: Stakeholder, lang: str) -> str:
    """The name of an operation's page for this kind of station."""
    from pharmadesk.session import operation_name

    return operation_name(operation, lang, stakeholder)


@dataclass
class Station:
    store: Store
    data_dir: Path
    language: Language
    sounds: Sounds
    sandbox: bool = False
    simulator_url: str | None = None  # set once the sandbox simulator listens
    config: Config = field(init=False)

    def __post_init__(self) -> None:
        self.config = Config(self.store)

    @property
    def lang(self) -> str:
        return self.language.code

    @property
    def stakeholder(self) -> Stakeholder:
        return self.config.stakeholder()

    @property
    def gln(self) -> str | None:
        return self.config.get("its.gln")

    def operations(self) -> tuple[Operation, ...]:
        return OPERATIONS_BY_STAKEHOLDER[self.stakeholder]

    def page_name(self, operation: Operation) -> str:
        return page_name(operation, self.stakeholder, self.lang)

    def autosync_minutes(self) -> int:
        return self.config.get_or_default(AUTOSYNC_SETTING)
