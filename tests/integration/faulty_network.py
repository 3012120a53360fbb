"""Real sockets that fail the way networks do, for the tests of what a person reads when
ITS cannot be reached: a closed port, a server that never answers, an HTTPS server whose
certificate nobody trusts, and a proxy that refuses to connect."""

from __future__ import annotations

import contextlib
import shutil
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

UNRESOLVABLE_URL = "http://its.invalid"  # RFC 6761: .invalid never resolves


def closed_port_url() -> str:
    """An address on this computer where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@contextlib.contextmanager
def _serving(handle, listener: socket.socket) -> Iterator[str]:
    """Accept connections on `listener` and pass each to `handle` on its own thread."""
    stop = threading.Event()
    held: list[socket.socket] = []

    def loop() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except (TimeoutError, OSError):
                continue
            held.append(connection)
            threading.Thread(target=handle, args=(connection,), daemon=True).start()

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join()
        for connection in held:
            connection.close()
        listener.close()


def _listener() -> socket.socket:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    return listener


@contextlib.contextmanager
def silent_server() -> Iterator[str]:
    """Takes the connection and the request, and never answers."""
    def swallow(connection: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while connection.recv(65536):
                pass

    with _serving(swallow, _listener()) as address:
        yield f"http://{address}"


@contextlib.contextmanager
def refusing_proxy() -> Iterator[str]:
    """An HTTP proxy that answers every request, CONNECT included, with 403 Forbidden."""
    def refuse(connection: socket.socket) -> None:
        with contextlib.suppress(OSError):
            connection.recv(65536)
            connection.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            connection.close()

    with _serving(refuse, _listener()) as address:
        yield f"http://{address}"


@contextlib.contextmanager
def untrusted_tls_server(folder: Path) -> Iterator[str]:
    """An HTTPS server with a self-signed certificate (no CA on this computer trusts it)."""
    assert shutil.which("openssl"), "openssl is needed to make the test certificate"
    cert, key = folder / "untrusted.pem", folder / "untrusted-key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)

    def handshake(connection: socket.socket) -> None:
        with contextlib.suppress(OSError, ssl.SSLError):
            context.wrap_socket(connection, server_side=True).recv(65536)

    with _serving(handshake, _listener()) as address:
        yield f"https://{address}"
