"""What the simulator's reading of the wire costs per notification: parsing a 10,000-box Eczane
Mal Alım envelope, validating it against its schema (resources/wsdl/), and the whole answer over
HTTP (parse, checks, schema, booking), median of a few runs.

Run: python tests/bench/bench_sim_wire.py"""

from __future__ import annotations

import base64
import statistics
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from pharmadesk.sim import sandbox as world  # noqa: E402
from pharmadesk.sim.server import start_simulator  # noqa: E402
from pharmadesk.sim.soap import check_schema, read_envelope  # noqa: E402
from pharmadesk.sim.wire import ENDPOINTS  # noqa: E402

BOXES = 10_000
RUNS = 5
PATH = "/EczaneMalAlim/EczaneMalAlimReceiverService"
ENV = "http://schemas.xmlsoap.org/soap/envelope/"


def envelope(sim) -> bytes:
    lines = sim.sandbox.new_lines(sim.ledger, BOXES)
    sim.ledger.ship(world.MANUFACTURER, world.SUPPLIER, world.PHARMACY, lines)
    items = "".join(f"<URUN><GTIN>{line.gtin}</GTIN><BN>{line.bn}</BN><SN>{line.sn}</SN><XD>{line.xd}</XD></URUN>"
                    for line in lines)
    endpoint = ENDPOINTS[PATH]
    return (f'<soapenv:Envelope xmlns:soapenv="{ENV}" xmlns:ecz="{endpoint.namespace}"><soapenv:Header/>'
            f"<soapenv:Body><ecz:{endpoint.request_root}><DT>A</DT><FR>{world.SUPPLIER}</FR>"
            f"<TO>{world.PHARMACY}</TO><BELGE><DD>2025-05-30</DD><DN>PD231</DN></BELGE><URUNLER>{items}</URUNLER>"
            f"</ecz:{endpoint.request_root}></soapenv:Body></soapenv:Envelope>").encode()


def median_ms(action) -> float:
    times = []
    for _ in range(RUNS):
        began = time.perf_counter()
        action()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main() -> None:
    sim = start_simulator()
    try:
        body = envelope(sim)
        endpoint = ENDPOINTS[PATH]
        parsed = read_envelope(body, endpoint)
        parse_ms = median_ms(lambda: read_envelope(body, endpoint))
        schema_ms = median_ms(lambda: check_schema(endpoint, parsed))
        user = base64.b64encode(f"{world.PHARMACY}0000:{world.SANDBOX_PASSWORD}".encode()).decode()

        def post() -> None:
            request = urllib.request.Request(sim.base_url + PATH, data=body, headers={
                "Content-Type": "text/xml; charset=utf-8", "Authorization": f"Basic {user}",
                "SOAPAction": f'"{endpoint.soap_action}"'})
            with urllib.request.urlopen(request, timeout=120) as response:
                response.read()

        http_ms = median_ms(post)  # the first books the boxes, the rest answer 10210 box by box
    finally:
        sim.stop()
    print(f"simulator, {BOXES:,}-box Eczane Mal Alım ({len(body) / 1e6:.1f} MB), median of {RUNS}: "
          f"parse {parse_ms:.0f} ms, schema validation {schema_ms:.0f} ms, "
          f"whole answer over HTTP {http_ms:.0f} ms")


if __name__ == "__main__":
    main()
