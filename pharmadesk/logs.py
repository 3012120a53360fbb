"""The log files: logs/ in the data folder, rotated so they never fill the disk, with
anything that looks like a password, and a patient's or doctor's T.C. identity number,
blanked before a line is written."""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
from pathlib import Path

from pharmadesk import __version__
from pharmadesk import config as settings

LOGS_FOLDER = "logs"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5  # pharmadesk.log plus five older files: at most ~6 MB per log
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"
HIDDEN = "***"

_PATTERNS = (
    # SOAP: <Password>…</Password>, <wsse:Password Type="…">…</wsse:Password>, <sifre>…</sifre>
    re.compile(r"(<(?:[\w.-]+:)?(?:password|sifre|şifre)\b[^>]*>)[^<]*", re.IGNORECASE),
    # HTTP basic authentication
    re.compile(r"(authorization['\"]?\s*[:=]\s*['\"]?(?:basic|bearer)\s+)[\w+/=.-]+", re.IGNORECASE),
    # password=…, "password": "…", sifre: …
    re.compile(r"((?:password|passwd|sifre|şifre)['\"]?\s*[:=]\s*['\"]?)[^\s'\"&,;<}]+", re.IGNORECASE),
    # KVKK: a prescription's doctor (DR) and patient (CP) T.C. identity numbers in BELGE
    re.compile(r"(<(?:[\w.-]+:)?(?:DR|CP)\b[^>]*(?<!/)>)[^<]*", re.IGNORECASE),
)

_installed: dict[str, logging.Handler] = {}


class HidingFormatter(logging.Formatter):
    """Formats a line, traceback included, then blanks whatever looks like a password."""

    def format(self, record: logging.LogRecord) -> str:
        return hide_passwords(super().format(record))


def hide_passwords(text: str) -> str:
    for pattern in _PATTERNS:
        text = pattern.sub(lambda match: match.group(1) + HIDDEN, text)
    secret = os.environ.get(settings.PASSWORD_ENV)
    if secret:
        text = text.replace(secret, HIDDEN)
    return text


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
