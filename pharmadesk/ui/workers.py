"""The one bridge between the GUI thread and background work (Anki's QueryOp, Picard's
run_task): a function runs on a pool thread, its result or error comes back to the GUI
thread as a Qt signal. Long jobs get progress and a stop flag (Spyder's search thread).

    run_in_background(fetch, on_success=show, on_failure=complain)

Tests swap the pool for `run_synchronously()` so a job finishes before the call returns.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

_pool_override: list[bool] = []


class Job(QObject):
    """A background job's voice on the GUI thread. The function it runs receives the job
    and may call `job.progress(done, total, text)` and check `job.stop_requested`."""

    sig_progress = Signal(int, int, str)
    sig_update = Signal(object)  # any progress object the function reports (e.g. SyncProgress)
    sig_succeeded = Signal(object)
    sig_failed = Signal(object)  # the exception
    sig_finished = Signal()

    # Emitted on the worker thread; connected to slots of this GUI-thread object, so Qt
    # queues them and the public signals above always fire on the GUI thread.
    _sig_progress_posted = Signal(int, int, str)
    _sig_update_posted = Signal(object)
    _sig_outcome_posted = Signal(int, object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._stop = threading.Event()
        self.running = False
        self._sig_progress_posted.connect(self._deliver_progress)
        self._sig_update_posted.connect(self._deliver_update)
        self._sig_outcome_posted.connect(self._deliver_outcome)

    @property
    def stop_requested(self) -> bool:
        return self._stop.is_set()

    @Slot()
    def request_stop(self) -> None:
        """The user pressed Cancel: the job stops at its next check."""
        self._stop.set()

    def progress(self, done: int, total: int, text: str = "") -> None:
        self._sig_progress_posted.emit(done, total, text)

    def update(self, value: object) -> None:
        """Report a progress object from the worker thread (arrives as `sig_update`)."""
        self._sig_update_posted.emit((value,))

    @Slot(object)
    def _deliver_update(self, boxed: object) -> None:
        self.sig_update.emit(boxed[0])

    @Slot(int, int, str)
    def _deliver_progress(self, done: int, total: int, text: str) -> None:
        self.sig_progress.emit(done, total, text)

    @Slot(int, object)
    def _deliver_outcome(self, succeeded: bool, boxed: object) -> None:
        value = boxed[0]
        self.running = False
        (self.sig_succeeded if succeeded else self.sig_failed).emit(value)
        self.sig_finished.emit()


class _Runnable(QRunnable):
    def __init__(self, job: Job, function: Callable[[Job], Any]):
        super().__init__()
        self._job = job
        self._function = function

    def run(self) -> None:
        _execute(self._job, self._function)


def _execute(job: Job, function: Callable[[Job], Any]) -> None:
    try:
        result = function(job)
    except Exception as error:  # handed to the GUI thread, which decides what to tell the user
        error.traceback_text = traceback.format_exc()
        outcome = (0, (error,))
    else:
        outcome = (1, (result,))
    try:
        job._sig_outcome_posted.emit(*outcome)
    except RuntimeError:
        pass  # the window that wanted the answer has closed meanwhile


def start_job(function: Callable[[Job], Any], *, on_success: Callable[[Any], None] | None = None,
              on_failure: Callable[[Exception], None] | None = None,
              on_progress: Callable[[int, int, str], None] | None = None,
              parent: QObject | None = None, pool: QThreadPool | None = None,
              on_finished: Callable[[], None] | None = None) -> Job:
    """Run `function(job)` off the GUI thread; the callbacks run on the GUI thread.
    `parent` keeps the job alive (and its signals delivered) for as long as the caller."""
    job = Job(parent)
    if on_success is not None:
        job.sig_succeeded.connect(on_success)
    if on_failure is not None:
        job.sig_failed.connect(on_failure)
    if on_progress is not None:
        job.sig_progress.connect(on_progress)
    if on_finished is not None:
        job.sig_finished.connect(on_finished)
    if parent is None:
        # Without a parent nothing would keep the Python object alive until it finishes.
        _orphans.add(job)
        job.sig_finished.connect(lambda: _orphans.discard(job))
    job.running = True
    if _pool_override:
        _execute(job, function)
    else:
        (pool or QThreadPool.globalInstance()).start(_Runnable(job, function))
    return job


_orphans: set[Job] = set()


def run_in_background(function: Callable[[], Any], *, on_success: Callable[[Any], None] | None = None,
                      on_failure: Callable[[Exception], None] | None = None,
                      parent: QObject | None = None) -> Job:
    """The short form for work that needs neither progress nor cancel."""
    return start_job(lambda job: function(), on_success=on_success, on_failure=on_failure,
                     parent=parent)


class run_synchronously:
    """Context manager for tests: jobs started inside run on the calling thread."""

    def __enter__(self):
        _pool_override.append(True)
        return self

    def __exit__(self, *exc_info) -> None:
        _pool_override.pop()


def wait_for_all(timeout_ms: int = 30000) -> bool:
    """Block until every background job has finished (used when the window closes)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)


class ScanWriter(QObject):
    """Commits scans one after the other on a thread of its own, with its own database
    connection: while a sync writes a 10,000-box answer (one transaction), a scan waits
    for the disk there, not on the GUI thread. The row is drawn when the scan is
    committed, as always; the window never freezes meanwhile."""

    def __init__(self, store_path, parent: QObject | None = None):
        super().__init__(parent)
        self._path = store_path
        self._store = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one writer: scans are committed in the order they came
        self.pending = 0

    def submit(self, function: Callable[[Any], Any], on_done: Callable[[Any], None],
               on_failed: Callable[[Exception], None]) -> None:
        """Run `function(store)` on the writer thread; `on_done(result)` or
        `on_failed(error)` then runs on the GUI thread."""
        def work(_job):
            if self._store is None:
                from pharmadesk.store import Store

                self._store = Store(self._path)
            return function(self._store)

        jobs: list[Job] = []

        def finished() -> None:
            self.pending -= 1
            if jobs:
                jobs[0].deleteLater()

        self.pending += 1
        jobs.append(start_job(work, on_success=on_done, on_failure=on_failed, on_finished=finished,
                              parent=self, pool=self._pool))

    def close(self) -> None:
        self._pool.waitForDone(30000)
        if self._store is not None:
            self._store.close()
            self._store = None


# ---- other stations' changes --------------------------------------------------------

class ChangeWatcher(QObject):
    """Waits on the store's change feed (`Store.change_feed()`) on a thread of its own,
    so the GUI thread never waits on the database server: `sig_changed` when another
    connection committed something, `sig_reachable(bool)` when the server stops or starts
    answering. The feed is opened on that thread (connecting may take a moment) and
    closed there when `stop()` is asked (within WAIT_S)."""

    sig_changed = Signal()
    sig_reachable = Signal(bool)

    WAIT_S = 0.5

    def __init__(self, open_feed: Callable[[], Any], parent: QObject | None = None):
        super().__init__(parent)
        self._open_feed = open_feed
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="pharmadesk-changes", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        from pharmadesk.store import StoreError
        from pharmadesk.store.errors import DATABASE_ERRORS

        feed, reachable = None, None
        try:
            while not self._stop.is_set():
                if feed is None:
                    try:
                        feed = self._open_feed()
                    except (StoreError, *DATABASE_ERRORS):
                        self._stop.wait(self.WAIT_S)
                        continue
                changed = feed.wait(self.WAIT_S)
                if feed.reachable is not None and feed.reachable != reachable:
                    reachable = feed.reachable
                    self._emit(self.sig_reachable, reachable)
                if changed:
                    self._emit(self.sig_changed)
        finally:
            if feed is not None:
                feed.close()

    def _emit(self, signal, *args) -> None:
        try:
            signal.emit(*args)  # queued to the GUI thread, where this object lives
        except RuntimeError:
            self._stop.set()  # the window has gone


# ---- scanners on their own threads ------------------------------------------------------

class SerialBridge(QObject):
    """A serial (COM) scanner read on its own thread (`scanners.serial.SerialScanner`);
    every scan and state change arrives on the GUI thread as a signal."""

    sig_scan = Signal(str)
    sig_state = Signal(str)  # "connected" | "waiting" | "stopped"

    def __init__(self, port: str, *, baudrate: int = 9600, parent: QObject | None = None, **options):
        super().__init__(parent)
        from scanners.serial import SerialScanner

        self.port = port
        # Emitting a signal from the reader thread is safe; Qt queues it to the GUI thread.
        self.scanner = SerialScanner(port, self.sig_scan.emit, baudrate=baudrate,
                                     on_state=self.sig_state.emit, **options)

    def start(self) -> None:
        self.scanner.start()

    def stop(self) -> None:
        self.scanner.stop()

    @property
    def last_error(self) -> str | None:
        return self.scanner.last_error


class CameraBridge(QObject):
    """A webcam (or video file, or image folder) decoded on its own threads
    (`scanners.camera_capture.CameraScanner`). Scans arrive as `sig_scan`; preview frames,
    with every detected code outlined, as `sig_frame(QImage)` — at most one waiting at a
    time, so a slow GUI never piles frames up."""

    sig_scan = Signal(str)
    sig_frame = Signal(object)  # QImage
    sig_failed = Signal(str)

    OUTLINE = "#1e8e3e"

    def __init__(self, source, *, parent: QObject | None = None, forget_after: float = 1.5):
        super().__init__(parent)
        from scanners.camera_capture import CameraScanner

        self.source = source
        self._frame_waiting = threading.Event()
        self.frames_shown = 0
        self.scanner = CameraScanner(source, self.sig_scan.emit, self._frame, forget_after=forget_after)

    def start(self) -> None:
        """Open the source (CameraError when it cannot be) and start decoding."""
        self.scanner.start()

    def stop(self) -> None:
        self.scanner.stop()

    def frame_shown(self) -> None:
        """The preview drew the last frame: the next one may come."""
        self.frames_shown += 1
        self._frame_waiting.clear()

    def _frame(self, frame, detections) -> None:
        """On the decoding thread: the frame as a QImage with the codes outlined."""
        if self._frame_waiting.is_set():
            return
        from PySide6.QtCore import QPointF
        from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPolygonF

        import numpy as np

        if frame.ndim == 2:
            frame = np.dstack([frame] * 3)
        height, width = frame.shape[:2]
        rgb = np.ascontiguousarray(frame[:, :, 2::-1])
        image = QImage(rgb.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()
        if detections:
            painter = QPainter(image)
            pen = QPen(QColor(self.OUTLINE))
            pen.setWidth(max(4, width // 90))
            painter.setPen(pen)
            for detection in detections:
                painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in detection.outline]))
            painter.end()
        self._frame_waiting.set()
        self.sig_frame.emit(image)
