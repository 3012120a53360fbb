"""The ITS SOAP client: one object per ITS account that sends a notification and
returns each box's result code, or raises an error saying whether the notification
was refused, rejected, or may or may not have reached ITS."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, TypeVar

import requests
import zeep
from lxml import etree
from zeep import xsd
from zeep.exceptions import Fault

from pharmadesk import __version__, masking
from pharmadesk.bilingual import DEFAULT_LANGUAGE, in_language
from pharmadesk.domain import (
    Header, NotificationResult, Operation, Product, Stakeholder, gln_is_valid, username_is_valid,
)
from pharmadesk.its import messages, network, xmlsafe
from pharmadesk.its.errors import (
    ItsAuthError, ItsConfigError, ItsError, ItsFault, ItsResponseError, ItsTransportError,
)
from pharmadesk.its.services import PROTOCOLS, Service, service_for
from pharmadesk.resources import resource_path

log = logging.getLogger(__name__)

T = TypeVar("T")
WSDL_DIR = resource_path("wsdl")
SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
CONNECT_TIMEOUT = 10.0
DEFAULT_READ_TIMEOUT = 60.0  # a 10,000-box chunk can take ITS a while to answer


@dataclass(frozen=True)
class Exchange:
    """One HTTP exchange with ITS, for the message log. Never holds the password or
    the Authorization header: only the two SOAP documents, with a sale's doctor and patient
    T.C. identity numbers (BELGE/DR, BELGE/CP) masked (KVKK). A failed exchange says why in
    Turkish and in English (`error_tr`, `error_en`; `error(lang)` picks one)."""

    started_at: datetime
    service: str
    operation: str
    url: str
    request_xml: str
    response_xml: str | None
    http_status: int | None
    duration_ms: float
    notification_id: str | None
    outcome: str  # "ok" | "fault" | "error"
    error_tr: str | None
    error_en: str | None

    def error(self, lang: str = DEFAULT_LANGUAGE) -> str | None:
        return in_language(self.error_tr, self.error_en, lang)


@dataclass(frozen=True)
class _Endpoint:
    client: zeep.Client
    proxy: Any  # zeep ServiceProxy bound to our address
    binding: Any
    operation: Any  # zeep binding operation: soapAction, input/output elements
    address: str


class _Session(requests.Session):
    """A requests session whose own `verify` is not overridden by REQUESTS_CA_BUNDLE /
    CURL_CA_BUNDLE (requests lets those variables win over a session's CA bundle, and even
    over verify=False). With the default `verify=True` the variables still choose the bundle,
    as an IT department behind a TLS-inspecting proxy expects."""

    def merge_environment_settings(self, url, proxies, stream, verify, cert):
        settings = super().merge_environment_settings(url, proxies, stream, verify, cert)
        if verify is None and self.verify is not True:
            settings["verify"] = self.verify
        return settings


def its_session(username: str, password: str, verify_tls: bool | str) -> requests.Session:
    """An HTTP session logged in as the ITS user (ITS and PTS take the same account)."""
    session = _Session()
    # requests sends Basic credentials with the first request; ITS never challenges.
    # Encoded as UTF-8 here: requests would use latin-1, which cannot hold a Turkish
    # password ("ı", "ş", "ğ") and would fail before anything is sent.
    session.auth = requests.auth.HTTPBasicAuth(username.encode("utf-8"), password.encode("utf-8"))
    session.verify = verify_tls
    session.headers["User-Agent"] = f"PharmaDesk/{__version__}"
    return session


def check_account(gln: str, username: str) -> None:
    """Refuse a station whose GLN or ITS user name ITS would refuse (11018, 11039)."""
    if not gln_is_valid(gln):
        raise ItsConfigError(f"Eczane/kurum GLN'si geçersiz: {gln!r}.",
                             f"Invalid stakeholder GLN: {gln!r}.", code="11018")
    if not username_is_valid(username, gln):
        raise ItsConfigError(
            "ITS kullanıcı adı GLN'nin ardından 4 rakamdan oluşmalı (ilk 13 hane GLN ile aynı).",
            "The ITS user name must be the GLN followed by 4 digits (its first 13 digits are the GLN).",
            code="11039")


@dataclass
class _Logging:
    """What `logging_exchange` reports: filled in as the exchange goes."""

    response: requests.Response | None = None
    response_text: str | None = None
    notification_id: str | None = None
    ok: bool = False

    def done(self, notification_id: str | None = None) -> None:
        self.notification_id, self.ok = notification_id or None, True


class ClientBase:
    """What every ITS client (SOAP here, REST in pharmadesk/its/rest.py) gives the sync
    engine beside `notify` and `close`: verification, `with`, and the message-log hook."""

    def __init__(self, base_url: str, username: str, *, gln: str, stakeholder: Stakeholder, timeout: float,
                 on_exchange: Callable[[Exchange], None] | None) -> None:
        check_account(gln, username)
        self.base_url = base_url.rstrip("/")
        self.gln = gln
        self.stakeholder = Stakeholder(stakeholder)
        self.timeout = timeout
        self.on_exchange = on_exchange

    def notify(self, operation: Operation, header: Header, products: Sequence[Product]) -> NotificationResult:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def verify(self, products: Sequence[Product]) -> NotificationResult:
        """Ürün Doğrulama: each box gets a 40xxx warning or an error code, never 00000."""
        return self.notify(Operation.VERIFY, Header(), products)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _logging_exchange(self, service: str, operation: str, url: str, request_text: str,
                          read_timeout: float):
        return logging_exchange(self.on_exchange, service, operation, url, request_text, read_timeout)


@contextmanager
def logging_exchange(on_exchange: Callable[[Exchange], None] | None, service: str, operation: str, url: str,
                     request_text: str, read_timeout: float) -> Iterator[_Logging]:
    """One HTTP exchange, reported to the message log (`on_exchange`) however it ends; a
    network failure becomes an ItsTransportError. The body fills in the response and says
    when it is done."""
    started_at = datetime.now(timezone.utc)
    began = time.perf_counter()
    record = _Logging()
    failure: ItsError | None = None
    try:
        yield record
    except requests.RequestException as error:
        failure = network.from_exception(error, url, connect_timeout=CONNECT_TIMEOUT, read_timeout=read_timeout)
        log.warning("ITS %s: %s (%s)", service, failure.kind, failure.detail)
        raise failure from None
    except ItsError as error:
        failure = error
        raise
    finally:
        response = record.response
        _report(on_exchange, Exchange(
            started_at=started_at, service=service, operation=operation, url=url, request_xml=request_text,
            response_xml=record.response_text if response is not None else None,
            http_status=response.status_code if response is not None else None,
            duration_ms=(time.perf_counter() - began) * 1000.0, notification_id=record.notification_id,
            outcome="ok" if record.ok else "fault" if isinstance(failure, ItsFault) else "error",
            error_tr=_logged(failure, "tr"),
            error_en=_logged(failure, "en"),
        ))


def _report(on_exchange: Callable[[Exchange], None] | None, exchange: Exchange) -> None:
    if on_exchange is None:
        return
    try:
        on_exchange(exchange)
    except Exception:  # the message log must never cost a notification's result
        log.exception("on_exchange failed for %s", exchange.service)


class ItsClient(ClientBase):
    def __init__(self, base_url: str, username: str, password: str, *, gln: str,
                 stakeholder: Stakeholder, protocol: str = "br-v1",
                 timeout: float = DEFAULT_READ_TIMEOUT,
                 on_exchange: Callable[[Exchange], None] | None = None,
                 verify_tls: bool | str = True) -> None:
        """`timeout` is the read timeout in seconds (connecting gets 10 s). `verify_tls`
        may be a CA bundle path for a test host with its own certificate; False turns
        verification off and is meant for a self-signed test host only."""
        super().__init__(base_url, username, gln=gln, stakeholder=stakeholder, timeout=timeout,
                         on_exchange=on_exchange)
        if protocol not in PROTOCOLS:
            raise ItsConfigError(f"Bilinmeyen ITS protokolü: {protocol!r}.", f"Unknown ITS protocol: {protocol!r}.")
        self.protocol = protocol
        session = its_session(username, password, verify_tls)
        self._transport = zeep.Transport(session=session, timeout=CONNECT_TIMEOUT,
                                         operation_timeout=(CONNECT_TIMEOUT, timeout))
        self._endpoints: dict[str, _Endpoint] = {}

    # ---- public API ----

    def notify(self, operation: Operation, header: Header, products: Sequence[Product]) -> NotificationResult:
        service = service_for(operation, self.stakeholder, self.protocol)
        return self.send(service, header, products)

    def send(self, service: Service, header: Header, products: Sequence[Product]) -> NotificationResult:
        products = list(products)
        body = self.build_request(service, header, products)
        endpoint = self._endpoint(service)
        headers = {"SOAPAction": f'"{endpoint.operation.soapaction}"',
                   "Content-Type": "text/xml; charset=utf-8"}
        with self._logging_exchange(service.key, service.operation.value, endpoint.address, _for_the_log(service, body),
                          self.timeout) as exchange:
            response = exchange.response = self._transport.post(endpoint.address, body, headers)
            exchange.response_text = _text(response.content)
            result = self.read_response(service, response.status_code, response.content, products, header)
            exchange.done(result.notification_id)
            return result

    def build_request(self, service: Service, header: Header, products: Sequence[Product]) -> bytes:
        """The exact bytes sent for this notification (ItsConfigError if ITS would refuse it)."""
        by_prescription = not messages.sends_items(service, header)
        if products or not by_prescription:
            messages.check_products(products)
        values = messages.header_values(service, self.gln, header)
        # zeep renders the header from the WSDL schema; the item list is added with lxml.
        arguments = {name: _nil_where_empty(value) for name, value in values.items()}
        arguments[service.item_wrapper] = xsd.SkipValue
        endpoint = self._endpoint(service)
        envelope = endpoint.client.create_message(endpoint.proxy, service.operation_name, **arguments)
        if envelope.find(f"{{{SOAP_ENV}}}Header") is None:
            # Every ITS example and client sends an empty SOAP Header.
            envelope.insert(0, etree.Element(f"{{{SOAP_ENV}}}Header"))
        # xsi declared once on the envelope, not on every field sent as xsi:nil
        etree.cleanup_namespaces(envelope, top_nsmap={"xsi": XSI})
        root = envelope.find(f"{{{SOAP_ENV}}}Body")[0]
        messages.append_items(root, service, [] if by_prescription else products)
        return etree.tostring(envelope, encoding="utf-8", xml_declaration=True)

    def read_response(self, service: Service, http_status: int, content: bytes,
                      products: Sequence[Product], header: Header = Header()) -> NotificationResult:
        """Turn an HTTP answer into a result, or the matching ItsError."""
        if http_status in (401, 403):
            raise ItsAuthError(
                f"ITS kullanıcı adını veya şifresini kabul etmedi (HTTP {http_status}).",
                f"ITS did not accept the user name or password (HTTP {http_status}).")
        try:
            envelope = xmlsafe.parse(content)
        except xmlsafe.UnsafeXml as error:
            if http_status == 200:
                raise ItsResponseError(f"ITS cevabı okunamadı: {error}",
                                       f"The ITS answer cannot be read: {error}") from None
            raise network.from_status(http_status, self.base_url) from None
        payload = _body_payload(envelope)
        if payload is not None and payload.tag == f"{{{SOAP_ENV}}}Fault":
            raise self._fault(service, envelope)
        if http_status != 200:
            raise network.from_status(http_status, self.base_url)
        if payload is None or not messages.is_answer_root(service, payload):
            expected = f"{{{service.namespace}}}{service.response_root}"
            found = payload.tag if payload is not None else envelope.tag
            raise ItsResponseError(f"Beklenmeyen ITS cevabı: {found} (beklenen {expected}).",
                                   f"Unexpected ITS answer: {found} (expected {expected}).")
        return messages.read_result(service, payload, products,
                                    by_prescription=not messages.sends_items(service, header))

    def close(self) -> None:
        self._transport.session.close()

    # ---- internals ----

    def _endpoint(self, service: Service) -> _Endpoint:
        """The service's WSDL, loaded once per client and bound to base URL + path."""
        endpoint = self._endpoints.get(service.key)
        if endpoint is None:
            client = zeep.Client(str(WSDL_DIR / service.wsdl_file), transport=self._transport,
                                 settings=xmlsafe.ZEEP_SETTINGS)
            binding_name = f"{{{service.namespace}}}{service.binding_name}"
            address = self.base_url + service.path
            binding = client.wsdl.bindings[binding_name]
            endpoint = _Endpoint(client=client, proxy=client.create_service(binding_name, address),
                                 binding=binding, operation=binding.get(service.operation_name),
                                 address=address)
            self._endpoints[service.key] = endpoint
        return endpoint

    def _fault(self, service: Service, envelope: etree._Element) -> ItsFault:
        endpoint = self._endpoint(service)
        try:
            endpoint.binding.process_error(envelope, endpoint.operation)
        except Fault as fault:
            detail = messages.read_fault_detail(service, fault.detail)
            fc, fm = detail if detail else ("", (fault.message or "").strip())
            return ItsFault(fc, fm, service.key)
        return ItsFault("", "SOAP Fault", service.key)



def exchange(post: Callable[[], requests.Response], read: Callable[[requests.Response], T],
             on_exchange: Callable[[Exchange], None] | None, *, service: str, operation: str, url: str,
             request_xml: str, timeout: float, notification_id: Callable[[T], str | None] = lambda _result: None,
             shown_answer: Callable[[bytes], str] | None = None) -> T:
    """Send one request with `post()` and read its answer with `read(response)` (see
    `logging_exchange`). `shown_answer` trims what the log keeps of the answer."""
    with logging_exchange(on_exchange, service, operation, url, request_xml, timeout) as record:
        response = record.response = post()
        record.response_text = (shown_answer or _text)(response.content)
        result = read(response)
        record.done(notification_id(result))
        return result


def _nil_where_empty(value: Any) -> Any:
    """A field without a value goes as xsi:nil="true" (BELGE's too): sent, not left out."""
    if isinstance(value, dict):
        return {name: _nil_where_empty(part) for name, part in value.items()}
    return xsd.Nil if value is None else value


def _body_payload(envelope: etree._Element) -> etree._Element | None:
    if envelope.tag != f"{{{SOAP_ENV}}}Envelope":
        return None
    body = envelope.find(f"{{{SOAP_ENV}}}Body")
    if body is None:
        return None
    return next((child for child in body if isinstance(child.tag, str)), None)


def _for_the_log(service: Service, body: bytes) -> str:
    text = body.decode("utf-8")
    return masking.mask(text) if "CP" in service.belge_fields else text


def _text(content: bytes) -> str:
    return content.decode("utf-8", errors="replace")


def _logged(failure: ItsError | None, lang: str) -> str | None:
    """The message log's text of a failure: the plain words, then the technical detail."""
    if failure is None:
        return None
    detail = getattr(failure, "detail", "")
    return failure.message(lang) + (f"\n[{detail}]" if detail else "")


__all__ = ["ClientBase", "ItsClient", "its_session", "exchange", "logging_exchange", "Exchange",
           "CONNECT_TIMEOUT", "DEFAULT_READ_TIMEOUT", "WSDL_DIR"]
