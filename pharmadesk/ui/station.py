"""What one running workstation is made of — its store, settings, identity, language and
sounds — handed to every window and page instead of a dozen separate arguments."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pharmadesk.config import (  # noqa: F401  (the window's modules take the keys from here)
    AUTOSYNC_SETTING, CAMERA_SETTING, LANGUAGE_SETTING, SERIAL_BAUD_SETTING, SERIAL_PORT_SETTING,
    SOUNDS_SETTING, Config,
)
from pharmadesk.domain import OPERATIONS_BY_STAKEHOLDER, Operation, Stakeholder
from pharmadesk.store import Store
from pharmadesk.ui.feedback import Sounds
from pharmadesk.ui.i18n import Language


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
        from pharmadesk.its import code_texts

        self.config = Config(self.store)
        code_texts.apply_stored(self.store)  # ITS's own code texts, if they were fetched

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
