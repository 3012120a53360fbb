"""The log files: logs/ in the data folder, rotated so they never fill the disk, with
anything that looks like a password blanked before a line is written."""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

from pharmadesk import __version__
from pharmadesk import config as settings
from pharmadesk import masking

LOGS_FOLDER = "logs"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5  # pharmadesk.log plus five older files: at most ~6 MB per log
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"

_installed: dict[str, logging.Handler] = {}


class HidingFormatter(logging.Formatter):
    """Formats a line, traceback included, then blanks whatever looks like a password
    (`pharmadesk.masking`: password elements and pairs, the environment's and the
    keyring's password)."""

    def format(self, record: logging.LogRecord) -> str:
        return masking.mask(super().format(record), (os.environ.get(settings.PASSWORD_ENV),))


def current_file() -> Path | None:
    """The log file this program writes to now (the last one set up), or None."""
    handlers = list(_installed.values())
    return Path(handlers[-1].baseFilename) if handlers else None


def setup_logging(data_dir: str | os.PathLike, name: str = "pharmadesk") -> Path | None:
    """Send PharmaDesk's log to <data_dir>/logs/<name>.log (rotating). Calling it again
    moves the log; returns the file, or None when the folder cannot be written (the
    program still runs, it just keeps no log)."""
    folder = Path(data_dir) / LOGS_FOLDER
    path = folder / f"{name}.log"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT,
                                                       encoding="utf-8", delay=True)
    except OSError:
        return None
    handler.setLevel(logging.INFO)
    handler.setFormatter(HidingFormatter(FORMAT))
    root = logging.getLogger()
    previous = _installed.pop(name, None)
    if previous is not None:
        root.removeHandler(previous)
        previous.close()
    root.addHandler(handler)
    _installed[name] = handler
    for ours in ("pharmadesk", "scanners"):
        if logging.getLogger(ours).getEffectiveLevel() > logging.INFO:
            logging.getLogger(ours).setLevel(logging.INFO)
    logging.getLogger("pharmadesk").info("PharmaDesk %s: %s", __version__, name)
    return path
