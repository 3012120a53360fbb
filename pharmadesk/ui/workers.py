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
    sig_succeeded = Signal(object)
    sig_failed = Signal(object)  # the exception
    sig_finished = Signal()

    # Emitted on the worker thread; connected to slots of this GUI-thread object, so Qt
    # queues them and the public signals above always fire on the GUI thread.
    _sig_progress_posted = Signal(int, int, str)
    _sig_outcome_posted = Signal(bool, object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._stop = threading.Event()
        self.running = False
        self._sig_progress_posted.connect(self._deliver_progress)
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

    @Slot(int, int, str)
    def _deliver_progress(self, done: int, total: int, text: str) -> None:
        self.sig_progress.emit(done, total, text)

    @Slot(bool, object)
    def _deliver_outcome(self, succeeded: bool, value: object) -> None:
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
        job._sig_outcome_posted.emit(False, error)
    else:
        job._sig_outcome_posted.emit(True, result)


def start_job(function: Callable[[Job], Any], *, on_success: Callable[[Any], None] | None = None,
              on_failure: Callable[[Exception], None] | None = None,
              on_progress: Callable[[int, int, str], None] | None = None,
              parent: QObject | None = None) -> Job:
    """Run `function(job)` off the GUI thread; the callbacks run on the GUI thread.
    `parent` keeps the job alive (and its signals delivered) for as long as the caller."""
    job = Job(parent)
    if on_success is not None:
        job.sig_succeeded.connect(on_success)
    if on_failure is not None:
        job.sig_failed.connect(on_failure)
    if on_progress is not None:
        job.sig_progress.connect(on_progress)
    if parent is None:
        # Without a parent nothing would keep the Python object alive until it finishes.
        _orphans.add(job)
        job.sig_finished.connect(lambda: _orphans.discard(job))
    job.running = True
    if _pool_override:
        _execute(job, function)
    else:
        QThreadPool.globalInstance().start(_Runnable(job, function))
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
