"""The ITS simulator's HTTP side: SOAP endpoints of both generations at their real paths with
HTTP Basic auth, the WSDLs at `<endpoint>?wsdl`, the ITS2 REST paths (pharmadesk/sim/rest.py),
the admin API, and injected network faults."""

from __future__ import annotations

import base64
import binascii
import ipaddress
import json
import logging
import random
import re
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import parse_qs, urlsplit

from pharmadesk.sim import admin, pts, rest
from pharmadesk.sim.ledger import Ledger
from pharmadesk.sim.notifications import process
from pharmadesk.sim.sandbox import SANDBOX_PASSWORD, STATIONS, Sandbox
from pharmadesk.sim.soap import SoapFault, answer, check_soap_action, fault, read_envelope
from pharmadesk.sim.statefile import StateFile
from pharmadesk.sim.wire import ENDPOINTS, WSDL_DIR, Endpoint

log = logging.getLogger(__name__)

MAX_BODY = 64 * 1024 * 1024


@dataclass
class FaultPlan:
    """Network trouble on the SOAP endpoints, each a probability per request (0–1)."""

    drop_response_after_commit: float = 0.0
    malformed_response: float = 0.0  # after the commit, half the answer arrives (a broken proxy)
    http_500: float = 0.0
    reset_connection: float = 0.0
    delay_ms: int = 0
    seed: int | None = None
    _rng: random.Random = field(default_factory=random.Random, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def configure(self, settings: dict) -> None:
        with self._lock:
            for name in ("drop_response_after_commit", "malformed_response", "http_500", "reset_connection"):
                value = float(settings.get(name, 0.0))
                if not 0.0 <= value <= 1.0:
                    raise ValueError(f"{name} must be between 0 and 1")
                setattr(self, name, value)
            self.delay_ms = max(0, int(settings.get("delay_ms", 0)))
            self.seed = settings.get("seed")
            self._rng = random.Random(self.seed)

    def roll(self, name: str) -> bool:
        with self._lock:
            probability = getattr(self, name)
            return probability > 0 and self._rng.random() < probability

    def as_dict(self) -> dict:
        names = ("drop_response_after_commit", "malformed_response", "http_500", "reset_connection", "delay_ms",
                 "seed")
        return {name: getattr(self, name) for name in names}


class Simulator:
    """A running simulator: `base_url`, the `ledger`, the sandbox helpers, `stop()`."""

    def __init__(self, ledger: Ledger, sandbox: Sandbox, accounts: dict[str, str] | None,
                 office: pts.PtsOffice | None = None):
        self.ledger = ledger
        self.sandbox = sandbox
        self.pts = office or pts.PtsOffice()
        self.fixed_accounts = accounts
        self.faults = FaultPlan()
        self.rest_tokens = rest.Tokens()
        self.rest_codes: dict[str, str] = {}  # codes /reference/app/errorcode lists beside its own
        self.endpoints = ENDPOINTS  # path → endpoint: what the SOAP side answers
        self.http_counters: dict[str, int] = {}
        self._counter_lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.base_url = ""

    # For the sandbox UI
    stations = STATIONS
    password = SANDBOX_PASSWORD

    def sandbox_boxes(self, station_gln: str) -> list[dict]:
        return self.sandbox.boxes(self.ledger, station_gln)

    def sandbox_carriers(self, station_gln: str) -> list[dict]:
        """The case and pallet labels of the station's expected shipments, as demo scanner entries."""
        names = {"P": "PALET", "C": "KOLİ"}  # the sandbox's names are Turkish, as its products' are
        return [{"karekod": "00" + sscc, "gtin": "", "serial": sscc, "product_name": names.get(kind, kind),
                 "note": "carrier", "suggested": "receive"} for sscc, kind in self.pts.carrier_labels(station_gln)]

    def products(self) -> dict[str, str]:
        """GTIN → product name of every sandbox product."""
        return {product.gtin: product.name for product in self.sandbox.products}

    def partners(self) -> list[dict]:
        with self.ledger.lock:
            return [{"gln": p.gln, "name": p.name, "kind": p.kind.value} for p in self.ledger.parties.values()]

    def authenticate(self, username: str, password: str) -> bool:
        if self.fixed_accounts is not None:
            return self.fixed_accounts.get(username) == password
        gln, suffix = username[:13], username[13:]
        return suffix == "0000" and password == SANDBOX_PASSWORD and self.ledger.party(gln) is not None

    def count(self, name: str) -> None:
        with self._counter_lock:
            self.http_counters[name] = self.http_counters.get(name, 0) + 1

    def serve(self, host: str, port: int) -> None:
        self._httpd = ThreadingHTTPServer((host, port), _handler_for(self))
        self._httpd.daemon_threads = True
        bound_host, bound_port = self._httpd.server_address[:2]
        shown_host = f"[{bound_host}]" if ":" in bound_host else bound_host
        self.base_url = f"http://{shown_host}:{bound_port}"
        # A short poll interval keeps stop() quick; the cost is a few idle wake-ups a second.
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="its-simulator", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        journal = self.ledger.journal
        if isinstance(journal, StateFile):
            journal.close()


def start_simulator(host: str = "127.0.0.1", port: int = 0, state_file: str | Path | None = None,
                    seed: bool = True, accounts: dict[str, str] | None = None, allow_remote: bool = False,
                    today: Callable[[], date] = date.today) -> Simulator:
    """Starts the simulator on a background thread; port 0 picks a free port."""
    if not allow_remote and not is_loopback(host):
        raise ValueError(f"refusing to listen on non-loopback host {host!r}")
    journal = StateFile(state_file) if state_file else None
    ledger = Ledger(today=today, journal=journal)
    sandbox = Sandbox()
    office = pts.PtsOffice()  # packages live in memory: a restart from a state file has none
    if journal is not None and not journal.is_empty():
        journal.load(ledger)
    elif seed:
        sandbox.seed(ledger)
        pts.seed(office, ledger, sandbox)
    simulator = Simulator(ledger, sandbox, accounts, office)
    simulator.serve(host, port)
    return simulator


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _handler_for(simulator: Simulator) -> type[BaseHTTPRequestHandler]:
    class Handler(_Handler):
        sim = simulator

    return Handler


class _Handler(BaseHTTPRequestHandler):
    sim: Simulator
    protocol_version = "HTTP/1.1"
    server_version = "ITS-Simulator/1.0"
    # Headers and body leave in two writes; with Nagle on, the body waits for the client's
    # delayed ACK (40 ms on Linux) on every kept-alive request.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the stdlib's name
        log.debug("%s %s", self.address_string(), format % args)

    # Routing
    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        url = urlsplit(self.path)
        if url.path.startswith("/admin/"):
            self._admin("GET", url.path, parse_qs(url.query), None)
        elif url.path in self.sim.endpoints:
            if not self._injected_fault():
                self._schema(self.sim.endpoints[url.path], url.query)
        else:
            self._send(404, b"not found", "text/plain")

    def do_POST(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        body = self._body()
        if body is None:
            return
        if url.path.startswith("/admin/"):
            self._admin("POST", url.path, parse_qs(url.query), body)
        elif url.path in self.sim.endpoints:
            self._notification(self.sim.endpoints[url.path], body)
        elif rest.serves(url.path):
            self._rest(url.path, body)
        elif url.path in pts.PATHS:
            self._pts(url.path, body)
        else:
            self._send(404, b"not found", "text/plain")

    def _body(self) -> bytes | None:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self._send(411, b"Content-Length required", "text/plain", close=True)
            return None
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0:
            self._send(400, b"bad Content-Length", "text/plain", close=True)
            return None
        if length > MAX_BODY:
            self._send(413, b"request too large", "text/plain", close=True)
            return None
        return self.rfile.read(length)

    # SOAP
    def _injected_fault(self) -> bool:
        """A reset or an HTTP 500 from /admin/faults, for any request to a service (its
        WSDL too, as a server in trouble answers everything so); True if one was sent."""
        faults = self.sim.faults
        if faults.roll("reset_connection"):
            self.sim.count("fault.reset_connection")
            self._reset()
            return True
        if faults.roll("http_500"):
            self.sim.count("fault.http_500")
            self._send(500, b"Internal Server Error", "text/plain")
            return True
        return False

    def _answer_after_commit(self, status: int, payload: bytes, content_type: str) -> None:
        """The answer, after the faults that strike once a request was committed: a delay,
        a lost or a cut-short answer."""
        faults = self.sim.faults
        if faults.delay_ms:
            time.sleep(faults.delay_ms / 1000)
        if faults.roll("drop_response_after_commit"):
            self.sim.count("fault.drop_response_after_commit")
            self.close_connection = True
            return
        if faults.roll("malformed_response"):
            self.sim.count("fault.malformed_response")
            payload = payload[:len(payload) // 2]
        self._send(status, payload, content_type)

    # REST (its2)
    def _rest(self, path: str, body: bytes) -> None:
        if self._injected_fault():
            return
        if path.rstrip("/") == rest.TOKEN_PATH and self.sim.rest_tokens.withhold_s:
            time.sleep(self.sim.rest_tokens.withhold_s)  # the token never comes
            self.close_connection = True
            return
        status, reply = rest.handle(self.sim, path, self.headers.get("Authorization", ""), body)
        self._answer_after_commit(status, json.dumps(reply, ensure_ascii=False).encode("utf-8"),
                                  "application/json; charset=utf-8")

    # SOAP
    def _notification(self, endpoint: Endpoint, body: bytes) -> None:
        username = self._caller()
        if username is None:
            return
        try:
            check_soap_action(endpoint, self.headers.get("SOAPAction"))
            notification_id, results = process(self.sim.ledger, endpoint, read_envelope(body, endpoint), username)
            status, payload = 200, answer(endpoint, notification_id, results)
        except SoapFault as error:
            self.sim.count(f"fault.{error.code}")
            status, payload = 500, fault(endpoint, error)
        self._answer_after_commit(status, payload, "text/xml; charset=utf-8")

    def _pts(self, path: str, body: bytes) -> None:
        """PTS, with the same accounts and the same network trouble as the ITS services."""
        username = self._caller()
        if username is None:
            return
        status, payload = self.sim.pts.answer(path, body, username[:13])
        if status != 200:
            self.sim.count("fault.pts")
        self._answer_after_commit(status, payload, "text/xml; charset=utf-8")

    def _caller(self) -> str | None:
        """The logged-in user of a SOAP request, or None once the request has been answered
        (an injected reset or HTTP 500, or a login refused)."""
        if self._injected_fault():
            return None
        username = self._basic_auth()
        if username is None:
            self.sim.count("http.401")
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="ITS"')
            self._finish_headers(b"Unauthorized", "text/plain")
        return username

    def _basic_auth(self) -> str | None:
        scheme, _, encoded = self.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "basic":
            return None
        try:
            # UTF-8, as PharmaDesk sends it: a pharmacist's password may hold Turkish letters.
            username, _, password = base64.b64decode(encoded, validate=True).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return None
        return username if self.sim.authenticate(username, password) else None

    def _reset(self) -> None:
        """Abort with a TCP RST, like a proxy or firewall cutting the line."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.rfile.close()  # the socket really closes (with the RST) only once its files are closed
        self.connection.close()
        self.close_connection = True

    def _schema(self, endpoint: Endpoint, query: str) -> None:
        """`?wsdl` with soap:address pointing here and the schema at `?xsd=1`, as ITS publishes them."""
        wsdl_path = WSDL_DIR / endpoint.wsdl_file
        address = self.sim.base_url + endpoint.path
        if query.lower().startswith("xsd"):
            self._send(200, wsdl_path.with_suffix(".xsd").read_bytes(), "text/xml; charset=utf-8")
        elif query.lower() == "wsdl":
            text = wsdl_path.read_text(encoding="utf-8")
            text = re.sub(r'(<soap:address\s+location=")[^"]*(")', rf"\g<1>{address}\g<2>", text)
            text = re.sub(r'(schemaLocation=")[^"]*\.xsd(")', rf"\g<1>{address}?xsd=1\g<2>", text)
            self._send(200, text.encode("utf-8"), "text/xml; charset=utf-8")
        else:
            self._send(405, b"POST a SOAP envelope, or GET ?wsdl", "text/plain")

    # Admin
    def _admin(self, method: str, path: str, query: dict, body: bytes | None) -> None:
        if not is_loopback(self.client_address[0]):
            self._json(403, {"error": "the admin API answers loopback clients only"})
            return
        try:
            payload = json.loads(body) if body else {}
            if not isinstance(payload, dict):
                raise ValueError("the body must be a JSON object")
            status, result = admin.handle(self.sim, method, path, {k: v[0] for k, v in query.items()}, payload)
        except (ValueError, KeyError, TypeError) as error:
            status, result = 400, {"error": str(error)}
        self._json(status, result)

    # Writing
    def _json(self, status: int, payload: dict | list) -> None:
        self._send(status, json.dumps(payload, ensure_ascii=False).encode("utf-8"), "application/json")

    def _send(self, status: int, payload: bytes, content_type: str, *, close: bool = False) -> None:
        self.send_response(status)
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self._finish_headers(payload, content_type)

    def _finish_headers(self, payload: bytes, content_type: str) -> None:
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        try:
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            # The client stopped waiting (its read timeout): what a real server shrugs off too.
            log.debug("%s went away before the answer", self.address_string())
            self.close_connection = True
