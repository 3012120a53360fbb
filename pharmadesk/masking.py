"""Blanking what must never be read back: the one masking function behind the log files,
the message log (store and window) and anything else that writes or shows a text which
may carry a password or personal data. Qt-free."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable

MASK = "********"

# Element (and key) names whose content is masked wherever they appear: in a SOAP
# envelope (<wsse:Password>, <sifre>), a key=value pair or a JSON field. Add a name here
# and every log and the message log mask it.
MASKED_ELEMENTS = frozenset({"password", "passwd", "pwd", "sifre", "şifre", "parola",
                             # KVKK: a reimbursement sale's doctor (BELGE/DR) and patient (BELGE/CP)
                             # T.C. identity numbers, also as SaleDetails' fields in a repr
                             "dr", "cp", "doctor_id", "patient_id",
                             "token", "access_token"})  # the ITS2 login token (JSON)

_AUTH_HEADER = re.compile(
    # "Authorization: Basic …" on its own line, or 'Authorization': 'Basic …' in a dict
    r"(?im)((?:proxy-)?authorization['\"]?\s*[:=]\s*)(?:['\"]?(?:basic|bearer)\s+[\w+/=.-]+|[^\r\n'\"]+)")

_known: set[str] = set()
_known_lock = threading.Lock()


def remember(secret: str | None) -> None:
    """Mask `secret` (the ITS password, from the keyring or the environment) from now on,
    wherever a text carries it."""
    if secret:
        with _known_lock:
            _known.add(secret)


def _patterns(elements: frozenset[str]) -> tuple[re.Pattern, re.Pattern]:
    names = "|".join(sorted((re.escape(name) for name in elements), key=len, reverse=True))
    element = re.compile(rf"(?is)(<(?:[\w.-]+:)?(?:{names})\b[^>]*(?<!/)>)[^<]*")
    pair = re.compile(rf"(?i)(\b(?:{names})['\"]?\s*[:=]\s*['\"]?)[^\s'\"&,;<}}]+")
    return element, pair


_DEFAULT_PATTERNS = _patterns(MASKED_ELEMENTS)


def mask(text: str | None, secrets: Iterable[str | None] = (),
         elements: frozenset[str] = MASKED_ELEMENTS) -> str | None:
    """`text` with every secret blanked: the contents of the named elements and key=value
    pairs, Authorization headers, each of `secrets` and every remembered password,
    wherever they appear. None stays None."""
    if not text:
        return text
    with _known_lock:
        every_secret = sorted(_known.union(s for s in secrets if s), key=len, reverse=True)
    for secret in every_secret:
        text = text.replace(secret, MASK)
    element, pair = _DEFAULT_PATTERNS if elements is MASKED_ELEMENTS else _patterns(elements)
    text = element.sub(lambda match: match.group(1) + MASK, text)
    text = pair.sub(lambda match: match.group(1) + MASK, text)
    return _AUTH_HEADER.sub(lambda match: match.group(1) + MASK, text)


def is_masked_element(local_name: str, elements: frozenset[str] = MASKED_ELEMENTS) -> bool:
    """Whether an XML element (by its local name) has its content masked, for code that
    walks a parsed tree."""
    return local_name.lower() in elements
