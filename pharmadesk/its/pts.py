"""The PTS client (Paket Transfer Sistemi): lists the shipment packages addressed to this
station and downloads them, with the same ITS user. PTS is not a notification: the boxes
of a package are received afterwards with an ordinary Mal Alım (its-protocol.md §8)."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from xml.sax.saxutils import escape

import requests
from lxml import etree

from pharmadesk.domain import gln_is_valid
from pharmadesk.its import network, xmlsafe
from pharmadesk.its.client import CONNECT_TIMEOUT, Exchange, exchange, its_session
from pharmadesk.its.errors import ItsAuthError, ItsConfigError, ItsFault, ItsResponseError
from pharmadesk.its.pts_package import Package, read_zip

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
MAX_WINDOW_DAYS = 31  # PTS answers a transfer list for at most 31 days at a time


@dataclass(frozen=True)
class _Service:
    key: str
    path: str
    namespace: str
    request: str


TRANSFER_LIST = _Service("pts.transfer-details", "/PTS/PackageTransferHelperService",
                         "http://its.iegm.gov.tr/pts/helper/receiveTrasnferDetails",  # sic: PTS's spelling
                         "receiveTransferDetailsParameters")
GET_PACKAGE = _Service("pts.get-package", "/PTS/GetPackage", "http://pts.titck.gov.tr/get", "getStreamParameters")
RECEIVE_FILE_STREAM = _Service("pts.receive-file-stream", "/PTS/PackageReceiverWebService",
                               "http://its.iegm.gov.tr/pts/receivepackage", "receiveFileStreamParameters")
DOWNLOAD_SERVICES = {"get-package": GET_PACKAGE, "receive-file-stream": RECEIVE_FILE_STREAM}

# What a pharmacist can do about the PTS codes (its-protocol.md §12).
_FAULT_HINTS = {
    "21012": ("Bu paket izin verilen sayıda (100) indirildi; PTS daha fazla indirmeye izin vermiyor. "
              "Gönderenden paketi yeniden göndermesini isteyin.",
              "This package was downloaded the allowed number of times (100); PTS refuses more. "
              "Ask the sender to send the package again."),
    "20008": ("PTS bu transfer numarasını bulamadı.", "PTS does not know this transfer id."),
    "20004": ("Bu kullanıcı bu firma adına paket alamaz.", "This user may not receive packages for this firm."),
    "20100": ("Bu kullanıcı bu firma adına paket alamaz.", "This user may not receive packages for this firm."),
}


class PtsFault(ItsFault):
    """PTS refused the request (SOAP fault with faultCode/faultMessage), said as PTS's refusal
    with what the pharmacist can do about it."""

    def __init__(self, fc: str, fm: str, service: str) -> None:
        super().__init__(fc, fm, service)
        hint_tr, hint_en = _FAULT_HINTS.get(fc, ("", ""))
        shown = f"{fc} {fm}".strip().rstrip(".")
        self.message_tr = f"PTS isteği reddetti ({service}): {shown}. {hint_tr}".strip()
        self.message_en = f"PTS refused the request ({service}): {shown}. {hint_en}".strip()
        self.args = (self.message_tr,)


@dataclass(frozen=True)
class Transfer:
    """One package addressed to this station, as the transfer list names it."""

    transfer_id: int
    sender_gln: str
    receiver_gln: str
    transfer_date: str


class PtsClient:
    def __init__(self, base_url: str, username: str, password: str, *, gln: str,
                 download: str = "get-package", timeout: float = 60.0,
                 on_exchange: Callable[[Exchange], None] | None = None, verify_tls: bool | str = True):
        if not gln_is_valid(gln):
            raise ItsConfigError(f"Eczane/kurum GLN'si geçersiz: {gln!r}.", f"Invalid stakeholder GLN: {gln!r}.",
                                 code="11018")
        self.base_url = base_url.rstrip("/")
        self.gln = gln
        self.download_service = DOWNLOAD_SERVICES[download]
        self.timeout = timeout
        self.on_exchange = on_exchange
        self._session = its_session(username, password, verify_tls)

    # ---- public API ----

    def transfers(self, days: int = MAX_WINDOW_DAYS, *, today: date | None = None) -> list[Transfer]:
        """The transfers addressed to this station in the last `days` days, asked for in
        windows of at most 31 days, newest window first, each transfer once."""
        found: dict[int, Transfer] = {}
        for start, end in windows(days, today):
            body = _envelope(TRANSFER_LIST, [("sourceGLN", ""), ("destinationGLN", self.gln),
                                             ("bringNotReceivedTransferInfo", "0"),
                                             ("startDate", start.isoformat()), ("endDate", end.isoformat())])
            payload = self._call(TRANSFER_LIST, body)
            for detail in payload.iter():
                if _local(detail) == "transferDetails":
                    transfer = _transfer(detail)
                    found.setdefault(transfer.transfer_id, transfer)
        return sorted(found.values(), key=lambda transfer: transfer.transfer_id)

    def download(self, transfer_id: int, source_gln: str = "") -> Package:
        """The package of one transfer, its MD5 and ZIP checked (PackageError if it is damaged)
        and opened, to be streamed by `Package.items()`."""
        service = self.download_service
        fields = [("transferId", str(int(transfer_id)))]
        if service is RECEIVE_FILE_STREAM:
            fields.insert(0, ("sourceGLN", source_gln))
        payload = self._call(service, _envelope(service, fields))
        stream = md5 = None
        for element in payload.iter():
            name = _local(element)
            if name in ("fileStream", "responseFileStream"):
                stream = element.text or ""
            elif name == "streamMD5checksum":
                md5 = (element.text or "").strip() or None
        return package_from(stream, md5)

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> PtsClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ---- internals ----

    def _call(self, service: _Service, body: bytes) -> etree._Element:
        """POST one request; the payload element of the answer, or the matching ItsError."""
        url = self.base_url + service.path
        headers = {"SOAPAction": '""', "Content-Type": "text/xml; charset=utf-8"}
        return exchange(
            lambda: self._session.post(url, data=body, headers=headers, timeout=(CONNECT_TIMEOUT, self.timeout)),
            lambda response: self._read(service, response), self.on_exchange, service=service.key,
            operation="pts", url=url, request_xml=body.decode("utf-8"), timeout=self.timeout,
            shown_answer=_shown_answer)

    @staticmethod
    def _read(service: _Service, response: requests.Response) -> etree._Element:
        if response.status_code in (401, 403):
            raise ItsAuthError(f"PTS kullanıcı adını veya şifresini kabul etmedi (HTTP {response.status_code}).",
                               f"PTS did not accept the user name or password (HTTP {response.status_code}).")
        try:
            envelope = xmlsafe.parse(response.content, large_text=True)
        except xmlsafe.UnsafeXml as error:
            if response.status_code == 200:
                raise ItsResponseError(f"PTS cevabı okunamadı: {error}", f"The PTS answer cannot be read: {error}") \
                    from None
            raise network.from_status(response.status_code, response.url) from None
        body = envelope.find(f"{{{SOAP_ENV}}}Body") if envelope.tag == f"{{{SOAP_ENV}}}Envelope" else None
        payload = next((child for child in body if isinstance(child.tag, str)), None) if body is not None else None
        if payload is not None and payload.tag == f"{{{SOAP_ENV}}}Fault":
            values = {_local(element): (element.text or "").strip() for element in payload.iter()}
            raise PtsFault(values.get("faultCode", ""), values.get("faultMessage") or values.get("faultstring", ""),
                           service.key)
        if response.status_code != 200:
            raise network.from_status(response.status_code, response.url)
        if payload is None:
            raise ItsResponseError("PTS cevabı boş.", "The PTS answer is empty.")
        return payload

def windows(days: int, today: date | None = None) -> Iterator[tuple[date, date]]:
    """(start, end) of the windows of at most 31 days covering the last `days` days, newest first."""
    end = today or date.today()
    first = end - timedelta(days=max(1, days) - 1)
    while end >= first:
        start = max(first, end - timedelta(days=MAX_WINDOW_DAYS - 1))
        yield start, end
        end = start - timedelta(days=1)


def package_from(stream: str | None, md5: str | None) -> Package:
    """A downloaded package from its base64 ZIP, checked against its MD5 when PTS gave one."""
    if stream is None:
        raise ItsResponseError("PTS cevabında paket yok.", "The PTS answer holds no package.")
    try:
        data = base64.b64decode("".join(stream.split()), validate=True)
    except (binascii.Error, ValueError):
        raise ItsResponseError("PTS paketi base64 olarak okunamadı.",
                               "The PTS package is not valid base64.") from None
    return read_zip(data, md5)


def _envelope(service: _Service, fields: list[tuple[str, str]]) -> bytes:
    children = "".join(f"<{name}>{escape(value)}</{name}>" for name, value in fields)
    return (f'<?xml version="1.0" encoding="utf-8"?><S:Envelope xmlns:S="{SOAP_ENV}"><S:Header/><S:Body>'
            f'<ns:{service.request} xmlns:ns="{service.namespace}">{children}</ns:{service.request}>'
            f"</S:Body></S:Envelope>").encode("utf-8")


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _transfer(detail: etree._Element) -> Transfer:
    values = {_local(child): (child.text or "").strip() for child in detail}
    return transfer_of(values.get("transferId"), values.get("sourceGLN", ""), values.get("destinationGLN", ""),
                       values.get("transferDate", ""))


def transfer_of(transfer_id: object, sender_gln: str, receiver_gln: str, transfer_date: str) -> Transfer:
    """One entry of a transfer list (ItsResponseError when its transfer id is not a number)."""
    try:
        number = int(str(transfer_id).strip())
    except ValueError:
        raise ItsResponseError(f"PTS transfer numarası okunamadı: {transfer_id!r}.",
                               f"A PTS transfer id cannot be read: {transfer_id!r}.") from None
    return Transfer(number, sender_gln, receiver_gln, transfer_date)


def _shown_answer(content: bytes) -> str:
    """The answer for the message log, without the package itself (megabytes of base64)."""
    text = content.decode("utf-8", errors="replace")
    for name in ("fileStream", "responseFileStream"):
        start = text.find(f"<{name}>")
        end = text.find(f"</{name}>")
        if 0 <= start < end:
            text = f"{text[:start + len(name) + 2]}[{end - start - len(name) - 2} base64 characters]{text[end:]}"
    return text


__all__ = ["PtsClient", "PtsFault", "Transfer", "DOWNLOAD_SERVICES", "MAX_WINDOW_DAYS", "windows", "package_from",
           "transfer_of"]
