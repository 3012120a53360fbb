"""The webcam decoder reads real DataMatrix images: generated symbols placed in webcam-sized
frames, symbols encoded the way that trips pylibdmtx, and real photos from ../shared.

Symbols are generated two ways: zxing-cpp's writer (`create_barcode(..., gs1=True)`) makes a
true GS1 DataMatrix from the bracketed HRI form; libdmtx's encoder with its FNC1 property set
turns each GS byte into the FNC1 codeword, and lets the test choose C40 encodation.
"""
import ctypes
import json
from pathlib import Path

import cv2
import numpy as np
import pytest
import zxingcpp
from pylibdmtx import pylibdmtx
from pylibdmtx import wrapper as dmtx

from scanners import camera
from scanners.camera import decode_frame, decoder_status, detect_codes, dmtx_read

GS = "\x1d"
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
REAL_PHOTOS = SHARED / "testdata" / "datamatrix-real"

# A Turkish karekod: GTIN, serial, <GS>, expiry, batch (the batch is last, so no GS after it).
KAREKOD_HRI = "(01)08699504150016(21)7T2K9QX41(17)270531(10)B2405A"
KAREKOD = "0108699504150016217T2K9QX41" + GS + "1727053110B2405A"


def gs1_symbol(hri: str, scale: int = 6) -> np.ndarray:
    """A GS1 DataMatrix (FNC1 first) drawn by zxing-cpp, grey, with a quiet zone."""
    barcode = zxingcpp.create_barcode(hri, zxingcpp.BarcodeFormat.DataMatrix, gs1=True, forceSquare=True)
    return np.asarray(zxingcpp.write_barcode_to_image(barcode, scale=scale))


def libdmtx_symbol(data: bytes, scheme: str = "Ascii", fnc1: bool = True) -> np.ndarray:
    """A DataMatrix drawn by libdmtx; with fnc1, each GS byte becomes the FNC1 codeword."""
    encoder = dmtx.dmtxEncodeCreate()
    try:
        dmtx.dmtxEncodeSetProp(encoder, dmtx.DmtxProperty.DmtxPropScheme,
                               getattr(dmtx.DmtxScheme, "DmtxScheme" + scheme))
        if fnc1:
            dmtx.dmtxEncodeSetProp(encoder, dmtx.DmtxProperty.DmtxPropFnc1, ord(GS))
        assert dmtx.dmtxEncodeDataMatrix(encoder, len(data), ctypes.cast(data, dmtx.c_ubyte_p))
        image = encoder[0].image[0]
        rgb = ctypes.string_at(image.pxl, image.width * image.height * 3)
        return np.frombuffer(rgb, np.uint8).reshape(image.height, image.width, 3)[:, :, 0].copy()
    finally:
        dmtx.dmtxEncodeDestroy(ctypes.byref(encoder))


def webcam_frame(*symbols: tuple[np.ndarray, tuple[int, int]], angle: float = 0.0) -> np.ndarray:
    """A 1280x720 BGR frame: a lit box face on a darker desk, symbols centred at the points."""
    frame = np.full((720, 1280), 90, np.uint8)
    cv2.rectangle(frame, (60, 40), (1220, 680), 215, -1)
    cv2.putText(frame, "PARASETAMOL 500 mg 20 tablet", (120, 640), cv2.FONT_HERSHEY_SIMPLEX, 1.4, 40, 3)
    for symbol, (cx, cy) in symbols:
        padded = cv2.copyMakeBorder(symbol, 12, 12, 12, 12, cv2.BORDER_CONSTANT, value=255)
        h, w = padded.shape
        turn = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        turn[:, 2] += (cx - w / 2, cy - h / 2)
        ink = cv2.warpAffine(255 - padded, turn, (1280, 720), flags=cv2.INTER_AREA)
        paper = cv2.warpAffine(np.full_like(padded, 255), turn, (1280, 720))
        frame = np.where(paper > 0, 235 - (ink.astype(np.int32) * 190 // 255), frame).astype(np.uint8)
    rng = np.random.default_rng(7)
    noisy = frame.astype(np.int16) + rng.normal(0, 3, frame.shape).astype(np.int16)
    return cv2.cvtColor(np.clip(noisy, 0, 255).astype(np.uint8), cv2.COLOR_GRAY2BGR)


def test_karekod_in_a_webcam_frame_keeps_the_gs_between_serial_and_expiry():
    frame = webcam_frame((gs1_symbol(KAREKOD_HRI, scale=5), (700, 330)), angle=23)

    assert decode_frame(frame) == [KAREKOD]


def test_grey_frame_decodes_like_a_colour_one():
    frame = cv2.cvtColor(webcam_frame((gs1_symbol(KAREKOD_HRI), (400, 300))), cv2.COLOR_BGR2GRAY)

    assert decode_frame(frame) == [KAREKOD]


def test_outline_surrounds_the_symbol_where_it_lies():
    symbol = gs1_symbol(KAREKOD_HRI, scale=5)
    [found] = detect_codes(webcam_frame((symbol, (900, 250)), angle=40))

    corners = np.array(found.outline)
    assert corners.shape == (4, 2)
    assert np.allclose(corners.mean(axis=0), (900, 250), atol=6)
    side = np.linalg.norm(corners[0] - corners[1])
    assert side == pytest.approx(symbol.shape[0] - 2 * 5, rel=0.15)


def test_frame_without_a_code_gives_nothing():
    assert decode_frame(webcam_frame()) == []


def test_two_codes_in_one_frame_are_both_read():
    other_hri = "(01)08680001200013(21)100000000042(17)261130(10)L7"
    other = "010868000120001321100000000042" + GS + "1726113010L7"
    frame = webcam_frame((gs1_symbol(KAREKOD_HRI, 5), (350, 330)), (gs1_symbol(other_hri, 5), (900, 360)))

    assert sorted(decode_frame(frame)) == sorted([KAREKOD, other])


def test_plain_text_datamatrix_is_returned_as_it_is():
    # Not a karekod: handed on unchanged, so the GS1 parser can tell the user what it is.
    frame = webcam_frame((cv2.resize(libdmtx_symbol(b"KUTU-42 RAF B", fnc1=False), None, fx=0.8, fy=0.8), (640, 360)))

    assert decode_frame(frame) == ["KUTU-42 RAF B"]


@pytest.mark.parametrize("scheme", ["C40", "Text", "Ascii"])
def test_libdmtx_path_keeps_fnc1_in_every_encodation(scheme):
    data = GS + "010869950415001621ABCR1U" + GS + "1727053110AB12C"
    symbol = libdmtx_symbol(data.encode("ascii"), scheme=scheme)

    assert [d.text for d in dmtx_read(symbol, 500)] == [data[1:]]


def test_pylibdmtx_decode_really_garbles_fnc1_in_c40():
    # The reason dmtx_read exists: the library's own decode() loses the GS and, in C40,
    # turns "1" after it into "&". If pylibdmtx ever fixes this, this test says so.
    symbol = libdmtx_symbol((GS + "010869950415001621ABCR1U" + GS + "1727053110AB12C").encode(), scheme="C40")

    assert pylibdmtx.decode(symbol)[0].data == b"010869950415001621ABCR1U&727053110AB12C"


def test_libdmtx_path_keeps_binary_bytes_after_a_nul():
    symbol = libdmtx_symbol(b"AB\x00CD\xe7", scheme="Base256", fnc1=False)

    assert [d.text for d in dmtx_read(symbol, 500)] == ["AB\x00CD\xe7"]


def test_libdmtx_outline_is_in_top_down_frame_coordinates():
    symbol = libdmtx_symbol((GS + "0108699504150016211" + GS + "17270531").encode())
    frame = np.full((400, 600), 255, np.uint8)
    frame[40:40 + symbol.shape[0], 300:300 + symbol.shape[1]] = symbol

    [found] = dmtx_read(frame, 500)
    xs, ys = zip(*found.outline)
    assert 300 <= min(xs) and max(xs) <= 300 + symbol.shape[1]
    assert 40 <= min(ys) and max(ys) <= 40 + symbol.shape[0]
    assert found.outline[0][1] < found.outline[3][1]  # top-left above bottom-left


def _real_photos():
    manifest = json.loads((REAL_PHOTOS / "manifest.json").read_text())
    wanted = {"zxcpp-dm5__issue794-12-1.png", "zxcpp-dm5__issue794-13-4.png", "zxcpp-dm5__issue1063.png",
              "zxcpp-dm3__dm-2.png", "zxcpp-dm2__16.png", "zxcpp-dm3__dm-c.png"}
    return [(item["file"], item["expected"]) for item in manifest["items"] if item["file"] in wanted]


@pytest.mark.parametrize("name, expected", _real_photos())
def test_real_photo_decodes_to_its_expected_text(name, expected):
    photo = cv2.imread(str(REAL_PHOTOS / name), cv2.IMREAD_GRAYSCALE)

    assert decode_frame(photo) == [expected]


def test_real_photo_set_is_all_there():
    assert len(_real_photos()) == 6


def test_decoder_status_names_both_decoders():
    status = decoder_status()

    assert status["zxing_cpp"][0].isdigit()
    assert status["libdmtx"][0].isdigit()


def test_libdmtx_reads_the_low_contrast_symbol_zxing_cpp_only_located(monkeypatch):
    # The crop budget is wall-clock time; a loaded test machine must not make libdmtx
    # give up here (its speed is the benchmark's business, not this test's).
    monkeypatch.setattr(camera, "DMTX_CROP_TIMEOUT_MS", 2000)
    # A frame from ../shared/tools/decode-bench (gen --seed 1234, frame_0106): contrast 36
    # grey levels, JPEG; zxing-cpp finds the symbol but its reading fails the checksum.
    frame = cv2.imread(str(Path(__file__).resolve().parents[1] / "data" / "camera" / "low-contrast-karekod-720p.jpg"))
    zxing_alone = zxingcpp.read_barcodes(frame, formats=zxingcpp.BarcodeFormat.DataMatrix)

    [found] = detect_codes(frame)

    assert zxing_alone == []
    assert found.decoder == "libdmtx"
    assert found.text == "01086936514839682133" + GS + "17270608102ZUO6XQZOR"
    assert np.allclose(np.array(found.outline).mean(axis=0), (230, 129), atol=8)
