"""Webcam decoder benchmark: scanners.camera beside zxing-cpp alone, on synthetic 720p webcam
frames (the shared decode-bench generator) and on the shared real photos, single thread.

Prints decode rate, wrong payloads, false positives, latency on frames with and without a
code, what each decoding stage contributes, and the goals met or missed.
Set sizes: BENCH_CAMERA_CODE (default 300) and BENCH_CAMERA_EMPTY (default 50) frames;
BENCH_CAMERA_SEED picks the set. Generated frames are cached in the temp folder.
"""
import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import cv2  # noqa: E402
import numpy as np  # noqa: E402
import zxingcpp  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(SHARED / "tools" / "decode-bench"))

import decode_bench  # noqa: E402

from scanners.camera import detect_codes  # noqa: E402

GOALS = dict(empty_p50=15.0, empty_p95=25.0, code_p50=20.0, code_p95=40.0)


def zxing_alone(try_invert: bool):
    options = dict(formats=zxingcpp.BarcodeFormat.DataMatrix, text_mode=zxingcpp.TextMode.Plain,
                   try_invert=try_invert)
    return lambda frame: [b.text for b in zxingcpp.read_barcodes(frame, **options)]


def synthetic_set(n_code: int, n_empty: int, seed: int) -> Path:
    folder = Path(tempfile.gettempdir()) / f"pharmadesk-bench-camera-{seed}-{n_code}-{n_empty}"
    if not (folder / "manifest.json").exists():
        print(f"generating {n_code} + {n_empty} frames into {folder} ...", flush=True)
        decode_bench.cmd_gen(argparse.Namespace(out=str(folder), seed=seed, n_code=n_code, n_empty=n_empty))
    return folder


def load_set(folder: Path, bgr: bool):
    items = json.loads((folder / "manifest.json").read_text())["items"]
    for item in items:
        image = cv2.imread(str(folder / item["file"]), cv2.IMREAD_GRAYSCALE)
        yield (cv2.cvtColor(image, cv2.COLOR_GRAY2BGR) if bgr else image), item["expected"]


class Score:
    def __init__(self):
        self.hits = self.wrong = self.false_pos = 0
        self.ms_code: list[float] = []
        self.ms_empty: list[float] = []

    def add(self, out: list[str], expected: str | None, ms: float):
        out = [decode_bench.normalize(o) for o in out]
        if expected is None:
            self.ms_empty.append(ms)
            self.false_pos += bool(out)
            return
        self.ms_code.append(ms)
        self.hits += expected in out
        self.wrong += any(o != expected for o in out)


def pct(values, p):
    return float(np.percentile(values, p)) if values else float("nan")


def latency(values) -> str:
    return f"{pct(values, 50):.1f} / {pct(values, 95):.1f}" if values else "-"


def run_set(name: str, frames: list):
    scores = {"zxing-cpp alone": Score(), "zxing-cpp alone, try_invert": Score(), "scanners.camera": Score()}
    baselines = {"zxing-cpp alone": zxing_alone(False), "zxing-cpp alone, try_invert": zxing_alone(True)}
    stages = defaultdict(lambda: dict(runs=0, found=0, rescued=0, ms=[]))
    for decoder in (*baselines.values(), detect_codes):  # warm-up: imports, lazy tables
        decoder(frames[0][0])
    for frame, expected in frames:
        for label, decoder in baselines.items():
            started = time.perf_counter()
            out = decoder(frame)
            scores[label].add(out, expected, (time.perf_counter() - started) * 1000)
        trace = []
        started = time.perf_counter()
        out = [d.text for d in detect_codes(frame, trace)]
        scores["scanners.camera"].add(out, expected, (time.perf_counter() - started) * 1000)
        for position, step in enumerate(trace):
            stage = stages[step.stage]
            stage["runs"] += 1
            stage["found"] += step.found > 0 and expected is not None
            stage["rescued"] += step.found > 0 and position > 0 and expected is not None
            stage["ms"].append(step.ms)
    n_code = sum(expected is not None for _, expected in frames)
    n_empty = len(frames) - n_code
    print(f"\n## {name}: {n_code} frames with a code, {n_empty} without\n")
    print("| decoder | decoded | rate | wrong payloads | false positives | code p50 / p95 ms | empty p50 / p95 ms |")
    print("|---|---|---|---|---|---|---|")
    for label, s in scores.items():
        print(f"| {label} | {s.hits}/{n_code} | {100.0 * s.hits / max(1, n_code):.1f}% | {s.wrong} | {s.false_pos} | "
              f"{latency(s.ms_code)} | {latency(s.ms_empty)} |")
    print("\n| stage (in order) | runs | frames decoded here | of which after an earlier stage failed | p50 ms | total s |")
    print("|---|---|---|---|---|---|")
    for stage_name, st in stages.items():
        print(f"| {stage_name} | {st['runs']} | {st['found']} | {st['rescued']} | "
              f"{statistics.median(st['ms']):.1f} | {sum(st['ms']) / 1000:.1f} |")
    return scores


def verdicts(synthetic, real) -> list[str]:
    ours, alone = synthetic["scanners.camera"], synthetic["zxing-cpp alone"]
    lines = [
        ("synthetic rate above zxing-cpp alone", ours.hits > alone.hits),
        ("real rate above zxing-cpp alone", real["scanners.camera"].hits > real["zxing-cpp alone"].hits),
        ("no wrong payload, no false positive",
         all(s.wrong == 0 and s.false_pos == 0 for s in (ours, real["scanners.camera"]))),
        (f"empty 720p p50 <= {GOALS['empty_p50']} ms", pct(ours.ms_empty, 50) <= GOALS["empty_p50"]),
        (f"empty 720p p95 <= {GOALS['empty_p95']} ms", pct(ours.ms_empty, 95) <= GOALS["empty_p95"]),
        (f"720p with a code p50 <= {GOALS['code_p50']} ms", pct(ours.ms_code, 50) <= GOALS["code_p50"]),
        (f"720p with a code p95 <= {GOALS['code_p95']} ms", pct(ours.ms_code, 95) <= GOALS["code_p95"]),
    ]
    return [f"{'met   ' if ok else 'MISSED'} {text}" for text, ok in lines]


def main():
    cv2.setNumThreads(1)
    n_code = int(os.environ.get("BENCH_CAMERA_CODE", "300"))
    n_empty = int(os.environ.get("BENCH_CAMERA_EMPTY", "50"))
    seed = int(os.environ.get("BENCH_CAMERA_SEED", "1234"))
    print(f"versions: {json.dumps(decode_bench.versions())}")
    started = time.perf_counter()
    synthetic = run_set(f"synthetic 1280x720 webcam frames (seed {seed}, BGR)",
                        list(load_set(synthetic_set(n_code, n_empty, seed), bgr=True)))
    real = run_set("real photos (../shared/testdata/datamatrix-real, grey)",
                   list(load_set(SHARED / "testdata" / "datamatrix-real", bgr=False)))
    print("\n## goals\n")
    print("\n".join(verdicts(synthetic, real)))
    print(f"\nbenchmark took {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
