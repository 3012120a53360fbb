"""How each scan outcome and item state looks and sounds: an icon (never colour alone),
a row tint, and a short sound the pharmacist recognises without looking up."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QColor, QIcon

from pharmadesk.resources import RESOURCES_DIR
from pharmadesk.store import states

RESOURCES = RESOURCES_DIR


@dataclass(frozen=True)
class Look:
    icon: str  # file name in resources/icons/ without .svg
    tint: str  # row background
    ink: str  # strong colour for the big last-scan banner
    sound: str | None  # file name in resources/sounds/ without .wav


# Scan outcomes (pharmadesk.session.ScanOutcome.status) and item states share one table:
# a fresh scan is "queued", and then its item moves through the outbox states.
LOOKS: dict[str, Look] = {
    "queued": Look("queued", "#e8f0fe", "#1a73e8", "accepted"),
    states.SENDING: Look("sending", "#f1ecfb", "#7b61c9", None),
    states.ACCEPTED: Look("accepted", "#e6f4ea", "#1e8e3e", None),
    states.REJECTED: Look("rejected", "#fce8e6", "#c5221f", None),
    states.NEEDS_ATTENTION: Look("attention", "#fef0d9", "#b06000", None),
    states.REMOVED: Look("removed", "#f1f3f4", "#5f6368", None),
    "duplicate": Look("duplicate", "#fef7e0", "#b06000", "duplicate"),
    "expired": Look("expired", "#fce8e6", "#c5221f", "expired"),
    "unreadable": Look("unreadable", "#f1f3f4", "#3c4043", "error"),
    "invalid": Look("unreadable", "#f1f3f4", "#3c4043", "error"),
    "ambiguous": Look("attention", "#fef0d9", "#b06000", "error"),
    "not_allowed": Look("rejected", "#fce8e6", "#c5221f", "error"),
    "not_saved": Look("attention", "#fce8e6", "#c5221f", "error"),  # the disk refused the write
    states.WAITING: Look("attention", "#fef0d9", "#b06000", "error"),  # kept until the form is complete
}


def look(kind: str) -> Look:
    return LOOKS.get(kind, LOOKS["unreadable"])


@lru_cache(maxsize=None)
def icon(kind: str) -> QIcon:
    return QIcon(str(RESOURCES / "icons" / f"{look(kind).icon}.svg"))


@lru_cache(maxsize=None)
def tint(kind: str) -> QColor:
    return QColor(look(kind).tint)


def app_icon() -> QIcon:
    return QIcon(str(RESOURCES / "icons" / "pharmadesk.svg"))


class Sounds(QObject):
    """Plays the feedback sound of an outcome. Works silently where the PC has no audio
    (or QtMultimedia cannot load): the scan itself never depends on a sound."""

    def __init__(self, parent: QObject | None = None, *, enabled: bool = True):
        super().__init__(parent)
        self.enabled = enabled
        self.last_played: str | None = None  # what the pharmacist heard last (tests and the status bar read it)
        self._effects: dict = {}
        try:
            from PySide6.QtMultimedia import QSoundEffect
        except ImportError:
            self._effect_class = None
        else:
            self._effect_class = QSoundEffect

    def play_for(self, kind: str) -> None:
        name = look(kind).sound
        if not self.enabled or name is None:
            return
        self.last_played = name
        effect = self._effect(name)
        if effect is not None:
            effect.play()

    def _effect(self, name: str):
        if self._effect_class is None:
            return None
        if name not in self._effects:
            effect = self._effect_class(self)
            effect.setSource(QUrl.fromLocalFile(str(RESOURCES / "sounds" / f"{name}.wav")))
            self._effects[name] = effect
        return self._effects[name]
