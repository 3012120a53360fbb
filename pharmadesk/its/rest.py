"""The ITS2 REST/JSON client: the same face as the SOAP client (`notify`, `verify`, the same
results and error classes) for `its.protocol = its2`, plus the status query and ITS's own
code list. It logs in with `/token/app/token`, keeps the token in memory only, and renews it
once when ITS answers 401 before calling the password wrong."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import requests

from pharmadesk import __version__, masking
from pharmadesk.domain import Header, NotificationResult, Operation, Product, Stakeholder
from pharmadesk.its import network, rest_messages
from pharmadesk.its.client import (
    CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, ClientBase, Exchange, ItsClient, _Session,
)
from pharmadesk.its.errors import ItsAuthError, ItsResponseError, ItsTransportError
from pharmadesk.its.rest_messages import StatusAnswer
from pharmadesk.its.rest_services import (
    CHECK_STATUS_PATH, ERROR_CODES_PATH, TOKEN_PATH, RestService, rest_service_for,
)
from pharmadesk.its.status_limit import StatusLimiter

TOKEN_TIMEOUT = 10.0  # seconds for the login answer, as a public its2 client waits
MASK = "********"
T = TypeVar("T")


class _TokenRefused(ItsAuthError):
    """ITS answered 401 to a call: the token expired or was revoked (renewed once)."""


class RestClient(ClientBase):
    protocol = "its2"

    def __init__(self, base_url: str, username: str, password: str, *, gln: str,
                 stakeholder: Stakeholder, timeout: float = DEFAULT_READ_TIMEOUT,
                 on_exchange: Callable[[Exchange], None] | None = None,
                 verify_tls: bool | str = True, soap_consume: ItsClient | None = None,
                 status_limiter: StatusLimiter | None = None) -> None:
        """`soap_consume`: a SOAP client that sends Hospital Sarf through HastaneSarf
        instead of /consume/app/consume (the per-station fallback, `its.consume_via = soap`)."""
        super().__init__(base_url, username, gln=gln, stakeholder=stakeholder, timeout=timeout,
                         on_exchange=on_exchange)
        self.soap_consume = soap_consume
        self.status_limiter = status_limiter or StatusLimiter.shared(username)
        self._username = username
        self._password = password
        self._token: str | None = None
        self._token_lock = threading.Lock()
        self._session = _Session()
        self._session.verify = verify_tls
        self._session.headers["User-Agent"] = f"PharmaDesk/{__version__}"
        self._session.headers["Content-Type"] = "application/json"

    # ---- public API ----

    def notify(self, operation: Operation, header: Header, products: Sequence[Product]) -> NotificationResult:
        if Operation(operation) is Operation.CONSUME and self.soap_consume is not None:
            return self.soap_consume.notify(operation, header, products)
        service = rest_service_for(operation, self.stakeholder)
        return self.send(service, header, products)

    def send(self, service: RestService, header: Header, products: Sequence[Product]) -> NotificationResult:
        products = list(products)
        body = self.build_request(service, header, products)
        by_prescription = not rest_messages.sends_items(service, header)

        def read(answer: Any) -> NotificationResult:
            return rest_messages.read_result(service, answer, products, by_prescription=by_prescription)

        # A pharmacy sale's doctor and patient identity numbers (dr, cp) never reach the log (KVKK).
        shown = masking.mask(body.decode("utf-8")) if "cp" in service.document_fields else None
        return self._call(service.key, service.operation.value, service.path, body, read, shown_request=shown)

    def build_request(self, service: RestService, header: Header, products: Sequence[Product]) -> bytes:
        """The exact JSON sent for this notification (ItsConfigError if ITS would refuse it)."""
        return rest_messages.request_body(service, self.gln, header, products)

    def check_status(self, products: Sequence[Product]) -> list[StatusAnswer]:
        """Durum sorgulama for a few boxes, on demand: ITS restricts over-use of this service,
        so the limiter refuses sweeps (StatusLimitError) before anything is sent."""
        products = list(products)
        self.status_limiter.take(len(products))
        body = rest_messages.with_products({}, products, ("gtin", "sn"))
        return self._call("its2.check_status", "", CHECK_STATUS_PATH, body,
                          lambda answer: rest_messages.read_status(answer, products))

    def error_codes(self) -> dict[str, str]:
        """ITS's own code list: {code: ITS's text}."""
        return self._call("its2.errorcode", "", ERROR_CODES_PATH, b"{}", rest_messages.read_error_codes)

    def close(self) -> None:
        self._token = None
        self._session.close()
        if self.soap_consume is not None:
            self.soap_consume.close()

    # ---- the token ----

    def _call(self, key: str, operation: str, path: str, body: bytes, read: Callable[[Any], T], *,
              shown_request: str | None = None) -> T:
        """One authorised call; a 401 renews the token once, a second one is a wrong password."""
        for attempt in (1, 2):
            token = self._current_token()
            try:
                return self._exchange(key, operation, path, body, {"Authorization": f"Bearer {token}"},
                                      lambda status, content: self._read(key, status, content, read),
                                      shown_request=shown_request)
            except _TokenRefused:
                with self._token_lock:
                    if self._token == token:
                        self._token = None
                if attempt == 2:
                    raise ItsAuthError(
                        "ITS yeni oturum anahtarını da kabul etmedi: kullanıcı adı ya da şifre yanlış olabilir.",
                        "ITS refused the renewed token as well: the user name or password may be wrong.") from None
        raise AssertionError("unreachable")

    def _current_token(self) -> str:
        with self._token_lock:
            if self._token is None:
                self._token = self._login()
            return self._token

    def _login(self) -> str:
        body = json.dumps({"username": self._username, "password": self._password},
                          ensure_ascii=False).encode("utf-8")
        # The logged request shows the user name; the password never reaches the log.
        shown = f'{{"username":"{self._username}","password":"{MASK}"}}'

        def read(status: int, content: bytes) -> str:
            answer = _answer_or_page(status, content, self.base_url)
            if status in (401, 403) or rest_messages.fault_of(answer, "its2.token") is not None:
                fault = rest_messages.fault_of(answer, "its2.token")
                said = f": {fault.fc} {fault.fm}" if fault else f" (HTTP {status})"
                raise ItsAuthError(f"ITS kullanıcı adını veya şifresini kabul etmedi{said}.",
                                   f"ITS did not accept the user name or password{said}.")
            if status != 200:
                raise network.from_status(status, self.base_url)
            token = answer.get("token") if isinstance(answer, dict) else None
            if not isinstance(token, str) or not token:
                raise ItsResponseError("ITS giriş cevabında oturum anahtarı (token) yok; bildirim gönderilmedi.",
                                       "The ITS login answer has no token; nothing was sent.")
            return token

        try:
            return self._exchange("its2.token", "", TOKEN_PATH, body, {}, read, shown_request=shown,
                                  timeout=min(TOKEN_TIMEOUT, self.timeout) or TOKEN_TIMEOUT)
        except ItsTransportError as error:
            raise ItsTransportError(
                f"ITS'ten oturum anahtarı alınamadı; hiçbir bildirim gönderilmedi. {error.message_tr}",
                f"No login token came from ITS; nothing was sent. {error.message_en}",
                kind=error.kind, detail=error.detail, http_status=error.http_status, words=error.words) from None

    # ---- one HTTP exchange ----

    def _read(self, key: str, status: int, content: bytes, read: Callable[[Any], T]) -> T:
        if status == 401:
            raise _TokenRefused("ITS oturum anahtarını kabul etmedi (HTTP 401).",
                                "ITS did not accept the login token (HTTP 401).")
        if status == 403:
            raise ItsAuthError("ITS bu kullanıcının bu servisi kullanmasına izin vermedi (HTTP 403).",
                               "ITS does not let this user use this service (HTTP 403).")
        answer = _answer_or_page(status, content, self.base_url)
        fault = rest_messages.fault_of(answer, key)
        if fault is not None:
            raise fault
        if status != 200:
            raise network.from_status(status, self.base_url)
        return read(answer)

    def _exchange(self, key: str, operation: str, path: str, body: bytes, headers: dict[str, str],
                  read: Callable[[int, bytes], T], *, shown_request: str | None = None,
                  timeout: float | None = None) -> T:
        url = self.base_url + path
        with self._logging_exchange(key, operation, url, shown_request if shown_request is not None else body.decode("utf-8"),
                          timeout or self.timeout) as exchange:
            response = exchange.response = self._session.post(url, data=body, headers=headers,
                                                               timeout=(CONNECT_TIMEOUT, timeout or self.timeout))
            exchange.response_text = _shown_response(key, response)
            result = read(response.status_code, response.content)
            exchange.done()
            return result


def _answer_or_page(status: int, content: bytes, url: str) -> Any:
    """The JSON answer; an HTML error page (or any non-JSON) from a failing server is a
    transport error, unreadable text with a 200 an untrustworthy answer."""
    try:
        return rest_messages.read_json(content)
    except ItsResponseError:
        if status == 200:
            raise
        raise network.from_status(status, url) from None


def _shown_response(key: str, response: requests.Response) -> str:
    text = response.content.decode("utf-8", errors="replace")
    if key == "its2.token" and response.status_code == 200:
        return '{"token":"' + MASK + '"}' if '"token"' in text else text
    stream = re.search(r'"fileStream"\s*:\s*"([^"]*)"', text)  # a PTS package: megabytes of base64
    if stream:
        text = f"{text[:stream.start(1)]}[{len(stream.group(1))} base64 characters]{text[stream.end(1):]}"
    return text


__all__ = ["RestClient", "TOKEN_TIMEOUT"]
