"""The ITS client a station's settings call for: SOAP (br-v1, its-1.2) or REST (its2), with
the base URL each generation really lives at when the station keeps the default."""

from __future__ import annotations

from collections.abc import Callable

from pharmadesk.domain import Stakeholder
from pharmadesk.its.client import DEFAULT_READ_TIMEOUT, Exchange, ItsClient
from pharmadesk.its.rest import RestClient
from pharmadesk.its.rest_services import ITS2, ITS2_HOST
from pharmadesk.its.services import BR_V1

SOAP_HOST = "https://its.saglik.gov.tr"  # its.url's default
CONSUME_VIA_REST, CONSUME_VIA_SOAP = "rest", "soap"


def base_url_for(protocol: str, base_url: str) -> str:
    """its2 lives on its own host: the SOAP default becomes ITS2's. Any other address (a test
    host, the sandbox, which serves every generation from one base) is kept."""
    base_url = base_url.rstrip("/")
    if protocol == ITS2 and base_url == SOAP_HOST:
        return ITS2_HOST
    if protocol != ITS2 and base_url == ITS2_HOST:
        return SOAP_HOST
    return base_url


def open_client(base_url: str, username: str, password: str, *, gln: str, stakeholder: Stakeholder,
                protocol: str = BR_V1, timeout: float = DEFAULT_READ_TIMEOUT,
                on_exchange: Callable[[Exchange], None] | None = None, verify_tls: bool | str = True,
                consume_via: str = CONSUME_VIA_REST) -> ItsClient | RestClient:
    """A client for the station. Under its2 with `consume_via = soap`, Hospital Sarf goes to
    the SOAP HastaneSarf service (br-v1) at the SOAP host, the rest over REST."""
    if protocol != ITS2:
        return ItsClient(base_url_for(protocol, base_url), username, password, gln=gln,
                         stakeholder=stakeholder, protocol=protocol, timeout=timeout,
                         on_exchange=on_exchange, verify_tls=verify_tls)
    soap_consume = None
    if consume_via == CONSUME_VIA_SOAP and Stakeholder(stakeholder) is Stakeholder.HOSPITAL:
        soap_consume = ItsClient(base_url_for(BR_V1, base_url), username, password, gln=gln,
                                 stakeholder=stakeholder, protocol=BR_V1, timeout=timeout,
                                 on_exchange=on_exchange, verify_tls=verify_tls)
    return RestClient(base_url_for(ITS2, base_url), username, password, gln=gln, stakeholder=stakeholder,
                      timeout=timeout, on_exchange=on_exchange, verify_tls=verify_tls,
                      soap_consume=soap_consume)


__all__ = ["open_client", "base_url_for", "SOAP_HOST", "CONSUME_VIA_REST", "CONSUME_VIA_SOAP"]
