"""Webcam karekod decoding: one camera frame in, the GS1 DataMatrix payloads it shows out.

zxing-cpp reads first; libdmtx (through pylibdmtx, with FNC1 turned on) retries where
zxing-cpp located a symbol but could not read it. The capture loop is in camera_capture.py.
"""
from __future__ import annotations

import ctypes
import time
import warnings
from dataclasses import dataclass
from importlib import metadata

import cv2
import numpy as np
import zxingcpp

try:
    with warnings.catch_warnings():
        # pylibdmtx 0.1.10 compares versions with distutils, which warns on every import.
        warnings.simplefilter("ignore", DeprecationWarning)
        from pylibdmtx import wrapper as dmtx
except ImportError:  # libdmtx not installed (e.g. the DLL missing on Windows): zxing-cpp alone
    dmtx = None

GS = "\x1d"
Point = tuple[float, float]

# Images up to this many pixels (close-ups, crops, stills) also get a pass unsmoothed;
# a 720p webcam frame (0.92 MP) stays on the fast path so the preview keeps up.
SMALL_IMAGE_PIXELS = 400_000
# libdmtx searches until it finds a symbol, however long that takes; these bound it.
DMTX_CROP_TIMEOUT_MS = 30
DMTX_MAX_CROPS = 2

_ZXING_OPTIONS = dict(
    formats=zxingcpp.BarcodeFormat.DataMatrix,
    # Plain: the bytes as the symbol holds them, FNC1 separators as GS, no "]d2" prefix.
    text_mode=zxingcpp.TextMode.Plain,
    # Printed boxes are dark on light; the inverted search would double the cost.
    try_invert=False,
)


@dataclass(frozen=True)
class Detection:
    """One decoded symbol: its payload and its outline (four corners, frame pixels)."""

    text: str
    outline: tuple[Point, Point, Point, Point]
    decoder: str


@dataclass
class StageTrace:
    """What one decoding stage cost and found, for the benchmark."""

    stage: str
    ms: float
    found: int


def decode_frame(frame: np.ndarray) -> list[str]:
    """The payloads of the DataMatrix symbols in a BGR or grey frame ([] if none).

    GS1 payloads come with "\\x1d" between variable-length fields and no leading FNC1.
    """
    return [d.text for d in detect_codes(frame)]


def detect_codes(frame: np.ndarray, trace: list[StageTrace] | None = None) -> list[Detection]:
    """Decode a frame, stopping at the first stage that reads anything.

    Every stage uses an error-correcting decoder (Reed-Solomon verified), so a stage
    returns either what the symbol holds or nothing. `trace`, when given, collects
    the cost and yield of each stage run.
    """
    gray = to_gray(frame)
    located: list[tuple[Point, ...]] = []
    smoothed = _smoothed(gray)
    stages = [
        ("zxing-smoothed", lambda: _zxing(smoothed, located)),
        ("zxing-sharpened", lambda: _zxing(_sharpened(smoothed), located)),
    ]
    if gray.size <= SMALL_IMAGE_PIXELS:
        stages.append(("zxing-raw", lambda: _zxing(gray, located)))
    stages.append(("libdmtx-crops", lambda: _dmtx_on_crops(gray, located)))
    for name, run in stages:
        started = time.perf_counter()
        found = _unique(run())
        if trace is not None:
            trace.append(StageTrace(name, (time.perf_counter() - started) * 1000.0, len(found)))
        if found:
            return found
    return []


def to_gray(frame: np.ndarray) -> np.ndarray:
    if frame.ndim == 3 and frame.shape[2] == 4:
        frame = cv2.cvtColor(frame, cv2.COLOR_BGRA2GRAY)
    elif frame.ndim == 3:
        frame = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    return np.ascontiguousarray(frame, dtype=np.uint8)


def _smoothed(gray: np.ndarray) -> np.ndarray:
    # Sensor noise gives zxing-cpp's binarizer thousands of false edges: a slight blur
    # makes it both faster (about 3 ms instead of 10 on 720p) and more successful.
    return cv2.GaussianBlur(gray, (0, 0), 0.7)


def _sharpened(smoothed: np.ndarray) -> np.ndarray:
    # Unsharp mask of the denoised frame: restores the module edges of small or
    # out-of-focus codes and lifts low-contrast print. A box blur is 5x cheaper than
    # the matching Gaussian and as good here.
    return cv2.addWeighted(smoothed, 2.0, cv2.blur(smoothed, (9, 9)), -1.0, 0)


def _zxing(image: np.ndarray, located: list[tuple[Point, ...]]) -> list[Detection]:
    """zxing-cpp's reads; where it found a symbol but could not read it, the outline goes to `located`."""
    found = []
    for barcode in zxingcpp.read_barcodes(image, return_errors=True, **_ZXING_OPTIONS):
        position = barcode.position
        outline = tuple((p.x, p.y) for p in (position.top_left, position.top_right,
                                             position.bottom_right, position.bottom_left))
        if barcode.valid:
            found.append(Detection(barcode.text, outline, "zxing-cpp"))
        else:
            located.append(outline)
    return found


def _dmtx_on_crops(gray: np.ndarray, located: list[tuple[Point, ...]]) -> list[Detection]:
    """libdmtx on the regions where zxing-cpp found a symbol it could not read."""
    found = []
    height, width = gray.shape
    crops: list[tuple[int, int, int, int]] = []
    for outline in located:
        xs, ys = [p[0] for p in outline], [p[1] for p in outline]
        centre = (sum(xs) / 4, sum(ys) / 4)
        if any(x0 <= centre[0] < x1 and y0 <= centre[1] < y1 for x0, y0, x1, y1 in crops):
            continue  # the same symbol, located again by a later pass
        margin = 0.25 * max(max(xs) - min(xs), max(ys) - min(ys)) + 8
        x0, y0 = int(max(0, min(xs) - margin)), int(max(0, min(ys) - margin))
        x1, y1 = int(min(width, max(xs) + margin)), int(min(height, max(ys) + margin))
        if x1 - x0 >= 16 and y1 - y0 >= 16:
            crops.append((x0, y0, x1, y1))
    for x0, y0, x1, y1 in crops[:DMTX_MAX_CROPS]:
        for hit in dmtx_read(gray[y0:y1, x0:x1], DMTX_CROP_TIMEOUT_MS):
            shifted = tuple((x + x0, y + y0) for x, y in hit.outline)
            found.append(Detection(hit.text, shifted, hit.decoder))
    return found


def dmtx_read(gray: np.ndarray, timeout_ms: int) -> list[Detection]:
    """libdmtx on a grey image, FNC1 reported as GS.

    pylibdmtx.decode() leaves libdmtx's FNC1 property unset, so libdmtx drops every
    FNC1 (the serial/expiry boundary is lost) and, inside C40/Text encodation, also
    garbles the character after it. Hence this loop over pylibdmtx's wrapper.
    """
    if dmtx is None:
        return []
    gray = np.ascontiguousarray(gray, dtype=np.uint8)
    height, width = gray.shape
    deadline = dmtx.dmtxTimeAdd(dmtx.dmtxTimeNow(), timeout_ms)
    image = dmtx.dmtxImageCreate(gray.ctypes.data_as(dmtx.c_ubyte_p), width, height,
                                 dmtx.DmtxPackOrder.DmtxPack8bppK)
    if not image:
        return []
    decoder = dmtx.dmtxDecodeCreate(image, 1)
    try:
        dmtx.dmtxDecodeSetProp(decoder, dmtx.DmtxProperty.DmtxPropFnc1, ord(GS))
        found = []
        while region := dmtx.dmtxRegionFindNext(decoder, deadline):
            try:
                message = dmtx.dmtxDecodeMatrixRegion(decoder, region, dmtx.DmtxUndefined)
                if message:
                    text = _dmtx_payload(message.contents)
                    if text is not None:
                        found.append(Detection(text, _dmtx_outline(region.contents, height), "libdmtx"))
                    dmtx.dmtxMessageDestroy(ctypes.byref(message))
            finally:
                dmtx.dmtxRegionDestroy(ctypes.byref(region))
        return found
    finally:
        dmtx.dmtxDecodeDestroy(ctypes.byref(decoder))
        dmtx.dmtxImageDestroy(ctypes.byref(image))


_FNC1_CODEWORD = 232
# The characters a GS1 element string may hold (GS1 General Specifications, figure 7.11-1).
_GS1_CHARACTERS = frozenset("!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz" + GS)


def _dmtx_payload(message) -> str | None:
    """The payload text, or None when it cannot be what a GS1 symbol holds."""
    # outputIdx, not a NUL-terminated read: binary (Base 256) data may contain NUL.
    data = ctypes.string_at(message.output, message.outputIdx).decode("latin-1")
    if message.code[0] != _FNC1_CODEWORD:
        return data
    # FNC1 in first position: a GS1 symbol. libdmtx wrote that FNC1 as a leading GS.
    data = data[1:]
    if not data or not set(data) <= _GS1_CHARACTERS:
        return None
    return data


def _dmtx_outline(region, height: int) -> tuple[Point, Point, Point, Point]:
    corners = []
    for x, y in ((0.0, 1.0), (1.0, 1.0), (1.0, 0.0), (0.0, 0.0)):
        point = dmtx.DmtxVector2(x, y)
        dmtx.dmtxMatrix3VMultiplyBy(point, region.fit2raw)
        # libdmtx counts rows from the bottom of the image.
        corners.append((point.X, height - 1 - point.Y))
    return tuple(corners)


def _unique(detections: list[Detection]) -> list[Detection]:
    seen: dict[str, Detection] = {}
    for detection in detections:
        seen.setdefault(detection.text, detection)
    return list(seen.values())


def decoder_status() -> dict:
    """Which decoders load here, for `pharmadesk doctor`."""
    return {
        "zxing_cpp": _package_version("zxing-cpp"),
        "opencv": cv2.__version__,
        "libdmtx": dmtx.dmtxVersion() if dmtx else None,
        "pylibdmtx": _package_version("pylibdmtx"),
    }


def _package_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None
