"""A PTS package (Paket Transfer Sistemi): the ZIP a sender uploads for a shipment, holding
one `transfer` XML document with its carriers (pallet → case → …) and the serials inside.
Read as a stream, so a 20,000-box package never sits in memory as a tree; no DTD and
no entities, as for every document that came over the network."""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date
from typing import IO

from lxml import etree

from pharmadesk.bilingual import BilingualError

MAX_XML_BYTES = 200 * 1024 * 1024  # a 10 MB ZIP (PTS 20009) of highly compressible XML

# Attribute spellings real senders use (one client checks both; its-protocol.md §8.2).
_ATTRIBUTE_NAMES = {
    "gtin": ("GTIN", "gtin", "Gtin"),
    "lot": ("lotNumber", "LotNumber", "lotnumber"),
    "expiry": ("expirationDate", "ExpirationDate", "expirationdate"),
    "production": ("productionDate", "ProductionDate", "productiondate"),
    "po": ("PONumber", "poNumber", "PoNumber", "ponumber"),
    "label": ("carrierLabel", "CarrierLabel", "carrierlabel"),
    "container": ("containerType", "ContainerType", "containertype"),
}
_HEADER_FIELDS = {"sourcegln": "sender_gln", "destinationgln": "receiver_gln", "actiontype": "action_type",
                  "shipto": "ship_to", "documentnumber": "document_number", "documentdate": "document_date",
                  "note": "note", "version": "version"}


class PackageError(BilingualError):
    """A package file that cannot be taken: nothing of it is stored."""


@dataclass(frozen=True, slots=True)
class Carrier:
    sscc: str  # the 18 digits (a label written as AI 00 + SSCC loses its 00)
    parent: str | None
    container_type: str  # P pallet, C case, S bundle, B box, E small bundle, or the sender's word


@dataclass(frozen=True, slots=True)
class ExpectedBox:
    gtin: str
    serial: str
    batch: str
    expiry: date | None
    carrier: str | None
    production_date: str | None = None
    po_number: str | None = None


@dataclass
class Package:
    """One `transfer` document: its header, every carrier (parents before children) and box."""

    sender_gln: str = ""
    receiver_gln: str = ""
    action_type: str = ""  # opaque: senders write P, S, SALE, ...
    ship_to: str = ""
    document_number: str = ""
    document_date: str = ""
    note: str = ""
    version: str = ""
    carriers: list[Carrier] = field(default_factory=list)
    boxes: list[ExpectedBox] = field(default_factory=list)
    digest: str = ""  # SHA-256 of the XML: the same file is never imported twice


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _attribute(element: etree._Element, key: str) -> str:
    for name in _ATTRIBUTE_NAMES[key]:
        value = element.get(name)
        if value is not None:
            return value.strip()
    return ""


def _carrier_label(label: str) -> str:
    """Labels come as the SSCC or as AI 00 + SSCC (20 digits)."""
    return label[2:] if len(label) == 20 and label.startswith("00") else label


def _expiry(text: str, where: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise PackageError(f"Paketteki son kullanma tarihi okunamadı ({where}): {text!r}.",
                           f"An expiry date in the package cannot be read ({where}): {text!r}.") from None


def read_xml(stream: IO[bytes]) -> Package:
    """Stream-parse a `transfer` document. Unknown elements are skipped; a serial listed twice,
    a DTD or entities refuse the whole package (PackageError)."""
    hasher = _HashingReader(stream)
    package = Package()
    seen: set[tuple[str, str]] = set()
    carriers: list[str] = []  # the open carrier path, outermost first
    product: dict[str, str] | None = None
    expiry: date | None = None
    events = etree.iterparse(hasher, events=("start", "end"), resolve_entities=False, no_network=True,
                             load_dtd=False, huge_tree=True, remove_comments=True, remove_pis=True)
    try:
        for event, element in events:
            name = _local(element.tag).lower()
            if event == "start":
                if element.getparent() is None:
                    _refuse_dtd(element)
                    if name != "transfer":
                        raise PackageError(f"Bu bir PTS paketi değil (kök öğe {name!r}, beklenen 'transfer').",
                                           f"This is not a PTS package (root element {name!r}, expected 'transfer').")
                elif name == "carrier":
                    sscc = _carrier_label(_attribute(element, "label"))
                    package.carriers.append(Carrier(sscc, carriers[-1] if carriers else None,
                                                    _attribute(element, "container")))
                    carriers.append(sscc)
                elif name == "productlist":
                    product = {key: _attribute(element, key) for key in ("gtin", "lot", "expiry", "production", "po")}
                    expiry = _expiry(product["expiry"], f"GTIN {product['gtin']}")
                continue
            if name == "serialnumber" and product is not None:
                serial = (element.text or "").strip()
                key = (product["gtin"], serial)
                if key in seen:
                    raise PackageError(f"Pakette aynı kutu iki kez listelenmiş: GTIN {key[0]}, seri {serial}.",
                                       f"The package lists one box twice: GTIN {key[0]}, serial {serial}.")
                seen.add(key)
                package.boxes.append(ExpectedBox(product["gtin"], serial, product["lot"], expiry,
                                                 carriers[-1] if carriers else None, product["production"] or None,
                                                 product["po"] or None))
            elif name == "productlist":
                product = None
            elif name == "carrier":
                carriers.pop()
            elif name in _HEADER_FIELDS and element.getparent() is not None \
                    and element.getparent().getparent() is None:
                setattr(package, _HEADER_FIELDS[name], (element.text or "").strip())
            if element.getparent() is not None and name != "transfer":
                element.clear(keep_tail=False)
                if name in ("carrier", "productlist", "serialnumber"):
                    _drop_earlier_siblings(element)
    except etree.XMLSyntaxError as error:
        if "entity" in str(error).lower():
            raise _dtd_refused() from None
        raise PackageError(f"Paket XML'i bozuk: {error}", f"The package XML is malformed: {error}") from None
    package.digest = hasher.hexdigest()
    return package


def _drop_earlier_siblings(element: etree._Element) -> None:
    """Keep memory flat: what has been read is no longer held by its parent."""
    while element.getprevious() is not None:
        del element.getparent()[0]


def _refuse_dtd(root: etree._Element) -> None:
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise _dtd_refused()


def _dtd_refused() -> PackageError:
    return PackageError("Paket XML'i DOCTYPE ya da varlık (entity) tanımı içeriyor; güvenlik nedeniyle "
                        "reddedildi.",
                        "The package XML declares a DOCTYPE or entities; refused for safety.")


class _HashingReader(io.RawIOBase):
    """Passes a stream through, hashing what was read and refusing an unbounded one."""

    def __init__(self, stream: IO[bytes]):
        self._stream = stream
        self._hash = hashlib.sha256()
        self._size = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self._size += len(data)
        if self._size > MAX_XML_BYTES:
            raise PackageError("Paket XML'i çok büyük.", "The package XML is too large.")
        self._hash.update(data)
        return data

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def read_zip(data: bytes, md5: str | None = None) -> Package:
    """A package as PTS delivers it: a ZIP with one XML document. `md5` is the checksum PTS
    sent with the stream, checked when given."""
    if md5 and hashlib.md5(data).hexdigest().lower() != md5.strip().lower():
        raise PackageError("Paketin MD5 özeti tutmuyor: dosya yolda bozulmuş. Paketi yeniden indirin.",
                           "The package's MD5 checksum does not match: the file was damaged on the way. "
                           "Download it again.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = [info for info in archive.infolist() if info.filename.lower().endswith(".xml")]
        if len(names) != 1:
            raise PackageError(f"Paket ZIP'inde tek bir XML dosyası olmalı (bulunan: {len(names)}).",
                               f"A package ZIP must hold exactly one XML file (found: {len(names)}).")
        with archive.open(names[0]) as stream:
            return read_xml(stream)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as error:
        if isinstance(error, PackageError):
            raise
        raise PackageError(f"Paket ZIP dosyası bozuk: {error}", f"The package ZIP file is corrupt: {error}") from None


def read_file(path: str) -> Package:
    """A package file from disk: the ZIP as downloaded, or its XML."""
    with open(path, "rb") as handle:
        head = handle.read(4)
        handle.seek(0)
        if head.startswith(b"PK"):
            return read_zip(handle.read())
        return read_xml(handle)


__all__ = ["Carrier", "ExpectedBox", "Package", "PackageError", "read_xml", "read_zip", "read_file"]
