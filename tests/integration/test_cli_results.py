"""The command line shows ITS's answer for each box: after `sync` every rejected or
needs-attention box (GTIN, serial, code, meaning, what to do), `status --items` lists the
boxes, `scan --op verify` prints each box's code and what it means, and the GS separator
typed as the help says (\\x1d) works — the help's own example is run."""

from __future__ import annotations

import json
import re
import shlex

from pharmadesk.gs1 import parse
from pharmadesk.its import codes
from pharmadesk.sim import sandbox
from syncstation import admin, configure, ship, write_lines
from test_cli import receive_args, run


def test_sync_lists_every_rejected_box_with_its_code_meaning_and_what_to_do(simulator, tmp_path):
    data = configure(tmp_path / "station", simulator)
    good = ship(simulator, 3)
    foreign = admin(simulator, "/admin/produce", {"manufacturer": sandbox.MANUFACTURER, "count": 2})["karekods"]
    assert run("import", str(write_lines(tmp_path / "boxes.txt", good + foreign)),
               *receive_args(data)).returncode == 0
    done = run("sync", "--data-dir", str(data), "--lang", "en")
    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert "3 accepted, 2 rejected" in done.stdout
    listed = [line for line in lines if line.startswith("rejected")]
    assert len(listed) == 2
    for raw, line in zip(foreign, listed):
        box = parse(raw)
        code = re.search(r"SN \S+\s+(\d{5})", line).group(1)
        info = codes.describe(code, "en")
        assert f"GTIN {box.gtin}  SN {box.serial}  {code}  {info.text} → To do: {info.advice}" in line
    for raw in good:  # accepted boxes are not listed
        assert parse(raw).serial not in done.stdout
    again = run("sync", "--data-dir", str(data), "--lang", "en")
    assert again.returncode == 0 and "rejected " not in again.stdout  # only this run's answers

    shown = run("status", "--items", "--state", "rejected", "--data-dir", str(data))
    assert shown.returncode == 0
    assert [line.split()[0] for line in shown.stdout.splitlines()] == ["ret", "ret"]
    assert "Yapılacak:" in shown.stdout  # Turkish by default
    boxes = json.loads(run("status", "--items", "--json", "--data-dir", str(data), "--lang", "en").stdout)
    assert len(boxes) == 5 and {box["state"] for box in boxes} == {"accepted", "rejected"}
    rejected = [box for box in boxes if box["state"] == "rejected"]
    assert {box["serial"] for box in rejected} == {parse(raw).serial for raw in foreign}
    for box in rejected:
        assert box["meaning"] == codes.describe(box["code"], "en").text and box["advice"]
    accepted = next(box for box in boxes if box["state"] == "accepted")
    assert accepted["code"] == "00000"


def test_scan_verify_prints_each_boxs_code_and_meaning(simulator, tmp_path):
    data = configure(tmp_path / "station", simulator)
    [mine] = ship(simulator, 1)
    assert run("scan", mine, *receive_args(data)).returncode == 0
    assert run("sync", "--data-dir", str(data)).returncode == 0
    [stranger] = admin(simulator, "/admin/produce", {"manufacturer": sandbox.MANUFACTURER, "count": 1})["karekods"]
    done = run("scan", "--op", "verify", "--lang", "en", "--data-dir", str(data), mine, stranger)
    lines = done.stdout.splitlines()
    for raw in (mine, stranger):
        box = parse(raw)
        [line] = [line for line in lines if f"SN {box.serial}" in line]
        code = re.search(r"SN \S+\s+(\d{5})", line).group(1)
        assert codes.describe(code, "en").text in line
    mine_line = next(line for line in lines if f"SN {parse(mine).serial}" in line)
    assert re.search(r"SN \S+\s+40\d{3}", mine_line)  # a box in our stock: a 40xxx warning, ITS's normal answer


def test_the_gs_separator_typed_as_the_help_says_is_accepted(simulator, tmp_path):
    data = configure(tmp_path / "station", simulator)
    helped = run("scan", "--help")
    example = next(line.strip() for line in helped.stdout.splitlines() if line.strip().startswith("pharmadesk scan"))
    assert "\\x1d" in example
    args = shlex.split(example)[2:]  # as a shell passes the quoted example: four characters \x1d
    done = run("scan", *args, "--lang", "en", "--data-dir", str(data))
    assert "invalid character" not in done.stdout + done.stderr
    raw = next(arg for arg in args if arg.startswith("01"))
    box = parse(raw.replace("\\x1d", "\x1d"))
    assert box.serial == "ABC123456"
    assert f"GTIN {box.gtin}  SN ABC123456" in done.stdout  # queued, sent, and ITS answered it


def test_sync_says_what_each_failed_try_met_and_stops_announcing_retries_when_it_gives_up(simulator, tmp_path):
    data = configure(tmp_path / "station", simulator, retries=1)
    assert run("scan", *ship(simulator, 1), *receive_args(data)).returncode == 0
    admin(simulator, "/admin/faults", {"http_500": 1})
    done = run("sync", "--data-dir", str(data), "--lang", "en")
    assert done.returncode == 2
    lines = done.stdout.splitlines()
    [retry] = [line for line in lines if "Trying again" in line]
    assert "answered, but with an error page (HTTP 500). Trying again in 0 s (try 2 of 2)." in retry
    assert "did not answer" not in done.stdout and "retrying" not in done.stdout
    last_progress = lines[lines.index(retry) + 1]
    assert last_progress == "1/1 Purchase #1"  # gave up: the progress no longer announces a retry
    assert lines[-1].startswith("Sync stopped (tries: 2). ITS (127.0.0.1:")
    assert "error page (HTTP 500)" in lines[-1] and lines[-1].endswith("The queue is kept.")
