"""SOAP 1.1 in and out for the simulator: read a notification envelope safely (no entities,
no network, any prefixes), hold it to its endpoint's SOAPAction and schema, write the answer
and the fault the way ITS writes them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple
from xml.sax.saxutils import escape

from lxml import etree

from pharmadesk.sim.ledger import Line
from pharmadesk.sim.wire import Endpoint

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"

# FM texts for the faults the simulator raises (ITS wording; see its-protocol.md §6).
FAULT_TEXTS = {
    "11001": "Kullanıcı Bu Firma İçin Bildirim Yapamaz.",
    "11003": "Bildirilen GLN'e kayıtlarımızda rastlanamamıştır.",
    "11013": "Ürün Barkod Bilgisi Yok ya da Geçersizdir.",
    "11018": "Gönderici GLN Bilgisi Yok ya da Geçersiz.",
    "11019": "Alıcı Bilgisi Yok ya da Geçersiz.",
    "11020": "URUNLER İçerisinde URUN Bilgileri Girilmemiş.",
    "11021": "Bildirim Türü Yanlış.",
    "11022": "Deaktivasyon Kodu Yanlış.",
    "11024": "RT Bilgisi Boş ya da Geçersiz.",
    # The source lost the field names of 11025/11026/11033/11034; these are the guide's fields.
    "11025": "TO alanında bir Eczane Kodu varsa, EID ve RKN alanları boş olmalıdır.",
    "11026": "TO alanında SGK'nın Kodu varsa EID ve RKN Alanları dolu olmalıdır.",
    "11027": "Bu Reçete Kayıt Numarası Zaten Kayıtlı",
    "11030": "Belirtilen Reçete Kayıt Numarasına Satış Bildirimi Yapılmamıştır.",
    "11031": "Gönderilen XML Veri Yapısı WSDL Dokümanındaki Şema ile Uyumlu Değildir",
    "11032": "Sıra Numarası Formatı Geçersiz",
    "11033": "Alıcı Bilgisi Geri Ödeme Kurumu Olduğunda URUNLER alanı boş olmalıdır",
    "11034": "Elden Satış Kodu Olduğunda EID ve RKN alanları boş olmalıdır.",
    "11035": "Ürüne Ait Son Kullanım Tarihi (XD) Formatı Uyumsuz",
    "11036": "Ürüne Ait Parti Numarası (BN) Formatı Uyumsuz",
    "11039": "Kullanıcı adının ilk 13 hanesi GLN ile aynı olmalıdır",
    "11040": "(PRODUCTS) içerisinde (PRODUCT) Bilgileri Girilmemiş",
    "11213": "Belirtilen Reçete Numarası Zaten Kayıtlı",
    "11217": "Bu Reçete Geri Ödeme Kurumu tarafından Sorgulanmıştır. İptal Edilemez",
    "11901": "Kullanıcı bu servisi kullanmaya yetkili değildir. Lütfen firma yetkilinizle görüşünüz",
    "11902": "Belirtilen alıcı sistemde kayıtlı değildir",
    "11903": "Belirtilen satıcı sistemde kayıtlı değildir",
    "11904": "Belirtilen alıcı deaktif durumdadır",
    "11905": "Belirtilen satıcı deaktif durumdadır",
    "11906": "Belirtilen alıcı bu işleme uygun paydaş türünde değildir",
    "11907": "Belirtilen satıcı bu işleme uygun paydaş türünde değildir",
}

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
    huge_tree=True, remove_comments=True, remove_pis=True,
)


class SoapFault(Exception):
    """A request-level refusal: answered as a SOAP fault with BildirimHata/itsError, HTTP 500."""

    def __init__(self, code: str, message: str | None = None):
        self.code = code
        self.message = message or FAULT_TEXTS.get(code, "Bilinmeyen hata")
        super().__init__(f"{self.code} {self.message}")


@dataclass
class RawItem:
    """One URUN/PRODUCT as sent (text or None per child)."""

    gtin: str | None
    bn: str | None
    sn: str | None
    xd: str | None


class Result(NamedTuple):
    """One product line as booked and its UC."""

    line: Line
    code: str


@dataclass
class Envelope:
    """The notification inside a SOAP body: header fields by name, BELGE fields, products."""

    fields: dict[str, str] = field(default_factory=dict)
    belge: dict[str, str] = field(default_factory=dict)
    items: list[RawItem] = field(default_factory=list)
    request: etree._Element | None = field(default=None, repr=False)  # the request root, for the schema


def _local(element) -> str:
    return etree.QName(element).localname


def _text(element) -> str:
    return (element.text or "").strip()


def check_soap_action(endpoint: Endpoint, header: str | None) -> None:
    """SOAP 1.1 §6.1.1: an empty or missing SOAPAction says only "the request URI"; any other
    value must be the one the endpoint's WSDL declares."""
    action = (header or "").strip().strip('"')
    if action and action != endpoint.soap_action:
        raise SoapFault("11031", f"{FAULT_TEXTS['11031']} (SOAPAction {action}; beklenen {endpoint.soap_action})")


def check_schema(endpoint: Endpoint, envelope: Envelope) -> None:
    """The request against its service's XSD (names, order, types, what may be empty or nil)."""
    schema = endpoint.schema
    if not schema.validate(envelope.request):
        error = schema.error_log.last_error
        raise SoapFault("11031", f"{FAULT_TEXTS['11031']} ({error.message if error else 'XSD'})")


def read_envelope(body: bytes, endpoint: Endpoint) -> Envelope:
    """Parses a request for `endpoint`; a malformed envelope or another service's root is 11031."""
    try:
        root = etree.fromstring(body, _PARSER)
    except etree.XMLSyntaxError as error:
        raise SoapFault("11031", f"{FAULT_TEXTS['11031']} ({error.msg})") from None
    if root.getroottree().docinfo.doctype:
        # A SOAP message must not carry a DTD (SOAP 1.1 §3): no entities, internal or external.
        raise SoapFault("11031", f"{FAULT_TEXTS['11031']} (DOCTYPE)")
    if root.tag != f"{{{SOAP_ENV}}}Envelope":
        raise SoapFault("11031")
    soap_body = next((child for child in root if child.tag == f"{{{SOAP_ENV}}}Body"), None)
    request = next(iter(soap_body), None) if soap_body is not None else None
    expected = f"{{{endpoint.namespace}}}{endpoint.request_root}"
    if request is None or request.tag != expected:
        found = request.tag if request is not None else "-"
        raise SoapFault("11031", f"{FAULT_TEXTS['11031']} ({found}; beklenen {expected})")
    envelope = Envelope(request=request)
    wire = endpoint.generation
    for child in request:
        name = _local(child)
        if name == wire.item_wrapper:
            envelope.items = [_read_item(product) for product in child if _local(product) == wire.item_element]
        elif name == "BELGE":
            envelope.belge = {_local(part): _text(part) for part in child}
        else:
            envelope.fields[name] = _text(child)
    return envelope


def _read_item(product) -> RawItem:
    values = {_local(child): _text(child) for child in product}
    return RawItem(values.get("GTIN"), values.get("BN"), values.get("SN"), values.get("XD"))


def answer(endpoint: Endpoint, notification_id: str, results: list[Result]) -> bytes:
    """The <X>Cevap / <X>Response envelope: the notification id and one result item per line,
    with the children the service's WSDL gives it (GTIN, SN, UC; Depo Satış İptal adds XD, BN)."""
    wire = endpoint.generation
    item = wire.result_item_element
    parts = [
        f'<S:Envelope xmlns:S="{SOAP_ENV}"><S:Body>',
        f'<ns2:{endpoint.response_root} xmlns:ns2="{escape(endpoint.namespace)}">',
        f"<{wire.id_element}>{notification_id}</{wire.id_element}>",
        f"<{wire.item_wrapper}>",
    ]
    parts.extend(f"<{item}>{_result_children(endpoint, result)}</{item}>" for result in results)
    parts.append(f"</{wire.item_wrapper}></ns2:{endpoint.response_root}></S:Body></S:Envelope>")
    return "".join(parts).encode("utf-8")


def _result_children(endpoint: Endpoint, result: Result) -> str:
    if endpoint.answer_fields == ("GTIN", "SN", "UC"):
        return f"<GTIN>{escape(result.line.gtin)}</GTIN><SN>{escape(result.line.sn)}</SN><UC>{result.code}</UC>"
    values = {"GTIN": result.line.gtin, "SN": result.line.sn, "UC": result.code, "BN": result.line.bn,
              "XD": result.line.xd.isoformat() if result.line.xd else None}
    return "".join(f"<{name}>{escape(values[name])}</{name}>" for name in endpoint.answer_fields
                   if values[name] is not None)


def fault(endpoint: Endpoint, error: SoapFault) -> bytes:
    """A SOAP 1.1 fault like the guide's example, with BildirimHata(FC, FM) or itsError."""
    wire = endpoint.generation
    detail, code_name, message_name = wire.fault_element, wire.fault_code_element, wire.fault_message_element
    message = escape(error.message)
    return (
        f'<S:Envelope xmlns:S="{SOAP_ENV}"><S:Body><S:Fault>'
        f"<faultcode>S:Server</faultcode><faultstring>{message}</faultstring>"
        f'<detail><ns2:{detail} xmlns:ns2="{escape(endpoint.namespace)}">'
        f"<{code_name}>{error.code}</{code_name}><{message_name}>{message}</{message_name}>"
        f"</ns2:{detail}></detail></S:Fault></S:Body></S:Envelope>"
    ).encode("utf-8")
