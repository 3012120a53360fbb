"""The verification page's "Where is this box?" button: ITS's status query (Durum
sorgulama, `check_status`, its2 only) for the one box shown, off the GUI thread, and the
answer in words — its code and who holds it. ITS restricts the service against over-use,
so it asks about one box when the pharmacist asks (pharmadesk/its/status_limit.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from pharmadesk import config as settings
from pharmadesk.domain import Product
from pharmadesk.its import codes
from pharmadesk.its.rest_messages import StatusAnswer
from pharmadesk.its.rest_services import ITS2
from pharmadesk.sync import client_from_config
from pharmadesk.ui import workers

translate = QCoreApplication.translate


def available(station) -> bool:
    """The status query exists in ITS2 only (no SOAP name for it is known)."""
    return station.config.get("its.protocol") == ITS2


def query(station, product: Product) -> StatusAnswer:
    """Ask ITS about one box with the station's account (runs on a pool thread)."""
    config = station.config
    username = config.get("its.username") or ""
    password = settings.get_password(username)
    if not password:
        raise settings.ConfigError("ITS şifresi kayıtlı değil (Ayarlar).", "No ITS password is saved (Settings).")
    client = client_from_config(station.store, config, password, protocol=ITS2)
    try:
        [answer] = client.check_status([product])
        return answer
    finally:
        client.close()


def describe(station, answer: StatusAnswer) -> str:
    """The answer in the station's language: the code's meaning, then who holds the box."""
    info = codes.describe(answer.code, station.lang)
    lines = [translate("StatusQuery", "ITS status query: %1 — %2").replace("%1", info.code).replace("%2", info.text)]
    if answer.gln1:
        lines.append(translate("StatusQuery", "Held by: %1").replace("%1", _party(station, answer.gln1)))
    if answer.gln2:
        lines.append(translate("StatusQuery", "Handed over to: %1").replace("%1", _party(station, answer.gln2)))
    return "\n".join(lines)


def _party(station, gln: str) -> str:
    if gln == station.config.get("its.gln"):
        return translate("StatusQuery", "this station (%1)").replace("%1", gln)
    partner = station.store.partner(gln)
    return f"{partner['name']} ({gln})" if partner and partner.get("name") else gln


def ask(station, product: Product, show, parent) -> None:
    """Run the query; `show(text, failed)` gets the words on the GUI thread."""
    workers.run_in_background(
        lambda: query(station, product), parent=parent,
        on_success=lambda answer: show(describe(station, answer), False),
        on_failure=lambda error: show(error.message(station.lang) if hasattr(error, "message") else str(error),
                                      True))
