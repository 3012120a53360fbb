"""Client-side cost of one 10,000-box ITS notification: build and serialise the
request, parse the answer. Beside it, the floor: the same XML built and parsed
with lxml alone. No network (the sync benchmark covers that).

Run: python tests/bench/bench_its_client.py"""

from __future__ import annotations

import gc
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import requests  # noqa: E402
from lxml import etree  # noqa: E402

from pharmadesk.domain import Header, Operation, Product, Stakeholder  # noqa: E402
from pharmadesk.gs1 import check_digit  # noqa: E402
from pharmadesk.its import messages  # noqa: E402
from pharmadesk.its.client import SOAP_ENV, ItsClient  # noqa: E402
from pharmadesk.its.services import service_for  # noqa: E402

ITEMS = 10_000
ROUNDS = 9


def _with_check_digit(digits: str) -> str:
    return digits + str(check_digit(digits))


PHARMACY = _with_check_digit("868000000001")
DEPOT = _with_check_digit("868000000002")
GTINS = [_with_check_digit(f"0869953609{n:03d}") for n in range(20)]
PRODUCTS = [Product(GTINS[i % 20], f"SN{i:010d}", f"B{i % 7}", date(2028, 6, 30)) for i in range(ITEMS)]


def answer(service, products) -> bytes:
    """What ITS sends back for the notification: one result per box."""
    envelope = etree.Element(f"{{{SOAP_ENV}}}Envelope", nsmap={"S": SOAP_ENV})
    root = etree.SubElement(etree.SubElement(envelope, f"{{{SOAP_ENV}}}Body"),
                            f"{{{service.namespace}}}{service.response_root}", nsmap={"ns2": service.namespace})
    etree.SubElement(root, service.id_element).text = "77012"
    wrapper = etree.SubElement(root, service.item_wrapper)
    for product in products:
        item = etree.SubElement(wrapper, service.result_item_element)
        etree.SubElement(item, "GTIN").text = product.gtin
        etree.SubElement(item, "SN").text = product.serial
        etree.SubElement(item, "UC").text = "00000"
    return etree.tostring(envelope, encoding="utf-8", xml_declaration=True)


def floor_build(service, products) -> bytes:
    """The request written by hand with lxml: envelope, header fields, items."""
    envelope = etree.Element(f"{{{SOAP_ENV}}}Envelope", nsmap={"soap-env": SOAP_ENV})
    root = etree.SubElement(etree.SubElement(envelope, f"{{{SOAP_ENV}}}Body"),
                            f"{{{service.namespace}}}{service.request_root}", nsmap={"ns0": service.namespace})
    for name, value in (("DT", service.dt), ("FR", DEPOT), ("TO", PHARMACY)):
        etree.SubElement(root, name).text = value
    belge = etree.SubElement(root, "BELGE")
    etree.SubElement(belge, "DD").text = "2024-05-06"
    etree.SubElement(belge, "DN").text = "IRS-1"
    sub = etree.SubElement
    wrapper = sub(root, service.item_wrapper)
    for product in products:
        item = sub(wrapper, service.item_element)
        sub(item, "GTIN").text = product.gtin
        sub(item, "BN").text = product.batch
        sub(item, "SN").text = product.serial
        sub(item, "XD").text = product.expiry.isoformat()
    return etree.tostring(envelope, encoding="utf-8", xml_declaration=True)


def floor_parse(service, content: bytes) -> list[tuple[str, str, str]]:
    """(GTIN, SN, UC) per item, trusting the answer's shape: one pass, no checks."""
    root = etree.fromstring(content)[0][0]
    texts = iter([element.text for element in root.find(service.item_wrapper).iter("GTIN", "SN", "UC")])
    return list(zip(texts, texts, texts))


def plain_zeep(client: ItsClient, service, header: Header):
    """The same round trip the textbook zeep way, for reference: items passed as dicts to
    create_message, the answer read by the binding into zeep objects. Its cost is per-item
    zeep value objects (CompoundValue, parse_kwargs) going out and parse_xmlelements coming
    back; that is why the client renders only the header with zeep and does items with lxml."""
    endpoint = client._endpoint(service)
    values = messages.header_values(service, client.gln, header)
    items = {service.item_element: [{"GTIN": p.gtin, "BN": p.batch, "SN": p.serial, "XD": p.expiry}
                                    for p in PRODUCTS]}
    reply = requests.Response()
    reply.status_code, reply._content = 200, answer(service, PRODUCTS)
    reply.headers["Content-Type"] = "text/xml; charset=utf-8"

    def run():
        envelope = endpoint.client.create_message(endpoint.proxy, service.operation_name,
                                                  **values, **{service.item_wrapper: items})
        etree.tostring(envelope, encoding="utf-8", xml_declaration=True)
        return endpoint.binding.process_reply(endpoint.client, endpoint.operation, reply)

    return run


def interleaved(first, second, rounds: int = ROUNDS) -> tuple[tuple[float, float], tuple[float, float]]:
    """(best, median) in ms of each, run in turns so both see the same machine load
    (two cores shared with everything else)."""
    timings: tuple[list[float], list[float]] = ([], [])
    for _ in range(rounds):
        for function, kept in zip((first, second), timings):
            gc.collect()
            began = time.perf_counter()
            function()
            kept.append((time.perf_counter() - began) * 1000.0)
    return tuple((min(kept), statistics.median(kept)) for kept in timings)


def best_of(function, rounds: int = ROUNDS) -> tuple[float, float]:
    timings = []
    for _ in range(rounds):
        began = time.perf_counter()
        function()
        timings.append(time.perf_counter() - began)
    return min(timings) * 1000.0, statistics.median(timings) * 1000.0


def main() -> None:
    client = ItsClient("http://127.0.0.1:9", PHARMACY + "0000", "bench", gln=PHARMACY,
                       stakeholder=Stakeholder.PHARMACY)
    service = service_for(Operation.RECEIVE, Stakeholder.PHARMACY)
    header = Header(counterparty_gln=DEPOT, document_number="IRS-1", document_date=date(2024, 5, 6))
    response = answer(service, PRODUCTS)
    client.build_request(service, header, PRODUCTS[:1])  # load the WSDL outside the timing

    def ours():
        client.build_request(service, header, PRODUCTS)
        client.read_response(service, 200, response, PRODUCTS, header)

    def floor():
        floor_build(service, PRODUCTS)
        floor_parse(service, response)

    build_best, _ = best_of(lambda: client.build_request(service, header, PRODUCTS))
    parse_best, _ = best_of(lambda: client.read_response(service, 200, response, PRODUCTS, header))
    (ours_best, ours_median), (floor_best, floor_median) = interleaved(ours, floor)
    print(f"ITS client, {ITEMS} boxes ({service.key}), best of {ROUNDS}:")
    print(f"  client build+serialise        {build_best:8.1f} ms")
    print(f"  client parse+match            {parse_best:8.1f} ms")
    print(f"  client total                  {ours_best:8.1f} ms (median {ours_median:.1f})")
    print(f"  lxml floor (build+parse)      {floor_best:8.1f} ms (median {floor_median:.1f})")
    print(f"  ratio client / floor          {ours_best / floor_best:8.2f}x  (goal <= 2x)")
    zeep_best, _ = best_of(plain_zeep(client, service, header), rounds=3)
    print(f"  plain zeep, for reference     {zeep_best:8.1f} ms ({zeep_best / floor_best:.1f}x the floor)")
    client.close()


if __name__ == "__main__":
    main()
