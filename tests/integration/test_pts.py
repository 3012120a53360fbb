"""Receiving whole shipments from their PTS packages, over real HTTP against the simulator:
the client's transfer list and downloads, the store's rules, a delivery received by carrier
scans, a partly received package, the discrepancy lists, and every bad package the issue
names, each refused or flagged with a clear message and nothing half-imported."""

from __future__ import annotations

import base64
import io
import json
import tracemalloc
import zipfile
from datetime import date, timedelta

import pytest
import requests

from pharmadesk import shipments
from pharmadesk.domain import Stakeholder
from pharmadesk.its.pts import PtsClient, PtsFault
from pharmadesk.its.pts_package import PackageError, read_zip
from pharmadesk.sim import sandbox
from pharmadesk.sim.server import start_simulator
from pharmadesk.store import open_store
from pharmadesk.store.packages import BATCH, FLAG_EXPIRED, FLAG_INVALID, FLAG_OTHER_PACKAGE, FLAG_RECEIVED
from syncstation import PHARMACY, SUPPLIER, admin, configure, ledger_item
from test_cli import env, run

GS = "\x1d"


def client(sim, *, download: str = "get-package", gln: str = PHARMACY) -> PtsClient:
    return PtsClient(sim.base_url, gln + "0000", "sandbox", gln=gln, download=download)


def dispatch(sim, carriers: list[int], to: str = PHARMACY, **extra) -> dict:
    return admin(sim, "/admin/ship", {"to": to, "pts": True, "carriers": carriers, **extra})


def serial_of(karekod: str) -> str:
    return karekod[18:].split(GS)[0]


def package_xml(boxes: list[tuple[str, str, str, str]], *, to: str = PHARMACY, sender: str = SUPPLIER,
                extra: str = "", doctype: str = "") -> bytes:
    """A package file as a sender's software might write it (LotNumber/ExpirationDate spelt
    the other way, an element PharmaDesk does not know)."""
    lists = "".join(f'<productList GTIN="{gtin}" LotNumber="{lot}" ExpirationDate="{expiry}">'
                    f"<serialNumber>{serial}</serialNumber></productList>" for gtin, serial, lot, expiry in boxes)
    return (f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<transfer><sourceGLN>{sender}</sourceGLN>'
            f"<destinationGLN>{to}</destinationGLN><actionType>SALE</actionType><documentNumber>FAT77</documentNumber>"
            f"<documentDate>2026-12-01</documentDate>{extra}"
            f'<carrier carrierLabel="{_sscc("1869000200002")}" containerType="C">{lists}</carrier></transfer>'
            ).encode()


def _sscc(body: str) -> str:
    from pharmadesk.gs1 import check_digit

    digits = body.ljust(17, "7")[:17]
    return digits + str(check_digit(digits))


def zipped(xml: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("PTS_1.xml", xml)
    return buffer.getvalue()


@pytest.fixture
def station(simulator, tmp_path, engine):
    data = configure(tmp_path / "station", simulator)
    store = open_store(data)
    yield data, store
    store.close()


# ---- the client over HTTP ----

def test_transfer_list_asks_in_31_day_windows_and_both_download_services_give_the_package(tmp_path):
    today = [date.today() - timedelta(days=50)]
    sim = start_simulator(today=lambda: today[0])
    try:
        old = dispatch(sim, [2])
        today[0] = date.today()
        new = dispatch(sim, [3, 1])
        with client(sim) as its:
            recent = {t.transfer_id for t in its.transfers(31)}
            assert new["transfer_id"] in recent and old["transfer_id"] not in recent
            # 70 days: three windows, as PTS answers at most 31 days at a time
            assert old["transfer_id"] in {t.transfer_id for t in its.transfers(70)}
            package = its.download(new["transfer_id"])
        with client(sim, download="receive-file-stream") as its:
            same = its.download(new["transfer_id"], SUPPLIER)
    finally:
        sim.stop()
    (pallet, *cases), boxes = package.read_all()
    assert same.read_all()[1] == boxes and package.receiver_gln == PHARMACY
    assert pallet.sscc == new["pallet"] and pallet.container_type == "P"
    assert [(c.sscc, c.parent) for c in cases] == [(sscc, pallet.sscc) for sscc in new["carriers"]]
    assert {(b.carrier, b.serial) for b in boxes} == {
        (sscc, serial_of(k)) for sscc, karekods in new["carriers"].items() for k in karekods}


def test_a_package_downloads_100_times_then_pts_answers_21012(simulator):
    transfer = dispatch(simulator, [1])["transfer_id"]
    with client(simulator) as its:
        for _ in range(100):
            its.download(transfer)
        with pytest.raises(PtsFault) as refused:
            its.download(transfer)
        with pytest.raises(PtsFault) as unknown:
            its.download(999)
    assert refused.value.fc == "21012" and "100" in refused.value.message("en")
    assert "indirildi" in refused.value.message("tr")
    assert unknown.value.fc == "20008"


def test_another_stations_package_is_not_served(simulator):
    transfer = dispatch(simulator, [1], to=sandbox.HOSPITAL)["transfer_id"]
    with client(simulator) as its:
        assert transfer not in {t.transfer_id for t in its.transfers()}
        with pytest.raises(PtsFault) as refused:
            its.download(transfer)
    assert refused.value.fc == "20004"


def test_a_damaged_download_is_refused_by_its_md5(simulator):
    """The ZIP and MD5 exactly as GetPackage sends them; one byte changed on the way is caught."""
    transfer = dispatch(simulator, [2])["transfer_id"]
    envelope = ('<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body>'
                f'<g:getStreamParameters xmlns:g="http://pts.titck.gov.tr/get"><transferId>{transfer}</transferId>'
                "</g:getStreamParameters></S:Body></S:Envelope>")
    answer = requests.post(simulator.base_url + "/PTS/GetPackage", data=envelope.encode(), timeout=30,
                           auth=(PHARMACY + "0000", "sandbox"), headers={"Content-Type": "text/xml"}).text
    md5 = answer.split("<streamMD5checksum>")[1].split("<")[0]
    data = base64.b64decode(answer.split("<fileStream>")[1].split("<")[0])
    assert len(read_zip(data, md5).read_all()[1]) == 2
    damaged = data[:40] + bytes([data[40] ^ 0xFF]) + data[41:]
    with pytest.raises(PackageError) as wrong:
        read_zip(damaged, md5)
    assert "MD5" in wrong.value.message("tr") and "Download it again" in wrong.value.message("en")


# ---- the store and receiving, through the real store file ----

def test_a_delivery_received_by_carrier_scans_only(simulator, station):
    data, store = station
    shipped = dispatch(simulator, [4, 3])
    with client(simulator) as its:
        report = shipments.fetch(store, its, PHARMACY)
    assert shipped["transfer_id"] in report.stored
    package = store.package_by_transfer(shipped["transfer_id"])
    receiving = shipments.Receiving(store, Stakeholder.PHARMACY)
    # the pallet's label, printed as GS1-128 with AI 00, ticks both cases inside it
    outcome = receiving.scan("]C100" + shipped["pallet"], None)
    assert (outcome.status, outcome.package_id, outcome.ticked) == ("carrier", package["id"], 7)
    assert store.discrepancies(package["id"])["missing"] == []
    accepted = shipments.accept(store, Stakeholder.PHARMACY, package["id"])
    assert accepted.acceptance.queued == 7 and store.package(package["id"])["state"] == "received"
    item = store.items(operation="receive")[0]
    notification = store.notification(item["notification_id"])
    assert (notification["counterparty_gln"], notification["document_number"]) == (SUPPLIER, shipped["document"])
    store.close()
    done = run("sync", "--data-dir", str(data))
    assert done.returncode == 0, done.stdout + done.stderr
    assert {ledger_item(simulator, k)["owner"] for ks in shipped["carriers"].values() for k in ks} == {PHARMACY}


def test_a_partly_received_package_and_its_discrepancy_lists(simulator, station):
    _, store = station
    shipped = dispatch(simulator, [3, 2])
    stray = admin(simulator, "/admin/ship", {"to": PHARMACY, "count": 1})["karekods"][0]
    with client(simulator) as its:
        shipments.fetch(store, its, PHARMACY, [shipped["transfer_id"]])
    package_id = store.package_by_transfer(shipped["transfer_id"])["id"]
    first, second = shipped["carriers"]
    receiving = shipments.Receiving(store, Stakeholder.PHARMACY)
    assert receiving.scan(first, package_id).ticked == 3  # the bare 18 digits
    one_box = shipped["carriers"][second][0]
    assert receiving.scan(one_box, package_id).status == "ticked"
    assert receiving.scan(one_box, package_id).status == "again"
    assert receiving.scan(stray, package_id).status == "stray"
    damaged = store.package_boxes(package_id)[0]
    store.set_damaged([damaged["id"]])

    lists = store.discrepancies(package_id)
    left_out = shipped["carriers"][second][1]
    assert [b["serial"] for b in lists["missing"]] == [serial_of(left_out)]
    assert [b["serial"] for b in lists["strays"]] == [serial_of(stray)]
    assert [b["serial"] for b in lists["damaged"]] == [damaged["serial"]]

    # receive only the first case now: the package stays open for the rest
    outcome = shipments.accept(store, Stakeholder.PHARMACY, package_id, [first])
    assert (outcome.acceptance.queued, outcome.acceptance.damaged) == (2, 1)
    assert "hasarlı" in outcome.message("tr") and "damaged" in outcome.message("en")
    summary = store.package(package_id)
    assert (summary["state"], summary["received"], summary["remaining"]) == ("open", 2, 2)
    assert shipments.accept(store, Stakeholder.PHARMACY, package_id).acceptance.queued == 2
    assert store.package(package_id)["state"] == "received"


def test_a_carrier_label_with_a_wrong_check_digit_or_in_no_open_package_is_refused(simulator, station):
    _, store = station
    shipped = dispatch(simulator, [2])
    with client(simulator) as its:
        shipments.fetch(store, its, PHARMACY, [shipped["transfer_id"]])
    case = next(iter(shipped["carriers"]))
    receiving = shipments.Receiving(store, Stakeholder.PHARMACY)
    broken = receiving.scan("00" + case[:-1] + str((int(case[-1]) + 1) % 10), None)
    assert broken.status == "refused" and "check digit" in broken.message("en")
    assert "kontrol hanesi" in broken.message("tr")
    unknown = receiving.scan(_sscc("0869999"), None)
    assert unknown.status == "refused" and "no open package" in unknown.message("en")
    assert "açık hiçbir pakette yok" in unknown.message("tr")
    assert store.discrepancies(store.package_by_transfer(shipped["transfer_id"])["id"])["strays"] == []


def test_a_case_of_another_open_package_ticks_in_that_package(simulator, station):
    _, store = station
    first, second = dispatch(simulator, [2]), dispatch(simulator, [3])
    with client(simulator) as its:
        shipments.fetch(store, its, PHARMACY, [first["transfer_id"], second["transfer_id"]])
    opened = store.package_by_transfer(first["transfer_id"])["id"]
    other = store.package_by_transfer(second["transfer_id"])["id"]
    outcome = shipments.Receiving(store, Stakeholder.PHARMACY).scan(next(iter(second["carriers"])), opened)
    assert (outcome.status, outcome.package_id, outcome.ticked) == ("carrier", other, 3)
    assert store.package(opened)["scanned"] == 0


def test_a_transfer_is_stored_once_and_a_box_of_two_open_packages_is_flagged(simulator, station):
    _, store = station
    shipped = dispatch(simulator, [2])
    with client(simulator) as its:
        assert shipments.fetch(store, its, PHARMACY, [shipped["transfer_id"]]).stored
        first_id = store.package_by_transfer(shipped["transfer_id"])["id"]
        again = shipments.fetch(store, its, PHARMACY)
        assert shipped["transfer_id"] not in again.stored and again.skipped >= 1
        package = its.download(shipped["transfer_id"])
    with pytest.raises(PackageError) as twice:
        shipments.store_package(store, package, PHARMACY, transfer_id=shipped["transfer_id"])
    assert "daha önce" in twice.value.message("tr") and "before" in twice.value.message("en")
    # the same boxes in a second package (a file the sender also e-mailed)
    lines = [(b["gtin"], b["serial"], b["batch"], b["expiry"]) for b in store.package_boxes(first_id)]
    second = read_zip(zipped(package_xml(lines)))
    second_id = shipments.store_package(store, second, PHARMACY, source="file")
    assert {b["flag"] for b in store.package_boxes(second_id)} == {FLAG_OTHER_PACKAGE}
    assert len(store.packages()) == 1 + len(again.stored) + 1


@pytest.mark.parametrize("ending, english", [("first-serial-again", "lists one box twice"),
                                             ("cut-short", "malformed"), ("another-gln", "another GLN"),
                                             ("last-box-damaged", "corrupt")])
def test_a_refusal_at_the_end_of_a_large_streamed_package_leaves_nothing_stored(tmp_path, ending, english):
    """Several batches of boxes are already written when the stream's last bytes refuse it:
    a serial listed twice, the document cut short, its receiver named after the boxes, or the
    ZIP's checksum, checked once the XML is read, not matching a changed last box."""
    store = open_store(tmp_path / "data")
    boxes = [("08699999999994", f"S{n:05}", "L1", "2030-01-31") for n in range(3 * BATCH + 10)]
    if ending == "first-serial-again":
        boxes.append(boxes[0])
    xml = package_xml(boxes)
    if ending == "cut-short":
        xml = xml[:-len("</carrier></transfer>")]
    elif ending == "another-gln":
        xml = xml.replace(f"<destinationGLN>{PHARMACY}</destinationGLN>".encode(), b"").replace(
            b"</transfer>", f"<destinationGLN>{sandbox.HOSPITAL}</destinationGLN></transfer>".encode())
    data = zipped(xml)
    if ending == "last-box-damaged":
        data = data.replace(f"S{3 * BATCH + 9:05}".encode(), b"S99999")
    try:
        with pytest.raises(PackageError) as refused:
            shipments.store_package(store, read_zip(data), PHARMACY, source="file")
        assert english in refused.value.message("en") and refused.value.message("tr") != refused.value.message("en")
        assert store.packages() == [] and store.read("SELECT * FROM pts_boxes") == []
        assert store.read("SELECT * FROM pts_carriers") == []
        # the same package without the fault is then taken whole
        shipments.store_package(store, read_zip(zipped(package_xml(boxes[:3 * BATCH + 10]))), PHARMACY,
                                source="file")
        assert [p["boxes"] for p in store.packages()] == [3 * BATCH + 10]
    finally:
        store.close()


def test_storing_a_package_ten_times_larger_takes_no_more_memory(tmp_path):
    """The boxes go from the XML stream to the database in batches: Python's peak allocation
    while storing 15,000 boxes stays that of 1,500 (it was ten times as much with a list)."""
    store = open_store(tmp_path / "data")
    try:
        peaks = []
        for count in (1_500, 15_000):
            boxes = [("08699999999994", f"M{count}-{n:05}", "L1", "2030-01-31") for n in range(count)]
            package = read_zip(zipped(package_xml(boxes)))
            tracemalloc.start()
            try:
                shipments.store_package(store, package, PHARMACY, source="file")
                peaks.append(tracemalloc.get_traced_memory()[1])
            finally:
                tracemalloc.stop()
        assert [p["boxes"] for p in store.packages()] == [15_000, 1_500]
        assert peaks[1] < 2 * peaks[0]
    finally:
        store.close()


# ---- bad package files, through `pharmadesk import FILE --op receive` ----

def _import(data, path, lang="en"):
    return run("import", str(path), "--op", "receive", "--data-dir", str(data), "--lang", lang)


@pytest.mark.parametrize("name, content, english, turkish", [
    ("corrupt.zip", b"PK\x03\x04 not really a zip", "corrupt", "bozuk"),
    ("doctype.xml", package_xml([], doctype='<!DOCTYPE transfer [<!ENTITY x "y">]>'), "DOCTYPE", "DOCTYPE"),
    ("elsewhere.xml", package_xml([("08699999999994", "A1", "L1", "2030-01-31")], to=sandbox.HOSPITAL),
     "another GLN", "başka bir GLN"),
    ("twice.xml", package_xml([("08699999999994", "A1", "L1", "2030-01-31")] * 2), "lists one box twice",
     "iki kez"),
], ids=["corrupt-zip", "doctype-entities", "another-gln", "serial-twice"])
def test_a_bad_package_file_is_refused_whole_with_a_clear_message(simulator, station, tmp_path, name, content,
                                                                  english, turkish):
    data, store = station
    path = tmp_path / name
    path.write_bytes(content)
    done = _import(data, path)
    assert done.returncode == 1 and english in done.stderr
    assert turkish in _import(data, path, "tr").stderr
    assert store.packages() == [] and store.items() == []


def test_a_package_file_queues_what_can_be_received_and_flags_the_rest(simulator, station, tmp_path):
    data, store = station
    good = dispatch(simulator, [2])["carriers"]
    good_boxes = next(iter(good.values()))
    received_before = admin(simulator, "/admin/ship", {"to": PHARMACY, "count": 1})["karekods"][0]
    assert run("scan", "--op", "receive", "--counterparty", SUPPLIER, "--data-dir", str(data),
               received_before).returncode == 0

    def line(karekod):
        box = ledger_item(simulator, karekod)
        return box["gtin"], box["sn"], box["bn"], box["xd"]

    expired = (*line(good_boxes[0])[:2], "LEXP1", (date.today() - timedelta(days=40)).isoformat())
    bad_gtin = ("08699999999990", "BADGTIN1", "L1", "2030-01-31")
    boxes = [line(k) for k in good_boxes] + [line(received_before), bad_gtin]
    boxes.append((expired[0], "EXPIRED1", expired[2], expired[3]))
    path = tmp_path / "package.zip"
    path.write_bytes(zipped(package_xml(boxes, extra="<futureElement><x>1</x></futureElement>")))
    done = _import(data, path)
    assert done.returncode == 1
    assert "Queued for receipt: 2 boxes; 3 boxes cannot be received" in done.stdout
    flags = {box["serial"]: box["flag"] for box in store.package_boxes(store.packages()[0]["id"])}
    assert flags == {serial_of(good_boxes[0]): None, serial_of(good_boxes[1]): None,
                     serial_of(received_before): FLAG_RECEIVED, "BADGTIN1": FLAG_INVALID,
                     "EXPIRED1": FLAG_EXPIRED}
    assert "Expired: it cannot be received" in done.stdout and "GTIN check digit" in done.stdout
    queued = {item["serial"] for item in store.items(operation="receive")}
    assert queued == {serial_of(k) for k in good_boxes + [received_before]}
    assert store.packages()[0]["document_number"] == "FAT77"
    assert _import(data, path).returncode == 1  # the same file again: refused, nothing doubled
    assert len(store.items(operation="receive")) == 3


def listed_row(data, transfer_id: int) -> dict:
    """The row `pharmadesk pts list --json` shows for one transfer."""
    listed = run("pts", "list", "--json", "--data-dir", str(data))
    assert listed.returncode == 0, listed.stderr
    return {row["transfer_id"]: row for row in json.loads(listed.stdout)}[transfer_id]


def test_pts_commands_list_fetch_and_receive_chosen_carriers(simulator, station):
    data, store = station
    shipped = dispatch(simulator, [2, 3])
    transfer = str(shipped["transfer_id"])
    assert listed_row(data, shipped["transfer_id"]) == {
        "transfer_id": shipped["transfer_id"], "from": SUPPLIER, "document": None, "date": date.today().isoformat(),
        "boxes": None, "carriers": None, "received": None, "state": "new"}
    fetched = run("pts", "fetch", transfer, "--data-dir", str(data), "--lang", "en")
    assert fetched.returncode == 0 and "packages downloaded: 1" in fetched.stdout
    logged = store.message_log(service="pts.get-package")  # the message log keeps the exchange, not the file
    assert logged and "base64 characters]" in store.exchange(logged[0]["id"])["response_xml"]
    first, second = shipped["carriers"]
    done = run("pts", "receive", transfer, "--carrier", "00" + second, "--data-dir", str(data), "--lang", "en")
    assert done.returncode == 0 and "Queued for receipt: 3 boxes." in done.stdout
    row = {r["transfer_id"]: r for r in json.loads(run("pts", "list", "--json", "--data-dir", str(data)).stdout)}
    assert {key: row[shipped["transfer_id"]][key] for key in ("document", "boxes", "carriers", "received", "state")} \
        == {"document": shipped["document"], "boxes": 5, "carriers": 3, "received": 3, "state": "open"}
    wrong = run("pts", "receive", transfer, "--carrier", first[:-1] + str((int(first[-1]) + 1) % 10),
                "--data-dir", str(data), "--lang", "en")
    assert wrong.returncode == 1 and "check digit" in wrong.stderr
    unreachable = run("pts", "list", "--data-dir", str(data), "--lang", "en",
                      environ=env(PHARMADESK_ITS_PASSWORD="sandbox", PHARMADESK_PTS_URL="http://127.0.0.1:9"))
    assert unreachable.returncode == 2 and "Only the stored packages are shown" in unreachable.stderr
    assert transfer in unreachable.stdout


def test_the_sandbox_starts_with_expected_shipments_one_nested(simulator):
    with client(simulator) as its:
        transfers = its.transfers()
        packages = [its.download(t.transfer_id) for t in transfers]
    assert 1 <= len(packages) <= 2
    carriers = [p.read_all()[0] for p in packages]
    nested = [found for found in carriers if any(c.parent for c in found)]
    assert nested and {c.container_type for c in nested[0]} == {"P", "C"}
    assert all(p.sender_gln == SUPPLIER for p in packages)
    # the demo scanner offers their case and pallet labels to scan
    labels = {box["karekod"] for box in simulator.sandbox_carriers(PHARMACY)}
    assert labels == {"00" + c.sscc for found in carriers for c in found}


def test_a_sender_uploads_a_package_and_the_receiver_gets_its_boxes(simulator, station):
    _, store = station
    produced = admin(simulator, "/admin/produce", {"manufacturer": sandbox.MANUFACTURER, "count": 2})["karekods"]
    lines = []
    for karekod in produced:
        box = ledger_item(simulator, karekod)
        lines.append((box["gtin"], box["sn"], box["bn"], box["xd"]))
    upload = zipped(package_xml(lines, sender=sandbox.MANUFACTURER))
    answer = admin(simulator, "/admin/pts", {"from": sandbox.MANUFACTURER, "to": PHARMACY,
                                            "zip_base64": base64.b64encode(upload).decode()})
    assert {ledger_item(simulator, k)["pending_to"] for k in produced} == {PHARMACY}
    with client(simulator) as its:
        shipments.fetch(store, its, PHARMACY, [answer["transfer_id"]])
    package = store.package_by_transfer(answer["transfer_id"])
    assert (package["sender_gln"], package["boxes"], package["document_number"]) == (sandbox.MANUFACTURER, 2, "FAT77")
