"""The webcam scanner: capture frames, decode only the newest, report each code once while it stays in view.

A source is a camera index, a video file or a folder of images (the last two for demos and
tests; they play at their frame rate, as a camera would deliver them).
"""
from __future__ import annotations

import contextlib
import threading
import time
from pathlib import Path
from typing import Callable, Collection

import cv2
import numpy as np

from scanners.camera import Detection, detect_codes

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp"}
FOLDER_FPS = 10.0
# A live camera that stops delivering (unplugged, taken by another program) is reopened.
REOPEN_DELAY_S = 1.0


class CameraError(OSError):
    """The source cannot be opened; the message is Turkish first, then English."""


class CameraScanner:
    """Reads karekods from a camera, a video file or an image folder on two threads.

    on_scan(raw) is called once per code brought into view (the same code held there is
    not reported again until it has been out of view for `forget_after` seconds).
    on_frame(frame, detections) is called for every decoded frame, for a preview that
    draws each detection's outline. Both are called on the decoding thread.
    """

    def __init__(self, source: int | str | Path, on_scan: Callable[[str], None],
                 on_frame: Callable[[np.ndarray, list[Detection]], None] | None = None, *,
                 forget_after: float = 1.5, decode: Callable[[np.ndarray], list[Detection]] = detect_codes):
        self._source = source
        self._on_scan = on_scan
        self._on_frame = on_frame
        self._decode = decode
        self._debounce = Debouncer(forget_after)
        self._newest = _NewestFrame()
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        self.frames_captured = 0
        self.frames_decoded = 0

    def start(self) -> None:
        """Open the source (CameraError if it cannot be) and start capturing and decoding."""
        frames = open_source(self._source)
        self._threads = [
            threading.Thread(target=self._capture, args=(frames,), name="camera-capture", daemon=True),
            threading.Thread(target=self._decode_newest, name="camera-decode", daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self._newest.close()
        self.wait()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until a file or folder source has played out; True when both threads ended."""
        deadline = None if timeout is None else time.monotonic() + timeout
        for thread in self._threads:
            thread.join(None if deadline is None else max(0.0, deadline - time.monotonic()))
        return not any(thread.is_alive() for thread in self._threads)

    @property
    def frames_dropped(self) -> int:
        return self.frames_captured - self.frames_decoded

    def _capture(self, frames: "_FrameSource") -> None:
        try:
            while not self._stopping.is_set():
                frame = frames.next_frame(self._stopping)
                if frame is None:
                    break
                self.frames_captured += 1
                self._newest.put(frame)
        finally:
            frames.close()
            self._newest.close()

    def _decode_newest(self) -> None:
        while (frame := self._newest.take()) is not None:
            detections = self._decode(frame)
            self.frames_decoded += 1
            if self._on_frame is not None:
                self._on_frame(frame, detections)
            for text in self._debounce.new_codes([d.text for d in detections], time.monotonic()):
                self._on_scan(text)


class Debouncer:
    """Turns per-frame sightings into scans: a code counts again only after it was gone a while."""

    def __init__(self, forget_after: float):
        self._forget_after = forget_after
        self._last_seen: dict[str, float] = {}

    def new_codes(self, texts: list[str], now: float) -> list[str]:
        fresh = [t for t in texts if now - self._last_seen.get(t, -np.inf) > self._forget_after]
        for text in texts:
            self._last_seen[text] = now
        self._last_seen = {t: seen for t, seen in self._last_seen.items() if now - seen <= self._forget_after}
        return fresh


class _NewestFrame:
    """A one-frame mailbox: a new frame replaces one not yet decoded (stale frames are dropped)."""

    def __init__(self):
        self._ready = threading.Condition()
        self._frame: np.ndarray | None = None
        self._closed = False

    def put(self, frame: np.ndarray) -> None:
        with self._ready:
            self._frame = frame
            self._ready.notify()

    def take(self) -> np.ndarray | None:
        """The newest undecoded frame; None once closed and empty."""
        with self._ready:
            while self._frame is None and not self._closed:
                self._ready.wait()
            frame, self._frame = self._frame, None
            return frame

    def close(self) -> None:
        with self._ready:
            self._closed = True
            self._ready.notify_all()


class _FrameSource:
    def next_frame(self, stopping: threading.Event) -> np.ndarray | None:
        raise NotImplementedError

    def close(self) -> None:
        pass


class _LiveCamera(_FrameSource):
    def __init__(self, index: int):
        self._index = index
        self._capture = _open_capture(index)

    def next_frame(self, stopping):
        while not stopping.is_set():
            ok, frame = self._capture.read()
            if ok:
                return frame
            self._capture.release()
            stopping.wait(REOPEN_DELAY_S)
            self._capture = cv2.VideoCapture(self._index)
        return None

    def close(self):
        self._capture.release()


class _PacedFrames(_FrameSource):
    """Frames from a file or folder, handed out at `fps` like a camera would."""

    def __init__(self, fps: float):
        self._interval = 1.0 / fps
        self._due = time.monotonic()

    def next_frame(self, stopping):
        if stopping.wait(max(0.0, self._due - time.monotonic())):
            return None
        self._due = max(self._due + self._interval, time.monotonic() - self._interval)
        return self._read()

    def _read(self) -> np.ndarray | None:
        raise NotImplementedError


class _VideoFile(_PacedFrames):
    def __init__(self, path: Path):
        capture = _open_capture(str(path))
        super().__init__(capture.get(cv2.CAP_PROP_FPS) or FOLDER_FPS)
        self._capture = capture

    def _read(self):
        ok, frame = self._capture.read()
        return frame if ok else None

    def close(self):
        self._capture.release()


class _ImageFolder(_PacedFrames):
    def __init__(self, folder: Path, fps: float = FOLDER_FPS):
        super().__init__(fps)
        self._paths = iter(sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES))

    def _read(self):
        for path in self._paths:
            frame = cv2.imread(str(path), cv2.IMREAD_COLOR)
            if frame is not None:
                return frame
        return None


def open_source(source: int | str | Path) -> _FrameSource:
    """A camera index, a video file or a folder of images, opened (CameraError if not)."""
    if isinstance(source, int) or (isinstance(source, str) and source.isdigit()):
        return _LiveCamera(int(source))
    path = Path(source)
    if path.is_dir():
        return _ImageFolder(path)
    if not path.is_file():
        raise CameraError(f"Kamera kaynağı bulunamadı: {path} / Camera source not found: {path}")
    return _VideoFile(path)


def _open_capture(source: int | str) -> cv2.VideoCapture:
    capture = cv2.VideoCapture(source)
    if not capture.isOpened():
        capture.release()
        raise CameraError(f"Kamera açılamadı: {source} / Camera could not be opened: {source}")
    return capture


@contextlib.contextmanager
def _quiet_opencv():
    """OpenCV logs a warning for every camera index it cannot open; a listing expects that."""
    level = cv2.utils.logging.getLogLevel()
    cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)
    try:
        yield
    finally:
        cv2.utils.logging.setLogLevel(level)


def camera_gives_picture(index: int) -> bool:
    """Opens camera `index`, reads one frame and lets go: slow (a second or more for a
    camera that is there), and it takes the camera from whoever holds it meanwhile."""
    with _quiet_opencv():
        capture = cv2.VideoCapture(index)
        try:
            return capture.isOpened() and capture.read()[0]
        finally:
            capture.release()


def list_cameras(max_index: int = 4, *, skip: Collection[int] = ()) -> list[int]:
    """Camera indices below max_index that open and deliver a frame (`pharmadesk doctor`,
    Settings → Scanners). Indices in `skip` — a camera this program is reading — are
    never opened, so the running camera keeps its picture."""
    return [index for index in range(max_index) if index not in skip and camera_gives_picture(index)]


def probe_source(source: int | str | Path, timeout: float = 5.0) -> tuple[int, int]:
    """Opens a camera source (index, video file or image folder) and reads one frame:
    its (width, height). Raises CameraError when it cannot be opened or gives no frame."""
    stopping = threading.Event()
    timer = threading.Timer(timeout, stopping.set)
    with _quiet_opencv():
        frames = open_source(source)
        try:
            timer.start()
            frame = frames.next_frame(stopping)
        finally:
            timer.cancel()
            frames.close()
    if frame is None:
        raise CameraError(f"Kameradan görüntü gelmedi: {source} / "
                          f"The camera gave no picture: {source}")
    return frame.shape[1], frame.shape[0]
