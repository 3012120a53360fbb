"""The ITS SOAP endpoints as the simulator reads them off the wire: its own table of paths,
SOAPActions, namespaces and root elements, and the schema in resources/wsdl/ every request is
validated against. It shares nothing with the client's catalog (pharmadesk.its.services) on
purpose: a name the client gets wrong is refused here, as ITS would refuse it.

Sources: the 2011 "İlaç Takip Sistemi Web Servisleri Kılavuzu 1.0" (roots, fields, DT letters;
its transcript lower-cases mixed-case names) and ../shared/its-protocol.md §2-3 (the casing,
paths and SOAPActions WSDL-generated clients show: Sarf, Deaktivasyon, the Depo Satış pair and
the 1.2 services). Where no source shows a path or SOAPAction (every Eczane service, the other
hospital and depot services, Ürün Doğrulama) the table uses `<namespace>/<root>Request` and
`/<Name>/<Name>ReceiverService`, as resources/wsdl/ does.
A new endpoint (PTS, say) is one more row in ENDPOINTS, keyed by its path."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from lxml import etree

from pharmadesk.domain import Operation
from pharmadesk.resources import resource_path
from pharmadesk.sim.rules import Kind

WSDL_DIR = resource_path("wsdl")
_SCHEMA_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


@dataclass(frozen=True)
class Generation:
    """The names one generation of services uses around the products and in its faults."""

    item_wrapper: str
    item_element: str
    result_item_element: str
    id_element: str
    fault_element: str
    fault_code_element: str
    fault_message_element: str
    no_items_code: str  # the fault for an empty product list


BR_V1 = Generation("URUNLER", "URUN", "URUNDURUM", "BILDIRIMID", "BildirimHata", "FC", "FM", "11020")
ITS_12 = Generation("PRODUCTS", "PRODUCT", "PRODUCT", "NOTIFICATIONID", "itsError", "faultCode", "faultMessage",
                    "11040")


@dataclass(frozen=True)
class Endpoint:
    name: str  # the key /admin/stats counts under
    path: str
    schema_file: str  # relative to resources/wsdl/; the WSDL has the same name with .wsdl
    namespace: str
    request_root: str
    response_root: str
    soap_action: str
    operation: Operation
    generation: Generation
    stations: frozenset[Kind]  # who may use it
    dt: str | None = None  # the DT letter (br-v1)
    own_gln_field: str | None = "FR"  # None: the sender is the login (1.2)
    counterparty_field: str | None = None  # TO, TOGLN, or FR for a purchase (the seller)
    # The other party's kinds a station may name, per station kind (guide: each service's TO/FR text).
    counterparty_kinds: dict[Kind, frozenset[Kind]] | None = None
    by_prescription: bool = False  # Eczane Satış İptal: an empty URUNLER cancels a whole prescription
    answer_fields: tuple[str, ...] = ("GTIN", "SN", "UC")

    @property
    def wsdl_file(self) -> str:
        return self.schema_file.removesuffix(".xsd") + ".wsdl"

    @cached_property
    def schema(self) -> etree.XMLSchema:
        return etree.XMLSchema(etree.parse(str(WSDL_DIR / self.schema_file), _SCHEMA_PARSER))


_BR = "http://its.iegm.gov.tr/bildirim/BR/v1"
_RECEIVER = "http://its.iegm.gov.tr/bildirim/BildirimReceiver/v1"
_EVERYONE = frozenset({Kind.PHARMACY, Kind.HOSPITAL, Kind.WHOLESALER, Kind.MANUFACTURER})
_PHARMACY = frozenset({Kind.PHARMACY})
_HOSPITAL = frozenset({Kind.HOSPITAL})
_WHOLESALER = frozenset({Kind.WHOLESALER})

# Whom each kind of station deals with, from the guide's field texts.
# Mal Alım FR: "ürünün alındığı depo veya eczane" (pharmacy, hospital), "depo veya üretici" (depot).
_SELLERS = {
    Kind.PHARMACY: frozenset({Kind.WHOLESALER, Kind.PHARMACY}),
    Kind.HOSPITAL: frozenset({Kind.WHOLESALER, Kind.PHARMACY, Kind.HOSPITAL}),  # and a hospital's Devir
    Kind.WHOLESALER: frozenset({Kind.WHOLESALER, Kind.MANUFACTURER}),
}
_RETURN_TO = {  # Mal İade TO: where the box came from
    Kind.PHARMACY: frozenset({Kind.WHOLESALER, Kind.PHARMACY}),
    Kind.HOSPITAL: frozenset({Kind.WHOLESALER, Kind.MANUFACTURER}),
    Kind.WHOLESALER: frozenset({Kind.WHOLESALER, Kind.MANUFACTURER}),
}
_BUYERS = {  # Satış TO: a payer or the walk-in GLN (checked apart) or a pharmacy; a depot sells on
    Kind.PHARMACY: frozenset({Kind.PAYER, Kind.PHARMACY}),
    Kind.WHOLESALER: frozenset({Kind.WHOLESALER, Kind.PHARMACY, Kind.HOSPITAL}),
}
_PEERS = {Kind.PHARMACY: _PHARMACY, Kind.HOSPITAL: _HOSPITAL}  # Devir: pharmacy to pharmacy, hospital to hospital


def _br(name: str, path: str, schema: str, namespace: str, root: str, response: str, operation: Operation,
        stations: frozenset[Kind], dt: str, *, soap_action: str | None = None, own: str = "FR",
        counterparty: str | None = "TO", kinds: dict[Kind, frozenset[Kind]] | None = None,
        **extra) -> Endpoint:
    return Endpoint(name=name, path=path, schema_file=f"br-v1/{schema}.xsd", namespace=namespace,
                    request_root=root, response_root=response,
                    soap_action=soap_action or f"{namespace}/{root}Request", operation=operation,
                    generation=BR_V1, stations=stations, dt=dt, own_gln_field=own,
                    counterparty_field=counterparty, counterparty_kinds=kinds, **extra)


def _v12(name: str, service: str, namespace: str, root: str, operation: Operation, *,
         counterparty: bool, kinds: dict[Kind, frozenset[Kind]] | None = None,
         soap_action: str | None = None) -> Endpoint:
    return Endpoint(name=name, path=f"/ITSServices/{service}", schema_file=f"its-1.2/{service}.xsd",
                    namespace=namespace, request_root=f"{root}Request", response_root=f"{root}Response",
                    soap_action=soap_action or f"{namespace}/ItsRequest", operation=operation,
                    generation=ITS_12, stations=_EVERYONE, own_gln_field=None,
                    counterparty_field="TOGLN" if counterparty else None, counterparty_kinds=kinds)


O = Operation
ENDPOINTS: dict[str, Endpoint] = {endpoint.path: endpoint for endpoint in (
    # ---- Eczane (guide ch. 4) ----
    _br("br.eczane_mal_alim", "/EczaneMalAlim/EczaneMalAlimReceiverService", "EczaneMalAlim",
        f"{_BR}/Alim/Eczane", "EczaneMalAlimBildirim", "EczaneMalAlimBildirimCevap", O.RECEIVE, _PHARMACY, "A",
        own="TO", counterparty="FR", kinds=_SELLERS),
    _br("br.eczane_mal_iade", "/EczaneMalIade/EczaneMalIadeReceiverService", "EczaneMalIade",
        f"{_BR}/Iade/Eczane", "EczaneMalIadeBildirim", "EczaneMalIadeBildirimCevap", O.RETURN, _PHARMACY, "F",
        kinds=_RETURN_TO),
    _br("br.eczane_satis", "/EczaneSatis/EczaneSatisReceiverService", "EczaneSatis",
        f"{_BR}/Satis/EczaneSatis", "EczaneSatisBildirim", "EczaneSatisBildirimCevap", O.SALE, _PHARMACY, "S",
        kinds=_BUYERS),
    _br("br.eczane_satis_iptal", "/EczaneSatisIptal/EczaneSatisIptalReceiverService", "EczaneSatisIptal",
        f"{_BR}/SatisIptal/EczaneSatisIptal", "EczaneSatisIptalBildirim", "EczaneSatisIptalBildirimCevap",
        O.SALE_CANCEL, _PHARMACY, "C", kinds=_BUYERS, by_prescription=True),
    # The guide gives Devir the sale letters: S, and C for its cancel.
    _br("br.eczane_mal_devir", "/EczaneMalDevir/EczaneMalDevirReceiverService", "EczaneMalDevir",
        f"{_BR}/MalDevir/EczaneMalDevir", "EczaneMalDevirBildirim", "EczaneMalDevirBildirimCevap",
        O.TRANSFER, _PHARMACY, "S", kinds=_PEERS),
    _br("br.eczane_mal_devir_iptal", "/EczaneMalDevirIptal/EczaneMalDevirIptalReceiverService",
        "EczaneMalDevirIptal", f"{_BR}/MalDevirIptal/Eczane", "EczaneMalDevirIptalBildirim",
        "EczaneMalDevirIptalBildirimCevap", O.TRANSFER_CANCEL, _PHARMACY, "C", kinds=_PEERS),
    # ---- Hastane (guide ch. 5) ----
    _br("br.hastane_mal_alim", "/HastaneMalAlim/HastaneMalAlimReceiverService", "HastaneMalAlim",
        f"{_BR}/Alim/Hastane", "HastaneMalAlimBildirim", "HastaneMalAlimBildirimCevap", O.RECEIVE, _HOSPITAL, "A",
        own="TO", counterparty="FR", kinds=_SELLERS),
    _br("br.hastane_mal_iade", "/HastaneMalIade/HastaneMalIadeReceiverService", "HastaneMalIade",
        f"{_BR}/Iade/Hastane", "HastaneMalIadeBildirim", "HastaneMalIadeBildirimCevap", O.RETURN, _HOSPITAL, "F",
        kinds=_RETURN_TO),
    # A working client's WSDL import: Sarf carries the Deaktivasyon SOAPAction.
    _br("br.hastane_sarf", "/HastaneSarf/HastaneSarfBildirimReceiverService", "HastaneSarf",
        f"{_BR}/Sarf/Hastane", "HastaneSarfBildirim", "HastaneSarfBildirimCevap", O.CONSUME, _HOSPITAL, "D",
        soap_action=f"{_RECEIVER}/DeaktivasyonBildirRequest", counterparty=None),
    _br("br.hastane_mal_devir", "/HastaneMalDevir/HastaneMalDevirReceiverService", "HastaneMalDevir",
        f"{_BR}/MalDevir/HastaneMalDevir", "MalDevirBildirim", "HastaneMalDevirBildirimCevap",
        O.TRANSFER, _HOSPITAL, "S", kinds=_PEERS),
    _br("br.hastane_mal_devir_iptal", "/HastaneMalDevirIptal/HastaneMalDevirIptalReceiverService",
        "HastaneMalDevirIptal", f"{_BR}/MalDevirIptal/HastaneMalDevirIptal", "MalDevirIptalBildirim",
        "HastaneMalDevirIptalBildirimCevap", O.TRANSFER_CANCEL, _HOSPITAL, "C", kinds=_PEERS),
    # ---- Ecza deposu (guide ch. 3); Depo Satış and its cancel as their Delphi WSDL imports show ----
    _br("br.depo_mal_alim", "/DepoMalAlim/DepoMalAlimReceiverService", "DepoMalAlim",
        f"{_BR}/Alim/Depo", "DepoMalAlim", "DepoMalAlimCevap", O.RECEIVE, _WHOLESALER, "A",
        own="TO", counterparty="FR", kinds=_SELLERS),
    _br("br.depo_mal_iade", "/DepoMalIade/DepoMalIadeReceiverService", "DepoMalIade",
        f"{_BR}/Iade/Depo", "DepoMalIade", "DepoMalIadeCevap", O.RETURN, _WHOLESALER, "F", kinds=_RETURN_TO),
    _br("br.depo_satis", "/DepoSatis/DepoSatisReceiverService", "DepoSatis",
        f"{_BR}/Satis/DepoSatis", "SatisBildirim", "SatisBildirimCevap", O.SALE, _WHOLESALER, "S",
        soap_action=f"{_RECEIVER}/Satis/DepoSatis/SatisBildirRequest", kinds=_BUYERS),
    _br("br.depo_satis_iptal", "/DepoSatisIptal/DepoSatisIptalReceiverService", "DepoSatisIptal",
        f"{_BR}/SatisIptal/Depo", "SatisIptalBildirim", "SatisIptalBildirimCevap", O.SALE_CANCEL, _WHOLESALER,
        "C", soap_action=f"{_RECEIVER}/SatisIptal/Depo/SatisIptalBildirRequest", kinds=_BUYERS,
        answer_fields=("GTIN", "XD", "BN", "SN", "UC")),
    _br("br.ihracat", "/IhracatBildirim/IhracatReceiverService", "Ihracat",
        f"{_BR}/Ihracat", "IhracatBildirim", "IhracatBildirimCevap", O.EXPORT, _WHOLESALER, "X",
        counterparty=None),
    # ---- every stakeholder ----
    _br("br.deaktivasyon", "/DeaktivasyonBildirim/DeaktivasyonBildirimReceiverService", "Deaktivasyon",
        f"{_BR}/Deaktivasyon", "DeaktivasyonBildirim", "DeaktivasyonBildirimCevap", O.DEACTIVATE, _EVERYONE, "D",
        soap_action=f"{_RECEIVER}/DeaktivasyonBildirRequest", counterparty=None),
    _br("br.urun_dogrulama", "/UrunDogrulama/UrunDogrulamaReceiverService", "UrunDogrulama",
        f"{_BR}/UrunDogrulama/Genel", "UrunDogrulamaBildirim", "UrunDogrulamaBildirimCevap", O.VERIFY,
        _EVERYONE, "V", counterparty=None),
    # ---- ITS Web Servisleri 1.2: the sender is the login ----
    _v12("v12.receipt", "ReceiptNotification", "http://its.iegm.gov.tr/notification/receipt", "Receipt",
         O.RECEIVE, counterparty=False),
    _v12("v12.return", "ReturnNotification", "http://its.iegm.gov.tr/p2/notification/return", "Return",
         O.RETURN, counterparty=True, kinds=_RETURN_TO),
    _v12("v12.dispatch", "DispatchNotification", "http://its.iegm.gov.tr/p2/notification/dispatch", "Dispatch",
         O.SALE, counterparty=True, kinds=_BUYERS),
    _v12("v12.dispatch_cancel", "DispatchCancellation", "http://its.iegm.gov.tr/p2/cancellation/dispatch",
         "DispatchCancellation", O.SALE_CANCEL, counterparty=False),
    _v12("v12.transfer", "TransferNotification", "http://its.iegm.gov.tr/notification/BR/v1/Transfer/General",
         "Transfer", O.TRANSFER, counterparty=True, kinds=_PEERS,
         soap_action="http://its.iegm.gov.tr/notification/NotificationReceiver/v1/Transfer/ItsRequest"),
)}
