"""Turkish first, English beside it: every message a pharmacist or an IT person may read
carries both, and one rule picks which one is shown."""

from __future__ import annotations

import os

LANGUAGES = ("tr", "en")
DEFAULT_LANGUAGE = "tr"
LANG_ENV = "PHARMADESK_LANG"


def chosen_language(requested: str | None = None) -> str:
    """The language asked for (`--lang`), else `$PHARMADESK_LANG`, else Turkish."""
    lang = requested or os.environ.get(LANG_ENV) or DEFAULT_LANGUAGE
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def in_language(text_tr: str | None, text_en: str | None, lang: str = DEFAULT_LANGUAGE) -> str | None:
    """The text in `lang`, else the other one: a record written before it kept both
    languages has one of them only, and any text beats none."""
    wanted, other = (text_en, text_tr) if lang == "en" else (text_tr, text_en)
    return wanted or other


class Bilingual:
    """For anything that carries `message_tr` and `message_en`."""

    message_tr: str
    message_en: str

    def message(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return self.message_en if lang == "en" else self.message_tr


class BilingualError(Bilingual, Exception):
    """An error a user reads; `str()` is the English text (for logs and tracebacks)."""

    def __init__(self, message_tr: str, message_en: str) -> None:
        self.message_tr = message_tr
        self.message_en = message_en
        super().__init__(message_en)
