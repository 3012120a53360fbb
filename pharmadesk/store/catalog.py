"""What the pharmacy knows besides its queue: product names and the batches seen per
GTIN, partners (GLN → name), and plain settings. The ITS password is never stored here."""

from __future__ import annotations

from pharmadesk.store.database import Database
from pharmadesk.store.postgres import station_name

# Settings that belong to the computer (see Catalog._station_key).
STATION_SETTINGS = ("scanner.", "ui.")


def station_key(key: str) -> str | None:
    """Where a shared database keeps this computer's own value of `key`; None for a
    setting every station shares."""
    return f"station/{station_name()}/{key}" if key.startswith(STATION_SETTINGS) else None


class Catalog(Database):
    """Products, partners and settings (mixed into `pharmadesk.store.Store`)."""

    def product(self, gtin: str) -> dict | None:
        """{"gtin", "name", "batches": [{"batch", "expiry", "first_seen"}, ...]} or None."""
        row = self.read_one("SELECT * FROM products WHERE gtin = ?", [gtin])
        if row is None:
            return None
        row["batches"] = self.read("SELECT batch, expiry, first_seen FROM product_batches "
                                   "WHERE gtin = ? ORDER BY first_seen, batch", [gtin])
        return row

    def products(self) -> list[dict]:
        return self.read("SELECT * FROM products ORDER BY gtin")

    def set_product_name(self, gtin: str, name: str) -> None:
        with self.write() as conn:
            conn.execute("INSERT INTO products (gtin, name) VALUES (?, ?) "
                         "ON CONFLICT (gtin) DO UPDATE SET name = excluded.name", [gtin, name])

    def partner(self, gln: str) -> dict | None:
        return self.read_one("SELECT * FROM partners WHERE gln = ?", [gln])

    def partners(self, kind: str | None = None) -> list[dict]:
        if kind is None:
            return self.read("SELECT * FROM partners ORDER BY name")
        return self.read("SELECT * FROM partners WHERE kind = ? ORDER BY name", [kind])

    def save_partner(self, gln: str, name: str, kind: str | None = None) -> None:
        with self.write() as conn:
            conn.execute("INSERT INTO partners (gln, name, kind) VALUES (?, ?, ?) "
                         "ON CONFLICT (gln) DO UPDATE SET name = excluded.name, "
                         "kind = COALESCE(excluded.kind, partners.kind)", [gln, name, kind])

    def forget_partner(self, gln: str) -> None:
        with self.write() as conn:
            conn.execute("DELETE FROM partners WHERE gln = ?", [gln])

    def setting(self, key: str, default: str | None = None) -> str | None:
        own = self._station_key(key)
        value = self.scalar("SELECT value FROM settings WHERE key = ?", [own]) if own else None
        if value is None:  # the station's own, else the one every station shares
            value = self.scalar("SELECT value FROM settings WHERE key = ?", [key])
        return default if value is None else value

    def _station_key(self, key: str) -> str | None:
        """Settings of the computer rather than of the pharmacy (its scanners, its language,
        sounds and automatic sync): on a database several stations share, each station
        keeps its own, under "station/NAME/KEY". None for a shared setting."""
        return station_key(key) if self.engine == "postgresql" else None

    def settings(self) -> dict[str, str]:
        return {row["key"]: row["value"] for row in self.read("SELECT key, value FROM settings")}

    def set_setting(self, key: str, value: str | None) -> None:
        key = self._station_key(key) or key
        with self.write() as conn:
            if value is None:
                conn.execute("DELETE FROM settings WHERE key = ?", [key])
            else:
                conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value", [key, value])

