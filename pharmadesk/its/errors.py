"""What can go wrong when talking to ITS, as exceptions the sync engine and the UI
can tell apart: refused before sending, rejected by ITS, or outcome unknown."""

from __future__ import annotations

from pharmadesk.bilingual import Bilingual


class ItsError(Bilingual, Exception):
    """Base of every ITS error; carries a Turkish and an English message (`str()` is the
    Turkish one, as ITS itself speaks Turkish)."""

    def __init__(self, message_tr: str, message_en: str | None = None) -> None:
        super().__init__(message_tr)
        self.message_tr = message_tr
        self.message_en = message_en or message_tr


class ItsFault(ItsError):
    """ITS answered with a SOAP fault: the whole notification was refused, no item
    has a result. The detail is BildirimHata(FC, FM) in br-v1 and
    itsError(faultCode, faultMessage) in ITS 1.2."""

    def __init__(self, fc: str, fm: str, service: str) -> None:
        shown = f"{fc} {fm}".strip()
        super().__init__(
            f"ITS bildirimi reddetti ({service}): {shown}",
            f"ITS refused the notification ({service}): {shown}",
        )
        self.fc = fc
        self.fm = fm
        self.service = service

    @property
    def structural(self) -> bool:
        """11xxx faults are about the request itself (fields, user, rights):
        resending the same notification cannot succeed, so it must be stopped."""
        return self.fc.startswith("11")


class ItsAuthError(ItsError):
    """HTTP 401/403: ITS did not accept the user name or password."""


class ItsTransportError(ItsError):
    """No usable answer reached us: timeout, refused or reset connection, DNS, TLS,
    or an HTTP error page without a SOAP fault. The notification may or may not
    have taken effect, so it is retried and reconciled, never assumed lost.
    `kind` says which (pharmadesk.its.network), `detail` keeps the technical text for the
    message log and the log files, `http_status` the status of an error page."""

    def __init__(self, message_tr: str, message_en: str | None = None, *, kind: str = "network",
                 detail: str = "", http_status: int | None = None, words=None) -> None:
        super().__init__(message_tr, message_en)
        self.words = words  # pharmadesk.its.network.Words: what happened and what to do, apart
        self.kind = kind
        self.detail = detail
        self.http_status = http_status

    @property
    def answered(self) -> bool:
        """ITS (or something at its address) answered, with an error page (a proxy's
        refusal is no answer from ITS)."""
        return self.kind == "http"


class ItsResponseError(ItsError):
    """An answer came but cannot be trusted: malformed or unsafe XML (DTD, entities),
    an unexpected root element, or items that do not match what was sent.
    Treated like a transport error: the outcome is unknown."""


class ItsConfigError(ItsError):
    """Refused before anything was sent: the request would break an ITS rule
    (user name, GLN, product fields, missing products). `code` is the ITS error
    code the server would have answered with, when there is one."""

    def __init__(self, message_tr: str, message_en: str | None = None, *, code: str | None = None) -> None:
        super().__init__(message_tr, message_en)
        self.code = code


__all__ = [
    "ItsError", "ItsFault", "ItsAuthError", "ItsTransportError", "ItsResponseError", "ItsConfigError",
]
