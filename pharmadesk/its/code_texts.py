"""ITS's own texts for its result codes: fetched from the code list service
(`/reference/app/errorcode`, REST only: no SOAP name for it is known), kept in the store with
the date they were fetched, and shown instead of the catalog's texts. Our "what to do" lines
and severities stay (pharmadesk/its/codes.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone

from pharmadesk.bilingual import Bilingual
from pharmadesk.its import codes

SETTING = "its.code_texts"  # {"fetched_at": ISO time, "codes": {code: text}}


@dataclass(frozen=True)
class Refreshed(Bilingual):
    count: int
    new: tuple[str, ...]  # codes ITS lists that the catalog lacks
    fetched_at: datetime
    message_tr: str
    message_en: str


def refresh(store, client) -> Refreshed:
    """Fetch the list through an its2 client, keep it, and use it from now on."""
    texts = client.error_codes()
    fetched_at = datetime.now(timezone.utc).astimezone()
    store.set_setting(SETTING, json.dumps({"fetched_at": fetched_at.isoformat(timespec="seconds"),
                                           "codes": texts}, ensure_ascii=False))
    codes.use_its_texts(texts)
    new = tuple(sorted(set(texts) - set(codes.all_codes())))
    shown = fetched_at.strftime("%d.%m.%Y %H:%M")
    return Refreshed(
        len(texts), new, fetched_at,
        f"ITS kod listesi güncellendi ({shown}): {len(texts)} kod, {len(new)} tanesi katalogda yoktu"
        + (f" ({', '.join(new)})." if new else "."),
        f"ITS code list updated ({shown}): {len(texts)} codes, {len(new)} of them new to the catalog"
        + (f" ({', '.join(new)})." if new else "."))


def apply_stored(store) -> datetime | None:
    """Use the texts kept by the last refresh; their fetch time, or None if there is none."""
    stored = store.setting(SETTING)
    if not stored:
        return None
    record = json.loads(stored)
    codes.use_its_texts(record["codes"])
    return datetime.fromisoformat(record["fetched_at"])


__all__ = ["Refreshed", "SETTING", "refresh", "apply_stored"]
