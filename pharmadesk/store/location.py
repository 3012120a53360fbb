"""Where a station's database is (`store.url`). The default is the SQLite file in the data
folder. A station that shares a PostgreSQL server with others keeps the server's address
in the data folder's `station.json` (it cannot live in the database it points to), or is
given it by PHARMADESK_STORE_URL. Never a password: see `postgres.store_password`."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path

from pharmadesk.store.database import DATABASE_NAME
from pharmadesk.store.postgres import PgAddress, StoreAddressError, parse_address

STORE_URL_SETTING = "store.url"
STORE_URL_ENV = "PHARMADESK_STORE_URL"
STATION_FILE = "station.json"


class StoreLocationError(StoreAddressError):
    """The station's `store.url` cannot be used (Turkish and English, like ConfigError)."""


def store_url(data_dir: str | os.PathLike, environ: Mapping[str, str] | None = None) -> str | None:
    """The station's `store.url` as given (PHARMADESK_STORE_URL wins), None for the
    SQLite file."""
    environ = os.environ if environ is None else environ
    if environ.get(STORE_URL_ENV):
        return environ[STORE_URL_ENV]
    try:
        text = (Path(data_dir) / STATION_FILE).read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):  # no such file, or no such folder: the SQLite file's
        return None  # own checks then say what is wrong with the folder
    except OSError as error:
        raise StoreLocationError(f"{STATION_FILE} okunamadı: {error}", f"Cannot read {STATION_FILE}: {error}") from error
    try:
        return json.loads(text).get(STORE_URL_SETTING) or None
    except (ValueError, AttributeError):
        raise StoreLocationError(f"{Path(data_dir) / STATION_FILE} bozuk (JSON değil).",
                                 f"{Path(data_dir) / STATION_FILE} is damaged (not JSON).") from None


def location_of(data_dir: str | os.PathLike, environ: Mapping[str, str] | None = None) -> Path | PgAddress:
    """The SQLite file, or the shared server's address."""
    url = store_url(data_dir, environ)
    if not url or url in ("sqlite", DATABASE_NAME):
        return Path(data_dir) / DATABASE_NAME
    try:
        return parse_address(url)
    except StoreAddressError as error:
        raise StoreLocationError(error.message_tr, error.message_en) from None


def set_store_url(data_dir: str | os.PathLike, url: str | None) -> str | None:
    """Keep `url` as the station's store.url (None or "sqlite": back to the SQLite file);
    returns the address as kept (checked, without a password)."""
    kept = None
    if url and url != "sqlite":
        try:
            kept = str(parse_address(url))
        except StoreAddressError as error:
            raise StoreLocationError(error.message_tr, error.message_en) from None
    folder = Path(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / STATION_FILE
    try:
        settings = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except ValueError:
        settings = {}
    if kept:
        settings[STORE_URL_SETTING] = kept
    else:
        settings.pop(STORE_URL_SETTING, None)
    partial = path.with_name(path.name + ".new")
    partial.write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")
    os.replace(partial, path)
    return kept
