"""What a failed connection to ITS means, in words a pharmacist can act on: one table of
messages (what happened, what to do) for every way the network can fail, used by the ITS
client, the online probe and `pharmadesk doctor`. The technical text (urllib3's
`NewConnectionError…`) stays in `detail`, for the message log and the log files."""

from __future__ import annotations

import socket
import ssl
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from http.client import RemoteDisconnected
from urllib.parse import urlsplit

import requests
from urllib3.exceptions import NameResolutionError, ProtocolError

from pharmadesk.bilingual import Bilingual
from pharmadesk.its.errors import ItsAuthError, ItsError, ItsFault, ItsTransportError

# the kinds of failure (ItsTransportError.kind)
REFUSED, RESET, DNS, TLS, CONNECT_TIMEOUT, READ_TIMEOUT, PROXY, HTTP, NETWORK = (
    "refused", "reset", "dns", "tls", "connect-timeout", "read-timeout", "proxy", "http", "network")


@dataclass(frozen=True)
class Words:
    what_tr: str
    what_en: str
    todo_tr: str
    todo_en: str


_SENT_AGAIN_TR = "Bildirim ulaşmış olabilir: PharmaDesk yeniden gönderir ve sonucu kontrol eder."
_SENT_AGAIN_EN = "The notification may have arrived: PharmaDesk sends it again and checks the result."

# {host}, {seconds} and {status} are filled in.
MESSAGES: dict[str, Words] = {
    REFUSED: Words(
        "ITS sunucusu ({host}) bağlantıyı kabul etmedi: o adreste çalışan bir sunucu yok.",
        "The ITS server ({host}) refused the connection: nothing answers at that address.",
        "Ayarlar'daki ITS adresini ve portu, sonra internet bağlantısını kontrol edin; ikisi de doğruysa "
        "ITS bir süre kapalı olabilir, daha sonra yeniden gönderin. Okutmalar kuyrukta saklanır.",
        "Check the ITS address and port in Settings, then the internet connection; if both are right, "
        "ITS may be down for a while: send again later. The scans stay queued."),
    RESET: Words(
        "ITS ({host}) ile bağlantı gönderim sırasında kesildi (sunucu ya da aradaki bir güvenlik duvarı "
        "bağlantıyı kapattı).",
        "The connection to ITS ({host}) was cut while sending (the server or a firewall in between "
        "closed it).",
        _SENT_AGAIN_TR + " Sürerse ağ yöneticinize güvenlik duvarını sorun.",
        _SENT_AGAIN_EN + " If it keeps happening, ask your network administrator about the firewall."),
    DNS: Words(
        "ITS sunucusunun adı ({host}) bulunamadı.",
        "The ITS server's name ({host}) could not be found.",
        "İnternet bağlantısını ve Ayarlar'daki ITS adresinin yazımını kontrol edin. Okutmalar kuyrukta saklanır.",
        "Check the internet connection and the spelling of the ITS address in Settings. The scans stay queued."),
    TLS: Words(
        "ITS sunucusunun ({host}) güvenlik sertifikası doğrulanamadı; güvenli olmayan bağlantıdan hiçbir "
        "şey gönderilmedi.",
        "The security certificate of the ITS server ({host}) could not be verified; nothing was sent "
        "over the unsafe connection.",
        "Bilgisayarın tarih ve saatini kontrol edin; HTTPS bağlantılarını denetleyen bir proxy ya da "
        "virüs programı varsa BT sorumlunuza sorun.",
        "Check the PC's date and time; if a proxy or antivirus program inspects HTTPS connections, "
        "ask your IT person."),
    CONNECT_TIMEOUT: Words(
        "ITS'e ({host}) {seconds} sn içinde bağlanılamadı.",
        "Could not connect to ITS ({host}) within {seconds} s.",
        "İnternet bağlantısını kontrol edin; okutmalar kuyrukta saklanır ve ITS'e ulaşılınca gönderilir.",
        "Check the internet connection; the scans stay queued and are sent once ITS can be reached."),
    READ_TIMEOUT: Words(
        "ITS ({host}) {seconds} sn içinde cevap vermedi.",
        "ITS ({host}) did not answer within {seconds} s.",
        _SENT_AGAIN_TR + " ITS yoğun olabilir; sürerse biraz sonra yeniden gönderin.",
        _SENT_AGAIN_EN + " ITS may be busy; if it keeps happening, send again a little later."),
    PROXY: Words(
        "Ağdaki proxy sunucusu ITS bağlantısına ({host}) izin vermedi.",
        "The network's proxy server did not let the connection to ITS ({host}) through.",
        "BT sorumlunuzdan ITS adresinin proxy'de açılmasını isteyin ya da proxy ayarlarını "
        "(HTTPS_PROXY) kontrol edin. Okutmalar kuyrukta saklanır.",
        "Ask your IT person to allow the ITS address on the proxy, or check the proxy settings "
        "(HTTPS_PROXY). The scans stay queued."),
    HTTP: Words(
        "ITS ({host}) cevap verdi ama bir hata sayfası döndü (HTTP {status}).",
        "ITS ({host}) answered, but with an error page (HTTP {status}).",
        "Sorun ITS tarafında; bildirim kuyrukta kalır ve yeniden gönderilir.",
        "The problem is on ITS's side; the notification stays queued and is sent again."),
    NETWORK: Words(
        "ITS'e ({host}) bağlanılamadı.",
        "Could not connect to ITS ({host}).",
        "İnternet bağlantısını kontrol edin; okutmalar kuyrukta saklanır ve ITS'e ulaşılınca gönderilir.",
        "Check the internet connection; the scans stay queued and are sent once ITS can be reached."),
}


def failure(kind: str, url: str, *, detail: str = "", seconds: float | None = None,
            status: int | None = None) -> ItsTransportError:
    """The ItsTransportError of one kind of failure, worded for a person: what happened,
    then what to do (`words` keeps the two apart, for `pharmadesk doctor`)."""
    table = MESSAGES[kind]
    fill = {"host": urlsplit(url).netloc or url, "seconds": f"{seconds:g}" if seconds is not None else "",
            "status": status if status is not None else ""}
    words = Words(table.what_tr.format(**fill), table.what_en.format(**fill), table.todo_tr, table.todo_en)
    return ItsTransportError(f"{words.what_tr} {words.todo_tr}", f"{words.what_en} {words.todo_en}",
                             kind=kind, detail=detail,
                             http_status=status, words=words)


def from_exception(error: requests.RequestException, url: str, *, connect_timeout: float,
                   read_timeout: float) -> ItsTransportError:
    """The plain message for an exception of requests (whatever urllib3 wrapped in it)."""
    kind = classify(error)
    seconds = {CONNECT_TIMEOUT: connect_timeout, READ_TIMEOUT: read_timeout}.get(kind)
    return failure(kind, url, detail=f"{type(error).__name__}: {error}", seconds=seconds)


def from_status(status: int, url: str) -> ItsTransportError:
    """An HTTP answer without a SOAP document: a proxy's 407 is the proxy's refusal."""
    return failure(PROXY if status == 407 else HTTP, url, status=status)


def what_happened(error: ItsError, lang: str) -> str:
    """The first half of a failure's message (without what to do), for a progress line."""
    words = getattr(error, "words", None)
    if words is None:
        return error.message(lang)
    return words.what_en if lang == "en" else words.what_tr


def retry_line(error: ItsError, seconds: float, attempt: int, attempts: int, lang: str) -> str:
    """What a failed try met and when the next one comes: 'ITS … (HTTP 500). Trying again
    in 4 s (try 2 of 6).'"""
    wait = max(0, round(seconds))
    if lang == "en":
        return f"{what_happened(error, lang)} Trying again in {wait} s (try {attempt + 1} of {attempts})."
    return f"{what_happened(error, lang)} {wait} sn sonra yeniden denenecek ({attempt + 1}/{attempts}. deneme)."


# How ITS looks from here: the status bar's light and `pharmadesk doctor`.
ANSWERING, ERRORS, UNREACHABLE = "answering", "errors", "unreachable"
PROBE_TIMEOUT = (5.0, 10.0)  # connect, read


@dataclass(frozen=True)
class Health(Bilingual):
    """ITS answering; answering with errors (`message_*`: the HTTP status or the fault);
    or not reachable (`message_*`: what happened and what to do)."""

    state: str
    message_tr: str = ""
    message_en: str = ""
    http_status: int | None = None
    elapsed_ms: float | None = None
    error: ItsError | None = None


def health_of(error: ItsError) -> Health:
    """What a failed request says about ITS: an error page, a fault, an unreadable answer
    or a refused login came from ITS (answering with errors); the rest never reached it."""
    if isinstance(error, ItsTransportError) and not error.answered:
        return Health(UNREACHABLE, error.message_tr, error.message_en, error=error)
    if isinstance(error, ItsTransportError):
        return Health(ERRORS, f"HTTP {error.http_status}", f"HTTP {error.http_status}",
                      http_status=error.http_status, error=error)
    if isinstance(error, ItsFault):
        shown = f"{error.fc} {error.fm}".strip()
        return Health(ERRORS, f"hata {shown}", f"fault {shown}", error=error)
    if isinstance(error, ItsAuthError):
        return Health(ERRORS, "kullanıcı adı/parola kabul edilmedi", "user name/password refused", error=error)
    return Health(ERRORS, "cevap okunamadı", "unreadable answer", error=error)


def probe(base_url: str, *, verify: bool | str = True, timeout=PROBE_TIMEOUT) -> Health:
    """Ask ITS for the first service's WSDL, as a browser would: any answer below 500
    means ITS is there and well; 5xx, that it answers with errors."""
    from pharmadesk.its.services import all_services

    url = base_url.rstrip("/") + all_services()[0].path + "?wsdl"
    started = time.monotonic()
    try:
        response = requests.get(url, timeout=timeout, verify=verify)
    except requests.RequestException as error:
        return health_of(from_exception(error, url, connect_timeout=timeout[0], read_timeout=timeout[1]))
    elapsed = (time.monotonic() - started) * 1000
    response.close()
    status = response.status_code
    if status >= 500 or status == 407:
        return replace(health_of(from_status(status, url)), elapsed_ms=elapsed)
    return Health(ANSWERING, f"HTTP {status}", f"HTTP {status}", http_status=status, elapsed_ms=elapsed)


def classify(error: BaseException) -> str:
    """Which kind of failure an exception of requests is, from the causes it wraps."""
    if isinstance(error, requests.exceptions.ProxyError):
        return PROXY
    if isinstance(error, requests.exceptions.SSLError):
        return TLS
    if isinstance(error, requests.exceptions.ConnectTimeout):
        return CONNECT_TIMEOUT
    if isinstance(error, requests.exceptions.Timeout):
        return READ_TIMEOUT
    causes = list(_causes(error))
    if any(isinstance(cause, (NameResolutionError, socket.gaierror)) for cause in causes):
        return DNS
    if any(isinstance(cause, ssl.SSLError) for cause in causes):
        return TLS
    if any(isinstance(cause, ConnectionRefusedError) for cause in causes):
        return REFUSED
    if any(isinstance(cause, (ConnectionResetError, BrokenPipeError, RemoteDisconnected, ProtocolError))
           for cause in causes):
        return RESET
    return NETWORK


def _causes(error: BaseException, depth: int = 0) -> Iterator[BaseException]:
    """The exception and everything it wraps: chained causes, urllib3's `reason`, and
    exceptions carried in `args` (ProtocolError('Connection aborted.', ConnectionResetError(…)))."""
    if depth > 8:
        return
    yield error
    inner = [error.__cause__, error.__context__, getattr(error, "reason", None),
             *(arg for arg in error.args if isinstance(arg, BaseException))]
    for cause in inner:
        if isinstance(cause, BaseException) and cause is not error:
            yield from _causes(cause, depth + 1)


__all__ = ["MESSAGES", "failure", "from_exception", "from_status", "classify", "Health", "health_of", "probe",
           "what_happened", "retry_line",
           "ANSWERING", "ERRORS", "UNREACHABLE",
           "REFUSED", "RESET", "DNS", "TLS", "CONNECT_TIMEOUT", "READ_TIMEOUT", "PROXY", "HTTP", "NETWORK"]
