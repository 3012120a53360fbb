"""The ITS SOAP services PharmaDesk talks to, as plain data: where each one lives,
its namespace and element names, and which service a stakeholder uses for an
operation. The WSDLs in resources/wsdl/ are written to match this catalog.

Sources: ../shared/its-protocol.md (casing from WSDL-generated code) and the 2011
"İlaç Takip Sistemi Web Servisleri Kılavuzu 1.0" (element names, DT letters).
Names the sources do not show are derived by the protocol file's analogies;
each WSDL says so in a comment. Every field the guide prints is sent, in its order
(`header_fields`, `belge_fields`), as xsi:nil where there is no value: the one public
WSDL import with BELGE (Hastane Sarf) marks BELGE, DD and DN nillable, so the schemas
here mark every BELGE field and ISACIKLAMA nillable."""

from __future__ import annotations

from dataclasses import dataclass

from pharmadesk.domain import Operation, Stakeholder
from pharmadesk.its.errors import ItsConfigError

BR_V1 = "br-v1"
ITS_12 = "its-1.2"
PROTOCOLS = (BR_V1, ITS_12)

ITEM_FIELDS = ("GTIN", "BN", "SN", "XD")
RESULT_FIELDS = ("GTIN", "SN", "UC")


@dataclass(frozen=True)
class Service:
    key: str  # "br.eczane_satis", "v12.receipt"
    title: str  # the ITS name, "Eczane Satış Bildirimi"
    generation: str  # BR_V1 | ITS_12
    operation: Operation
    stakeholders: frozenset[Stakeholder]
    path: str  # appended to the base URL
    namespace: str
    request_root: str
    response_root: str
    soap_action: str
    operation_name: str  # the WSDL operation
    wsdl_file: str  # relative to resources/wsdl/
    dt: str | None  # DT letter, br-v1 only
    header_fields: tuple[str, ...]  # children of the request root, in order
    belge_fields: tuple[str, ...]  # children of BELGE, in order; () if the service has none
    item_wrapper: str  # URUNLER | PRODUCTS
    item_element: str  # URUN | PRODUCT
    result_item_element: str  # URUNDURUM | PRODUCT
    id_element: str  # BILDIRIMID | NOTIFICATIONID
    fault_element: str  # BildirimHata | itsError
    fault_code_element: str  # FC | faultCode
    fault_message_element: str  # FM | faultMessage
    # Which header field carries our own GLN and which the other party's. A purchase
    # (Mal Alım) is written from the seller's side: FR is the seller, TO is us.
    own_gln_field: str | None
    counterparty_field: str | None
    # A pharmacy sale-cancel to a reimbursement institution is by prescription:
    # URUNLER goes empty and ITS answers with every box it cancelled.
    items_optional: bool = False
    item_fields: tuple[str, ...] = ITEM_FIELDS
    port: str | None = None  # the WSDL port, where it breaks the generation's naming pattern
    # The children of each result item as ITS writes them; the client reads GTIN, SN and UC.
    answer_fields: tuple[str, ...] = RESULT_FIELDS
    # Other namespaces the guide prints this service's answer in (beside `namespace`).
    other_answer_namespaces: tuple[str, ...] = ()
    # True where no public source shows the endpoint path or SOAPAction: they are derived
    # by analogy with the services that sources do show (`pharmadesk doctor --its-check`
    # tells whether a real ITS agrees).
    guessed: bool = False

    @property
    def answer_namespaces(self) -> tuple[str, ...]:
        return (self.namespace, *self.other_answer_namespaces)

    @property
    def service_name(self) -> str:
        """WSDL <service> name: the last segment of the endpoint path."""
        return self.path.rsplit("/", 1)[-1]

    @property
    def port_name(self) -> str:
        # br-v1 ports are named "<X>ReceiverBindingPort" (HastaneSarf's import), 1.2 ports "<X>Port".
        if self.port is not None:
            return self.port
        if self.generation == BR_V1:
            return self.service_name.removesuffix("Service") + "BindingPort"
        return f"{self.service_name}Port"

    @property
    def binding_name(self) -> str:
        return self.port_name.removesuffix("Port") if self.generation == BR_V1 else f"{self.port_name}Binding"


_BR = "http://its.iegm.gov.tr/bildirim/BR/v1"
_EVERYONE = frozenset(Stakeholder)
_PHARMACY = frozenset({Stakeholder.PHARMACY})
_HOSPITAL = frozenset({Stakeholder.HOSPITAL})
_WAREHOUSE = frozenset({Stakeholder.WAREHOUSE})
_SENDER = ("FR", "TO")  # FR = us, TO = the other party
_PURCHASE = ("TO", "FR")  # FR = the seller, TO = us


def _br(key: str, title: str, operation: Operation, stakeholders: frozenset[Stakeholder], *,
        name: str, path: str, namespace: str, root: str, response: str, dt: str,
        fields: tuple[str, ...] = ("DT", "FR", "TO", "BELGE", "URUNLER"),
        belge: tuple[str, ...] = ("DD", "DN"), sides: tuple[str | None, str | None] = _SENDER,
        soap_action: str | None = None, operation_name: str | None = None,
        items_optional: bool = False, port: str | None = None,
        answer_fields: tuple[str, ...] = RESULT_FIELDS,
        other_answer_namespaces: tuple[str, ...] = (), guessed: bool = False) -> Service:
    return Service(
        key=key, title=title, generation=BR_V1, operation=operation, stakeholders=stakeholders,
        path=path, namespace=namespace, request_root=root, response_root=response,
        soap_action=soap_action or f"{namespace}/{root}Request",
        operation_name=operation_name or f"{name}Bildir",
        wsdl_file=f"br-v1/{name}.wsdl", dt=dt, header_fields=fields, belge_fields=belge,
        item_wrapper="URUNLER", item_element="URUN", result_item_element="URUNDURUM",
        id_element="BILDIRIMID", fault_element="BildirimHata", fault_code_element="FC",
        fault_message_element="FM", own_gln_field=sides[0], counterparty_field=sides[1],
        items_optional=items_optional, port=port, answer_fields=answer_fields,
        other_answer_namespaces=other_answer_namespaces, guessed=guessed,
    )


def _v12(key: str, title: str, operation: Operation, *, name: str, namespace: str, root: str,
         to_gln: bool, soap_action: str | None = None, operation_name: str | None = None,
         port: str | None = None) -> Service:
    return Service(
        key=key, title=title, generation=ITS_12, operation=operation, stakeholders=_EVERYONE,
        path=f"/ITSServices/{name}", namespace=namespace, request_root=f"{root}Request",
        response_root=f"{root}Response", soap_action=soap_action or f"{namespace}/ItsRequest",
        operation_name=operation_name or f"send{name}", wsdl_file=f"its-1.2/{name}.wsdl", dt=None,
        header_fields=("TOGLN", "PRODUCTS") if to_gln else ("PRODUCTS",), belge_fields=(),
        item_wrapper="PRODUCTS", item_element="PRODUCT", result_item_element="PRODUCT",
        id_element="NOTIFICATIONID", fault_element="itsError", fault_code_element="faultCode",
        fault_message_element="faultMessage", own_gln_field=None,
        counterparty_field="TOGLN" if to_gln else None, port=port,
    )


def _named_after_root(root: str, path: str) -> dict[str, str]:
    """Operation, port and SOAPAction of the two Depo services whose published WSDLs a Delphi
    import shows: named after the request root ("SatisBildirim" → "SatisBildir"), under
    .../BildirimReceiver/v1/. The other br-v1 services keep the pattern of their own sources."""
    operation = root.removesuffix("im")
    return {"operation_name": operation, "port": f"{root}ReceiverBindingPort",
            "soap_action": f"http://its.iegm.gov.tr/bildirim/BildirimReceiver/v1/{path}/{operation}Request"}


_SERVICES: tuple[Service, ...] = (
    # ---- Eczane (pharmacy), guide chapter 4 ----
    _br("br.eczane_mal_alim", "Eczane Mal Alım Bildirimi", Operation.RECEIVE, _PHARMACY,
        name="EczaneMalAlim", path="/EczaneMalAlim/EczaneMalAlimReceiverService",
        namespace=f"{_BR}/Alim/Eczane", root="EczaneMalAlimBildirim",
        response="EczaneMalAlimBildirimCevap", dt="A", sides=_PURCHASE, guessed=True),
    _br("br.eczane_mal_iade", "Eczane Mal İade Bildirimi", Operation.RETURN, _PHARMACY,
        name="EczaneMalIade", path="/EczaneMalIade/EczaneMalIadeReceiverService",
        namespace=f"{_BR}/Iade/Eczane", root="EczaneMalIadeBildirim",
        response="EczaneMalIadeBildirimCevap", dt="F", guessed=True),
    # TO is the reimbursement institution's GLN, or the walk-in GLN for a cash sale.
    _br("br.eczane_satis", "Eczane Satış Bildirimi", Operation.SALE, _PHARMACY,
        name="EczaneSatis", path="/EczaneSatis/EczaneSatisReceiverService",
        namespace=f"{_BR}/Satis/EczaneSatis", root="EczaneSatisBildirim",
        response="EczaneSatisBildirimCevap", dt="S", belge=("DD", "DN", "DR", "CP", "EID", "RKN"), guessed=True),
    _br("br.eczane_satis_iptal", "Eczane Satış İptal Bildirimi", Operation.SALE_CANCEL, _PHARMACY,
        name="EczaneSatisIptal", path="/EczaneSatisIptal/EczaneSatisIptalReceiverService",
        namespace=f"{_BR}/SatisIptal/EczaneSatisIptal", root="EczaneSatisIptalBildirim",
        response="EczaneSatisIptalBildirimCevap", dt="C", belge=("EID", "RKN"), items_optional=True, guessed=True),
    # The guide gives Devir the letter S and Devir İptal C (the sale letters), kept as written.
    _br("br.eczane_mal_devir", "Eczane Mal Devir Bildirimi", Operation.TRANSFER, _PHARMACY,
        name="EczaneMalDevir", path="/EczaneMalDevir/EczaneMalDevirReceiverService",
        namespace=f"{_BR}/MalDevir/EczaneMalDevir", root="EczaneMalDevirBildirim",
        response="EczaneMalDevirBildirimCevap", dt="S", guessed=True),
    _br("br.eczane_mal_devir_iptal", "Eczane Mal Devir İptal Bildirimi", Operation.TRANSFER_CANCEL,
        _PHARMACY, name="EczaneMalDevirIptal",
        path="/EczaneMalDevirIptal/EczaneMalDevirIptalReceiverService",
        namespace=f"{_BR}/MalDevirIptal/Eczane", root="EczaneMalDevirIptalBildirim",
        response="EczaneMalDevirIptalBildirimCevap", dt="C", guessed=True),
    # ---- Hastane (hospital), guide chapter 5 ----
    _br("br.hastane_mal_alim", "Hastane Mal Alım Bildirimi", Operation.RECEIVE, _HOSPITAL,
        name="HastaneMalAlim", path="/HastaneMalAlim/HastaneMalAlimReceiverService",
        namespace=f"{_BR}/Alim/Hastane", root="HastaneMalAlimBildirim",
        response="HastaneMalAlimBildirimCevap", dt="A", sides=_PURCHASE, guessed=True),
    _br("br.hastane_mal_iade", "Hastane Mal İade Bildirimi", Operation.RETURN, _HOSPITAL,
        name="HastaneMalIade", path="/HastaneMalIade/HastaneMalIadeReceiverService",
        namespace=f"{_BR}/Iade/Hastane", root="HastaneMalIadeBildirim",
        response="HastaneMalIadeBildirimCevap", dt="F", guessed=True),
    # Sarf is a deactivation in ITS terms: DT D, and its published WSDL carries the
    # Deaktivasyon SOAPAction (seen in a working client's import).
    _br("br.hastane_sarf", "Hastane Sarf Bildirimi", Operation.CONSUME, _HOSPITAL,
        name="HastaneSarf", path="/HastaneSarf/HastaneSarfBildirimReceiverService",
        namespace=f"{_BR}/Sarf/Hastane", root="HastaneSarfBildirim",
        response="HastaneSarfBildirimCevap", dt="D", fields=("DT", "FR", "ISACIKLAMA", "BELGE", "URUNLER"),
        sides=("FR", None),
        soap_action="http://its.iegm.gov.tr/bildirim/BildirimReceiver/v1/DeaktivasyonBildirRequest"),
    # The guide roots the hospital transfer at MalDevirBildirim, without the Hastane prefix,
    # and prints its answer in .../maldevir/hastane, not the request's namespace (p. 82).
    _br("br.hastane_mal_devir", "Hastane Mal Devir Bildirimi", Operation.TRANSFER, _HOSPITAL,
        name="HastaneMalDevir", path="/HastaneMalDevir/HastaneMalDevirReceiverService",
        namespace=f"{_BR}/MalDevir/HastaneMalDevir", root="MalDevirBildirim",
        response="HastaneMalDevirBildirimCevap", dt="S",
        other_answer_namespaces=(f"{_BR}/MalDevir/Hastane",), guessed=True),
    _br("br.hastane_mal_devir_iptal", "Hastane Mal Devir İptal Bildirimi", Operation.TRANSFER_CANCEL,
        _HOSPITAL, name="HastaneMalDevirIptal",
        path="/HastaneMalDevirIptal/HastaneMalDevirIptalReceiverService",
        namespace=f"{_BR}/MalDevirIptal/HastaneMalDevirIptal", root="MalDevirIptalBildirim",
        response="HastaneMalDevirIptalBildirimCevap", dt="C", guessed=True),
    # ---- Ecza deposu (warehouse), guide chapter 3 ----
    _br("br.depo_mal_alim", "Depo Mal Alım Bildirimi", Operation.RECEIVE, _WAREHOUSE,
        name="DepoMalAlim", path="/DepoMalAlim/DepoMalAlimReceiverService",
        namespace=f"{_BR}/Alim/Depo", root="DepoMalAlim", response="DepoMalAlimCevap", dt="A",
        sides=_PURCHASE),
    _br("br.depo_mal_iade", "Depo Mal İade Bildirimi", Operation.RETURN, _WAREHOUSE,
        name="DepoMalIade", path="/DepoMalIade/DepoMalIadeReceiverService",
        namespace=f"{_BR}/Iade/Depo", root="DepoMalIade", response="DepoMalIadeCevap", dt="F"),
    _br("br.depo_satis", "Depo Satış Bildirimi", Operation.SALE, _WAREHOUSE,
        name="DepoSatis", path="/DepoSatis/DepoSatisReceiverService",
        namespace=f"{_BR}/Satis/DepoSatis", root="SatisBildirim", response="SatisBildirimCevap", dt="S",
        **_named_after_root("SatisBildirim", "Satis/DepoSatis")),
    _br("br.depo_satis_iptal", "Depo Satış İptal Bildirimi", Operation.SALE_CANCEL, _WAREHOUSE,
        name="DepoSatisIptal", path="/DepoSatisIptal/DepoSatisIptalReceiverService",
        namespace=f"{_BR}/SatisIptal/Depo", root="SatisIptalBildirim",
        response="SatisIptalBildirimCevap", dt="C", answer_fields=("GTIN", "XD", "BN", "SN", "UC"),
        **_named_after_root("SatisIptalBildirim", "SatisIptal/Depo")),
    # RT (export information) must not be empty.
    _br("br.ihracat", "İhracat Bildirimi", Operation.EXPORT, _WAREHOUSE,
        name="Ihracat", path="/IhracatBildirim/IhracatReceiverService",
        namespace=f"{_BR}/Ihracat", root="IhracatBildirim", response="IhracatBildirimCevap", dt="X",
        fields=("DT", "FR", "RT", "BELGE", "URUNLER"), sides=("FR", None)),
    # ---- every stakeholder ----
    _br("br.deaktivasyon", "Deaktivasyon Bildirimi", Operation.DEACTIVATE, _EVERYONE,
        name="Deaktivasyon", path="/DeaktivasyonBildirim/DeaktivasyonBildirimReceiverService",
        namespace=f"{_BR}/Deaktivasyon", root="DeaktivasyonBildirim",
        response="DeaktivasyonBildirimCevap", dt="D",
        fields=("DT", "FR", "DS", "ISACIKLAMA", "BELGE", "URUNLER"), sides=("FR", None),
        soap_action="http://its.iegm.gov.tr/bildirim/BildirimReceiver/v1/DeaktivasyonBildirRequest"),
    _br("br.urun_dogrulama", "Ürün Doğrulama", Operation.VERIFY, _EVERYONE,
        name="UrunDogrulama", path="/UrunDogrulama/UrunDogrulamaReceiverService",
        namespace=f"{_BR}/UrunDogrulama/Genel", root="UrunDogrulamaBildirim",
        response="UrunDogrulamaBildirimCevap", dt="V", fields=("DT", "FR", "URUNLER"), belge=(),
        sides=("FR", None), guessed=True),
    # ---- ITS Web Servisleri 1.2 (sender from the login, no DT/FR) ----
    _v12("v12.receipt", "Mal Alım (ReceiptNotification)", Operation.RECEIVE,
         name="ReceiptNotification", namespace="http://its.iegm.gov.tr/notification/receipt",
         root="Receipt", to_gln=False),
    _v12("v12.return", "Mal İade (ReturnNotification)", Operation.RETURN,
         name="ReturnNotification", namespace="http://its.iegm.gov.tr/p2/notification/return",
         root="Return", to_gln=True),
    _v12("v12.dispatch", "Satış (DispatchNotification)", Operation.SALE,
         name="DispatchNotification", namespace="http://its.iegm.gov.tr/p2/notification/dispatch",
         root="Dispatch", to_gln=True),
    _v12("v12.dispatch_cancel", "Satış İptal (DispatchCancellation)", Operation.SALE_CANCEL,
         name="DispatchCancellation", namespace="http://its.iegm.gov.tr/p2/cancellation/dispatch",
         root="DispatchCancellation", to_gln=False, operation_name="sendDispatchCancellation"),
    _v12("v12.transfer", "Mal Devir (TransferNotification)", Operation.TRANSFER,
         name="TransferNotification",
         namespace="http://its.iegm.gov.tr/notification/BR/v1/Transfer/General", root="Transfer",
         to_gln=True,
         soap_action="http://its.iegm.gov.tr/notification/NotificationReceiver/v1/Transfer/ItsRequest",
         port="TransferNotificationReceiverBindingPort"),  # as its WSDL import shows, unlike the other four
)

_BY_KEY = {service.key: service for service in _SERVICES}

# br-v1: (operation, stakeholder) → service key.
_BR_ROUTES: dict[tuple[Operation, Stakeholder], str] = {
    (Operation.RECEIVE, Stakeholder.PHARMACY): "br.eczane_mal_alim",
    (Operation.RETURN, Stakeholder.PHARMACY): "br.eczane_mal_iade",
    (Operation.SALE, Stakeholder.PHARMACY): "br.eczane_satis",
    (Operation.SALE_CANCEL, Stakeholder.PHARMACY): "br.eczane_satis_iptal",
    (Operation.TRANSFER, Stakeholder.PHARMACY): "br.eczane_mal_devir",
    (Operation.TRANSFER_CANCEL, Stakeholder.PHARMACY): "br.eczane_mal_devir_iptal",
    (Operation.RECEIVE, Stakeholder.HOSPITAL): "br.hastane_mal_alim",
    (Operation.RETURN, Stakeholder.HOSPITAL): "br.hastane_mal_iade",
    (Operation.CONSUME, Stakeholder.HOSPITAL): "br.hastane_sarf",
    (Operation.TRANSFER, Stakeholder.HOSPITAL): "br.hastane_mal_devir",
    (Operation.TRANSFER_CANCEL, Stakeholder.HOSPITAL): "br.hastane_mal_devir_iptal",
    (Operation.RECEIVE, Stakeholder.WAREHOUSE): "br.depo_mal_alim",
    (Operation.RETURN, Stakeholder.WAREHOUSE): "br.depo_mal_iade",
    (Operation.SALE, Stakeholder.WAREHOUSE): "br.depo_satis",
    (Operation.SALE_CANCEL, Stakeholder.WAREHOUSE): "br.depo_satis_iptal",
    (Operation.EXPORT, Stakeholder.WAREHOUSE): "br.ihracat",
    **{(Operation.DEACTIVATE, who): "br.deaktivasyon" for who in Stakeholder},
    **{(Operation.VERIFY, who): "br.urun_dogrulama" for who in Stakeholder},
}

# ITS 1.2 replaced these; everything else (Sarf, Deaktivasyon, Ürün Doğrulama,
# the pharmacy sale with its prescription fields, Devir İptal, İhracat) stays br-v1.
_V12_ROUTES: dict[tuple[Operation, Stakeholder], str] = {
    **{(Operation.RECEIVE, who): "v12.receipt" for who in Stakeholder},
    **{(Operation.RETURN, who): "v12.return" for who in Stakeholder},
    (Operation.SALE, Stakeholder.WAREHOUSE): "v12.dispatch",
    (Operation.SALE_CANCEL, Stakeholder.WAREHOUSE): "v12.dispatch_cancel",
    (Operation.TRANSFER, Stakeholder.PHARMACY): "v12.transfer",
    (Operation.TRANSFER, Stakeholder.HOSPITAL): "v12.transfer",
}


def service_for(operation: Operation, stakeholder: Stakeholder, protocol: str = BR_V1) -> Service:
    """The service a stakeholder uses for an operation under a protocol generation."""
    operation, stakeholder = Operation(operation), Stakeholder(stakeholder)
    if protocol not in PROTOCOLS:
        raise ItsConfigError(
            f"Bilinmeyen ITS protokolü: {protocol!r} (br-v1 ya da its-1.2 olmalı).",
            f"Unknown ITS protocol: {protocol!r} (must be br-v1 or its-1.2).",
        )
    route = (operation, stakeholder)
    key = (_V12_ROUTES.get(route) if protocol == ITS_12 else None) or _BR_ROUTES.get(route)
    if key is None:
        raise ItsConfigError(
            f"ITS'te bu paydaş türü ({stakeholder.value}) için '{operation.value}' bildirimi yok.",
            f"ITS has no '{operation.value}' notification for this kind of stakeholder ({stakeholder.value}).",
        )
    return _BY_KEY[key]


def service(key: str) -> Service:
    return _BY_KEY[key]


def all_services() -> tuple[Service, ...]:
    return _SERVICES


__all__ = ["Service", "BR_V1", "ITS_12", "PROTOCOLS", "service_for", "service", "all_services"]
