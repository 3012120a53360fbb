"""Training mode: the station is the sandbox pharmacy, its partners and product names
come from the simulator's sandbox world, and ITS is the in-process simulator."""

from __future__ import annotations

from pathlib import Path

from pharmadesk.sim import sandbox as world
from pharmadesk.store import Store

STATION_KIND = "pharmacy"
SIMULATOR_STATE = "simulator-state.json"


def prepare_store(store: Store) -> None:
    """Give a sandbox database its identity, partners and product names (idempotent)."""
    gln = world.STATIONS[STATION_KIND]
    defaults = {"its.stakeholder": STATION_KIND, "its.gln": gln, "its.username": gln + "0000"}
    for key, value in defaults.items():
        if store.setting(key) is None:
            store.set_setting(key, value)
    for party_gln, kind, name in world.PARTIES:
        if party_gln != gln:
            store.save_partner(party_gln, name, kind.value)
    for product in world.load_products():
        store.set_product_name(product.gtin, product.name)


def simulator_state_file(data_dir: Path) -> Path:
    """The sandbox ITS keeps its ledger beside the sandbox database, so boxes received
    yesterday in training are still in stock today."""
    return data_dir / SIMULATOR_STATE
