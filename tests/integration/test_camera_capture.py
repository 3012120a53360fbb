"""The capture loop over real sources: an image folder and an MJPG video written with OpenCV,
played at their frame rate through the real decoder, reporting each code once."""
import threading
from pathlib import Path

import cv2
import numpy as np
import pytest
import zxingcpp

from scanners.camera import detect_codes
from scanners.camera_capture import CameraError, CameraScanner, list_cameras, probe_source

GS = "\x1d"
BOX_A = "0108699504150016217T2K9QX41" + GS + "1727053110B2405A"
BOX_B = "010868000120001321100000000042" + GS + "1726113010L7"
HRI = {BOX_A: "(01)08699504150016(21)7T2K9QX41(17)270531(10)B2405A",
       BOX_B: "(01)08680001200013(21)100000000042(17)261130(10)L7"}


def frame_showing(text: str | None, shift: int = 0) -> np.ndarray:
    """A 640x480 BGR frame of a box face, with the karekod (or a plain text code) on it."""
    frame = np.full((480, 640), 205, np.uint8)
    cv2.putText(frame, "ILAC 20 tablet", (40, 440), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 50, 2)
    if text is not None:
        barcode = zxingcpp.create_barcode(HRI.get(text, text), zxingcpp.BarcodeFormat.DataMatrix,
                                          gs1=text in HRI, forceSquare=True)
        symbol = np.asarray(zxingcpp.write_barcode_to_image(barcode, scale=5))
        y, x = 120 + shift % 40, 220 + shift % 60
        frame[y:y + symbol.shape[0], x:x + symbol.shape[1]] = symbol
    return cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)


# At 10 frames/s: A held for 0.5 s, 1.0 s of nothing, A again, then B straight after it.
SCENE = [BOX_A] * 5 + [None] * 10 + [BOX_A] * 4 + [BOX_B] * 4


class Recorder:
    def __init__(self):
        self.scans: list[str] = []
        self.frames: list[list] = []
        self.lock = threading.Lock()

    def on_scan(self, raw):
        with self.lock:
            self.scans.append(raw)

    def on_frame(self, frame, detections):
        with self.lock:
            self.frames.append(detections)


def play(source, forget_after=0.5, **kwargs) -> tuple[Recorder, CameraScanner]:
    recorder = Recorder()
    scanner = CameraScanner(source, recorder.on_scan, recorder.on_frame, forget_after=forget_after, **kwargs)
    scanner.start()
    assert scanner.wait(timeout=30)
    return recorder, scanner


def write_video(path: Path, frames: list[np.ndarray], fps: float) -> Path:
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, (640, 480))
    assert writer.isOpened()
    for frame in frames:
        writer.write(frame)
    writer.release()
    return path


def test_image_folder_reports_each_code_once_per_appearance(tmp_path):
    for i, text in enumerate(SCENE):
        cv2.imwrite(str(tmp_path / f"frame_{i:03d}.png"), frame_showing(text, shift=i))

    recorder, _ = play(tmp_path)

    assert recorder.scans == [BOX_A, BOX_A, BOX_B]


def test_video_file_reports_each_code_once_with_its_outline(tmp_path):
    video = write_video(tmp_path / "counter.avi", [frame_showing(t, shift=i) for i, t in enumerate(SCENE)], fps=10)

    recorder, _ = play(video)

    assert recorder.scans == [BOX_A, BOX_A, BOX_B]
    seen = [d for detections in recorder.frames for d in detections]
    assert {d.text for d in seen} == {BOX_A, BOX_B}
    for detection in seen:
        corners = np.array(detection.outline)
        assert corners.shape == (4, 2)
        assert corners[:, 0].min() >= 215 and corners[:, 0].max() <= 220 + 60 + 150
        assert corners[:, 1].min() >= 115 and corners[:, 1].max() <= 120 + 40 + 150


def test_slow_decoding_skips_stale_frames_and_always_reaches_the_newest(tmp_path):
    frames = [frame_showing(f"KARE-{i:02d}") for i in range(40)]
    video = write_video(tmp_path / "fast.avi", frames, fps=100)

    def slow_decode(frame):
        threading.Event().wait(0.05)
        return detect_codes(frame)

    recorder, scanner = play(video, decode=slow_decode)

    numbers = [int(d.text[5:]) for detections in recorder.frames for d in detections]
    assert scanner.frames_captured == 40
    assert scanner.frames_dropped > 10
    assert numbers == sorted(numbers) and numbers[-1] == 39


def test_stop_ends_a_source_that_is_still_playing(tmp_path):
    video = write_video(tmp_path / "long.avi", [frame_showing(None)] * 200, fps=10)
    scanner = CameraScanner(video, lambda raw: None)
    scanner.start()

    scanner.stop()

    assert scanner.wait(timeout=2)
    assert scanner.frames_captured < 200


def test_missing_source_is_refused_in_turkish_and_english(tmp_path):
    scanner = CameraScanner(tmp_path / "yok.avi", lambda raw: None)

    with pytest.raises(CameraError, match="Kamera kaynağı bulunamadı.*Camera source not found"):
        scanner.start()


def test_list_cameras_finds_only_devices_that_deliver_frames():
    devices = sorted(Path("/dev").glob("video*"))
    cameras = list_cameras(max_index=2)

    if not devices:
        assert cameras == []
    assert all(isinstance(i, int) and 0 <= i < 2 for i in cameras)


def test_probe_source_reads_one_frame_or_says_why_not(tmp_path):
    video = write_video(tmp_path / "box.avi", [frame_showing(BOX_A)] * 3, fps=10)
    assert probe_source(video) == (640, 480)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(CameraError, match="görüntü gelmedi.*gave no picture"):
        probe_source(empty, timeout=2)
    with pytest.raises(CameraError, match="Camera source not found"):
        probe_source(tmp_path / "yok.avi")
