"""What an ITS result code means for the pharmacist: text, severity, what to do next
and, after a verification, which operations the box still allows. The codes are
data (resources/its_codes.json), as the ITS guide asks: ITS may change them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from collections.abc import Mapping

from pharmadesk.domain import OPERATIONS_BY_STAKEHOLDER, Operation, Stakeholder
from pharmadesk.resources import resource_path

CODES_FILE = resource_path("its_codes.json")
SUCCESS = "00000"
_its_texts: dict[str, str] = {}  # ITS's own texts, when fetched (use_its_texts)


@dataclass(frozen=True)
class CodeInfo:
    code: str
    text: str
    severity: str  # "success" | "warning" | "error"
    advice: str  # what to do next, in plain words
    actions: tuple[Operation, ...] = ()  # for verification warnings: what the box allows
    known: bool = True


@lru_cache(maxsize=1)
def _catalog() -> dict[str, Any]:
    return json.loads(CODES_FILE.read_text(encoding="utf-8"))


def normalize(code: str | int) -> str:
    """Five digits: some answers and clients drop the leading zeros ("0" for 00000)."""
    text = str(code).strip()
    return text.zfill(5) if text.isdigit() else text


def use_its_texts(texts: Mapping[str, str]) -> None:
    """Show ITS's own Turkish texts (pharmadesk/its/code_texts.py fetches them) instead of
    the catalog's; our advice and severities stay, and a code ITS lists but the catalog lacks
    reads with ITS's text and the generic advice."""
    global _its_texts
    _its_texts = {normalize(code): text for code, text in texts.items()}


def describe(code: str | int, lang: str = "tr", *, operation: Operation | str | None = None,
             stakeholder: Stakeholder | str | None = None) -> CodeInfo:
    """The catalog's words for a code. `operation`: the one that got the code, where it changes
    what to do (a recalled box refused on a receipt is given back, on a sale returned);
    `stakeholder`: only the actions that kind of station can take."""
    code = normalize(code)
    suffix = "en" if lang == "en" else "tr"
    entry = _catalog()["codes"].get(code)
    its_text = _its_texts.get(code)
    if entry is None:
        unknown = _catalog()["unknown"]
        if its_text is None:
            text = unknown[suffix].format(code=code)
        else:
            text = its_text if suffix == "tr" else f"ITS code {code} (ITS's Turkish text: {its_text})"
        return CodeInfo(code=code, text=text, severity="error", advice=unknown[f"advice_{suffix}"], known=False)
    advice = entry[f"advice_{suffix}"]
    if operation is not None:
        advice = entry.get("advice_by_operation", {}).get(Operation(operation).value, {}).get(suffix, advice)
    actions = tuple(Operation(action) for action in entry.get("actions", ()))
    if stakeholder is not None:
        actions = tuple(action for action in actions
                        if action in OPERATIONS_BY_STAKEHOLDER[Stakeholder(stakeholder)])
    text = its_text if its_text and suffix == "tr" else entry[suffix]
    return CodeInfo(code=code, text=text, severity=entry["severity"], advice=advice, actions=actions)


def is_success(code: str | int, operation: Operation) -> bool:
    """Whether an item's code, read at face value, means the operation took effect:
    00000, or for a verification (which never answers 00000) its 40xxx warnings. The
    "already done" codes of a resend are read by `pharmadesk.reconcile`."""
    code = normalize(code)
    if code == SUCCESS:
        return True
    return Operation(operation) is Operation.VERIFY and code.startswith("40")


def all_codes() -> tuple[str, ...]:
    return tuple(_catalog()["codes"])


__all__ = ["CodeInfo", "describe", "use_its_texts", "is_success", "normalize", "all_codes", "CODES_FILE"]
