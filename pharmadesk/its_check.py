"""`pharmadesk doctor --its-check KAREKOD`: one Ürün Doğrulama (it changes nothing on ITS)
sent to the configured ITS with the station's own settings, telling an IT person whether
the service's path, its namespace and the credentials worked, with ITS's raw answer.

The first thing to run at a real pharmacy: several services' paths and SOAPActions are
derived by analogy (services.Service.guessed), and only a real ITS can confirm them."""

from __future__ import annotations

from pathlib import Path

from pharmadesk import config as settings
from pharmadesk import gs1, masking
from pharmadesk.doctor import FAIL, OK, WARN, Check, Text
from pharmadesk.domain import Operation, Product
from pharmadesk.its import codes
from pharmadesk.its.client import Exchange, ItsClient
from pharmadesk.its.errors import (
    ItsAuthError, ItsConfigError, ItsError, ItsFault, ItsResponseError, ItsTransportError,
)
from pharmadesk.its.services import service_for
from pharmadesk.store import StoreError, open_store

NAME = "ITS check"


def check_its_service(folder: Path, raw: str) -> Check:
    """Send one verification of the box `raw` and say what worked; `Check.raw` holds the
    exchange (request and answer) with the password masked."""
    try:
        karekod = gs1.parse(raw)
    except gs1.Gs1Error as error:
        return Check(NAME, FAIL, Text(f"karekod okunamadı: {error.message_tr}",
                                      f"the karekod cannot be read: {error.message_en}"),
                     Text("karekodu okuyucuyla bir metin alanına okutup olduğu gibi verin "
                          "(GS ayıracı \\x1d olarak)",
                          "give the karekod as the scanner sends it (GS separator as \\x1d)"))
    try:
        store = open_store(folder)
    except StoreError as error:
        return Check(NAME, FAIL, Text(error.message("tr"), error.message("en")),
                     Text("önce veri klasörünün sorununu giderin", "fix the data folder first"))
    try:
        config = settings.Config(store)
        username, gln = config.get("its.username"), config.get("its.gln")
        values = {key: config.get(key) for key in ("its.url", "its.protocol", "its.timeout", "its.verify_tls")}
        stakeholder = config.stakeholder()
    finally:
        store.close()
    password = settings.get_password(username) if username else None
    if not (username and gln and password):
        return Check(NAME, FAIL, Text("İTS kullanıcı adı, GLN ya da parola ayarlı değil",
                                      "the ITS user name, GLN or password is not set"),
                     Text("pharmadesk config set its.gln GLN, its.username GLN0000 ve "
                          "pharmadesk config set-password",
                          "pharmadesk config set its.gln GLN, its.username GLN0000 and "
                          "pharmadesk config set-password"))
    exchanges: list[Exchange] = []
    service = service_for(Operation.VERIFY, stakeholder, values["its.protocol"])
    try:
        with ItsClient(values["its.url"], username, password, gln=gln, stakeholder=stakeholder,
                       protocol=values["its.protocol"], timeout=values["its.timeout"],
                       verify_tls=values["its.verify_tls"], on_exchange=exchanges.append) as client:
            result = client.verify([Product(karekod.gtin, karekod.serial, karekod.batch, karekod.expiry)])
    except ItsError as error:
        check = _failed(error, exchanges[-1] if exchanges else None)
    else:
        code = result.items[0].code
        check = Check(NAME, OK, Text(
            f"yol, ad alanı ve kimlik bilgileri çalıştı: Ürün Doğrulama cevap verdi, UC {code} "
            f"({codes.describe(code, 'tr').text}), BILDIRIMID {result.notification_id}",
            f"path, namespace and credentials worked: Ürün Doğrulama answered UC {code} "
            f"({codes.describe(code, 'en').text}), BILDIRIMID {result.notification_id}"))
    check.raw = _raw(exchanges[-1] if exchanges else None, password)
    if service.guessed:
        check.detail = Text(check.detail.tr + f" — {service.path} yolu ve SOAPAction'ı benzetmeyle türetildi",
                            check.detail.en + f" — the path {service.path} and its SOAPAction are "
                                              "derived by analogy")
    return check


def _failed(error: ItsError, exchange: Exchange | None) -> Check:
    status = exchange.http_status if exchange else None
    if isinstance(error, ItsAuthError):
        return Check(NAME, FAIL, Text(f"yol bulundu ama İTS kullanıcı adını/parolayı kabul etmedi "
                                      f"(HTTP {status})",
                                      f"the path was found but ITS refused the user name or password "
                                      f"(HTTP {status})"),
                     Text("kullanıcı adını (GLN + 4 rakam) ve parolayı kontrol edin",
                          "check the user name (GLN + 4 digits) and the password"))
    if isinstance(error, ItsFault):
        shown = f"{error.fc} {error.fm}"
        return Check(NAME, WARN, Text(f"yol ve kimlik bilgileri çalıştı; İTS isteği reddetti: {shown}",
                                      f"path and credentials worked; ITS refused the request: {shown}"),
                     Text("11031 gibi bir biçim hatası ad alanının ya da alan adlarının farklı olduğunu "
                          "gösterir; aşağıdaki ham cevaba bakın",
                          "a format error such as 11031 means the namespace or element names differ; "
                          "read the raw answer below"))
    if isinstance(error, ItsResponseError):
        return Check(NAME, FAIL, Text(f"yol cevap verdi ama beklenen cevap gelmedi (ad alanı ya da adlar "
                                      f"farklı): {error.message_tr}",
                                      f"the path answered, but not with the expected answer (namespace or "
                                      f"names differ): {error.message_en}"),
                     Text("aşağıdaki ham cevabı bir sorun kaydına ekleyin",
                          "attach the raw answer below to an issue"))
    if status == 404:
        return Check(NAME, FAIL, Text(f"{exchange.url} adresi İTS'de yok (HTTP 404): servis yolu yanlış",
                                      f"{exchange.url} does not exist on ITS (HTTP 404): the service path is wrong"),
                     Text("İTS'nin yayımladığı WSDL adresini bir sorun kaydına ekleyin",
                          "attach the WSDL address ITS publishes to an issue"))
    if isinstance(error, (ItsTransportError, ItsConfigError)):
        return Check(NAME, FAIL, Text(error.message_tr, error.message_en),
                     Text("İTS adresini ve ağ bağlantısını kontrol edin",
                          "check the ITS address and the network connection"))
    return Check(NAME, FAIL, Text(error.message_tr, error.message_en))


def _raw(exchange: Exchange | None, password: str) -> str | None:
    """What went and what came back, as an IT person pastes it into an issue."""
    if exchange is None:
        return None
    text = (f"POST {exchange.url} → HTTP {exchange.http_status or '—'}\n\n"
            f"{exchange.request_xml}\n\n{exchange.response_xml or ''}")
    return masking.mask(text, (password,))


__all__ = ["check_its_service", "NAME"]
