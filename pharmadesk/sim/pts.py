"""The simulator's PTS (Paket Transfer Sistemi): the packages senders filed for their
shipments, the transfer list, and the two download services (GetPackage, PackageReceiver)
with PTS's cap of 100 downloads per package. Written from the wire as its-protocol.md §8
documents it, not from the client's code."""

from __future__ import annotations

import base64
import hashlib
import io
import threading
import zipfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

from pharmadesk.gs1 import check_digit
from pharmadesk.sim import sandbox as world
from pharmadesk.sim.ledger import Ledger, Line
from pharmadesk.sim.sandbox import Sandbox

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
HELPER_NS = "http://its.iegm.gov.tr/pts/helper/receiveTrasnferDetails"  # sic, as PTS spells it
GET_NS = "http://pts.titck.gov.tr/get"
RECEIVER_NS = "http://its.iegm.gov.tr/pts/receivepackage"
HELPER_PATH = "/PTS/PackageTransferHelperService"
GET_PATH = "/PTS/GetPackage"
RECEIVER_PATH = "/PTS/PackageReceiverWebService"
PATHS = frozenset({HELPER_PATH, GET_PATH, RECEIVER_PATH})

DOWNLOAD_CAP = 100
MAX_FILE_BYTES = 10 * 1024 * 1024  # PTS 20009
MAX_WINDOW_DAYS = 31

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True,
                          remove_comments=True, remove_pis=True)


class PtsRefusal(Exception):
    """A PTS fault: faultCode and faultMessage, answered with HTTP 500."""

    def __init__(self, code: str, message: str):
        super().__init__(f"{code} {message}")
        self.code = code
        self.message = message


@dataclass
class Shipment:
    """A carrier being packed: its SSCC, container type, boxes and inner carriers."""

    sscc: str
    container_type: str
    lines: list[Line] = field(default_factory=list)
    inner: list[Shipment] = field(default_factory=list)


@dataclass
class _Transfer:
    transfer_id: int
    sender: str
    receiver: str
    day: date
    zip_bytes: bytes
    downloads: int = 0
    labels: list[tuple[str, str]] = field(default_factory=list)  # (SSCC, container type), outermost first

    @property
    def md5(self) -> str:
        return hashlib.md5(self.zip_bytes).hexdigest()


class PtsOffice:
    """Every package filed with the simulator's PTS, and the SSCCs it hands out."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.transfers: dict[int, _Transfer] = {}
        self._next_id = 880001
        self._next_sscc = 1

    def reset(self) -> None:
        with self.lock:
            self.transfers.clear()

    def new_sscc(self, company_gln: str) -> str:
        """An SSCC in the sender's company prefix: extension 0 + 12 GLN digits + 4 serial digits."""
        with self.lock:
            number = self._next_sscc
            self._next_sscc += 1
        body = f"0{company_gln[:12]}{number % 10**4:04d}"
        return body + str(check_digit(body))

    def file(self, sender: str, receiver: str, day: date, document_number: str, carriers: list[Shipment]) -> int:
        """Keep the package of a dispatch, zipped as PTS delivers it; returns its transfer id."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(f"{sender}_{receiver}_{day:%Y%m%d}.xml",
                             package_xml(sender, receiver, document_number, day, carriers))
        transfer_id = self.file_zip(sender, receiver, day, buffer.getvalue())
        with self.lock:
            self.transfers[transfer_id].labels = [label for carrier in carriers for label in _labels(carrier)]
        return transfer_id

    def carrier_labels(self, receiver: str) -> list[tuple[str, str]]:
        """The labels of the cases and pallets on their way to `receiver` (the sandbox's demo scanner)."""
        with self.lock:
            return [label for transfer in self.transfers.values() if transfer.receiver == receiver
                    for label in transfer.labels]

    def file_zip(self, sender: str, receiver: str, day: date, zip_bytes: bytes) -> int:
        """Keep a package file as the sender uploaded it; returns its transfer id."""
        with self.lock:
            transfer_id = self._next_id
            self._next_id += 1
            self.transfers[transfer_id] = _Transfer(transfer_id, sender, receiver, day, zip_bytes)
        return transfer_id

    # ---- the SOAP services ----

    def answer(self, path: str, body: bytes, user_gln: str) -> tuple[int, bytes]:
        try:
            request = _request(body)
            values = {etree.QName(child).localname: (child.text or "").strip() for child in request}
            if path == HELPER_PATH:
                return 200, self._transfer_list(values, user_gln)
            transfer = self.download(values.get("transferId", ""), user_gln)
            payload = base64.b64encode(transfer.zip_bytes).decode("ascii")
            if path == GET_PATH:
                return 200, _envelope(GET_NS, "stream", f"<streamMD5checksum>{transfer.md5}</streamMD5checksum>"
                                                        f"<fileStream>{payload}</fileStream>")
            return 200, _envelope(RECEIVER_NS, "receiveFileStreamResponse",
                                  f"<responseFileStream>{payload}</responseFileStream>")
        except PtsRefusal as refusal:
            namespace = {HELPER_PATH: HELPER_NS, GET_PATH: GET_NS}.get(path, RECEIVER_NS)
            return 500, _fault(namespace, refusal)

    def _transfer_list(self, values: dict[str, str], user_gln: str) -> bytes:
        found = self.search(user_gln, values.get("destinationGLN", ""), values.get("sourceGLN", ""),
                            values.get("startDate", ""), values.get("endDate", ""))
        details = "".join(
            f"<transferDetails><sourceGLN>{t.sender}</sourceGLN><destinationGLN>{t.receiver}</destinationGLN>"
            f"<transferId>{t.transfer_id}</transferId><transferDate>{t.day.isoformat()}</transferDate>"
            f"</transferDetails>" for t in found)
        return _envelope(HELPER_NS, "receiveTransferDetailsResponse", details)

    # ---- what both the SOAP and the REST side ask ----

    def search(self, user_gln: str, destination: str, source: str, start_text: str, end_text: str) -> list[_Transfer]:
        """The transfers to `destination` (the caller's own GLN) filed from start to end (yyyy-MM-dd)."""
        destination = destination or user_gln
        if destination != user_gln:
            raise PtsRefusal("20004", "Kullanıcı bu firma adına paket alamaz.")
        try:
            start, end = date.fromisoformat(start_text), date.fromisoformat(end_text)
        except ValueError:
            raise PtsRefusal("20001", "Tarih bilgisi yok ya da geçersiz (yyyy-MM-dd).") from None
        if end < start or end - start > timedelta(days=MAX_WINDOW_DAYS - 1):
            raise PtsRefusal("20002", f"Tarih aralığı en fazla {MAX_WINDOW_DAYS} gün olabilir.")
        with self.lock:
            return [t for t in self.transfers.values() if t.receiver == destination and start <= t.day <= end
                    and (not source or t.sender == source)]

    def download(self, transfer_id_text: str, user_gln: str) -> _Transfer:
        """One download of a transfer addressed to the caller, counted against PTS's cap."""
        try:
            transfer_id = int(transfer_id_text)
        except ValueError:
            raise PtsRefusal("20008", "Transfer bilgisi bulunamadı.") from None
        with self.lock:
            transfer = self.transfers.get(transfer_id)
            if transfer is None:
                raise PtsRefusal("20008", "Transfer bilgisi bulunamadı.")
            if transfer.receiver != user_gln:
                raise PtsRefusal("20004", "Kullanıcı bu firma adına paket alamaz.")
            if transfer.downloads >= DOWNLOAD_CAP:
                raise PtsRefusal("21012", f"Bir paket en fazla {DOWNLOAD_CAP} kez indirilebilir.")
            transfer.downloads += 1
            return transfer


def _request(body: bytes) -> etree._Element:
    try:
        root = etree.fromstring(body, _PARSER)
    except etree.XMLSyntaxError as error:
        raise PtsRefusal("11031", f"XML okunamadı ({error.msg})") from None
    if root.getroottree().docinfo.doctype or root.tag != f"{{{SOAP_ENV}}}Envelope":
        raise PtsRefusal("11031", "Geçersiz SOAP zarfı")
    soap_body = root.find(f"{{{SOAP_ENV}}}Body")
    request = next(iter(soap_body), None) if soap_body is not None else None
    if request is None:
        raise PtsRefusal("11031", "Geçersiz SOAP zarfı")
    return request


def _envelope(namespace: str, root: str, inner: str) -> bytes:
    return (f'<S:Envelope xmlns:S="{SOAP_ENV}"><S:Body><ns2:{root} xmlns:ns2="{namespace}">{inner}'
            f"</ns2:{root}></S:Body></S:Envelope>").encode("utf-8")


def _fault(namespace: str, refusal: PtsRefusal) -> bytes:
    message = escape(refusal.message)
    return (f'<S:Envelope xmlns:S="{SOAP_ENV}"><S:Body><S:Fault><faultcode>S:Server</faultcode>'
            f"<faultstring>{message}</faultstring><detail><ns2:transferError xmlns:ns2=\"{namespace}\">"
            f"<faultCode>{refusal.code}</faultCode><faultMessage>{message}</faultMessage>"
            f"</ns2:transferError></detail></S:Fault></S:Body></S:Envelope>").encode("utf-8")


# ---- package files ----

def _labels(carrier: Shipment) -> list[tuple[str, str]]:
    return [(carrier.sscc, carrier.container_type)] + [label for inner in carrier.inner for label in _labels(inner)]


def package_xml(sender: str, receiver: str, document_number: str, day: date, carriers: list[Shipment]) -> bytes:
    """The `transfer` document of a shipment, as a sender's software writes it."""
    parts = [f'<?xml version="1.0" encoding="UTF-8"?><transfer><sourceGLN>{sender}</sourceGLN>'
             f"<destinationGLN>{receiver}</destinationGLN><actionType>S</actionType>"
             f"<shipTo>{receiver}</shipTo><documentNumber>{escape(document_number)}</documentNumber>"
             f"<documentDate>{day.isoformat()}</documentDate><note></note><version>1.4</version>"]
    for carrier in carriers:
        _write_carrier(parts, carrier)
    parts.append("</transfer>")
    return "".join(parts).encode("utf-8")


def _write_carrier(parts: list[str], carrier: Shipment) -> None:
    parts.append(f"<carrier carrierLabel=\"00{carrier.sscc}\" containerType={quoteattr(carrier.container_type)}>")
    for inner in carrier.inner:
        _write_carrier(parts, inner)
    by_lot: dict[tuple[str, str, date | None], list[str]] = {}
    for line in carrier.lines:
        by_lot.setdefault((line.gtin, line.bn or "", line.xd), []).append(line.sn)
    for (gtin, lot, expiry), serials in by_lot.items():
        parts.append(f"<productList GTIN=\"{gtin}\" lotNumber={quoteattr(lot)} "
                     f"expirationDate=\"{expiry.isoformat() if expiry else ''}\">")
        parts.extend(f"<serialNumber>{escape(serial)}</serialNumber>" for serial in serials)
        parts.append("</productList>")
    parts.append("</carrier>")


def read_upload(zip_bytes: bytes) -> tuple[str, str, list[Line]]:
    """An uploaded package: (sender, receiver, every box). ValueError when it cannot be read."""
    try:
        with zipfile.ZipFile(io.BytesIO(zip_bytes)) as archive:
            names = [name for name in archive.namelist() if name.lower().endswith(".xml")]
            if len(names) != 1:
                raise ValueError("21005 a package holds exactly one XML file")
            root = etree.fromstring(archive.read(names[0]), _PARSER)
    except (zipfile.BadZipFile, etree.XMLSyntaxError) as error:
        raise ValueError(f"the package cannot be read: {error}") from None
    if root.getroottree().docinfo.doctype:
        raise ValueError("the package XML declares a DOCTYPE")
    header = {etree.QName(child).localname.lower(): (child.text or "").strip() for child in root
              if isinstance(child.tag, str)}
    lines = []
    for product in root.iter():
        if not isinstance(product.tag, str) or etree.QName(product).localname.lower() != "productlist":
            continue
        attributes = {name.lower(): value for name, value in product.attrib.items()}
        expiry = attributes.get("expirationdate")
        for serial in product:
            if isinstance(serial.tag, str) and etree.QName(serial).localname.lower() == "serialnumber":
                lines.append(Line(attributes.get("gtin", ""), (serial.text or "").strip(),
                                  attributes.get("lotnumber"), date.fromisoformat(expiry) if expiry else None))
    return header.get("sourcegln", ""), header.get("destinationgln", ""), lines


def ship_in_carriers(office: PtsOffice, ledger: Ledger, sender: str, receiver: str, lines: list[Line],
                     sizes: list[int], document_number: str) -> tuple[int, str, dict[str, list[Line]]]:
    """File the package of a dispatch: one case per size, inside one pallet.
    Returns (transfer id, pallet SSCC, case SSCC → its boxes)."""
    pallet = Shipment(office.new_sscc(sender), "P")
    cases: dict[str, list[Line]] = {}
    start = 0
    for size in sizes:
        case = Shipment(office.new_sscc(sender), "C", lines[start:start + size])
        pallet.inner.append(case)
        cases[case.sscc] = case.lines
        start += size
    return office.file(sender, receiver, ledger.today(), document_number, [pallet]), pallet.sscc, cases


def seed(office: PtsOffice, ledger: Ledger, sandbox: Sandbox) -> None:
    """The sandbox's expected shipments: at each station a pallet holding two cases, and a loose case."""
    for number, station in enumerate(world.STATIONS.values(), start=1):
        sender = world.MANUFACTURER if station == world.WAREHOUSE else world.SUPPLIER
        lines = sandbox.new_lines(ledger, 7)
        ledger.ship(world.MANUFACTURER, sender, station, lines)
        ship_in_carriers(office, ledger, sender, station, lines, [4, 3], f"IRS2026{number:04d}")
        loose = sandbox.new_lines(ledger, 2)
        ledger.ship(world.MANUFACTURER, sender, station, loose)
        office.file(sender, station, ledger.today(), f"IRS2026{number + 10:04d}",
                    [Shipment(office.new_sscc(sender), "C", loose)])
