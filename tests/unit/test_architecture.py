"""Everything outside pharmadesk/ui/ must work without Qt: a pharmacy's sync service or a
headless hospital station imports these modules with no GUI libraries at all."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Imports every non-UI module in a fresh interpreter where importing PySide6 fails.
_PROBE = r"""
import importlib, pkgutil, sys

class NoQt:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6."):
            raise ImportError("PySide6 is blocked in this test")
        return None

sys.meta_path.insert(0, NoQt())
imported = []
for package_name in ("pharmadesk", "scanners"):
    package = importlib.import_module(package_name)
    for info in pkgutil.walk_packages(package.__path__, package_name + "."):
        if info.name.startswith("pharmadesk.ui") or info.name == "pharmadesk.__main__":
            continue
        importlib.import_module(info.name)
        imported.append(info.name)
print("\n".join(imported))
"""


def test_non_ui_modules_import_without_qt():
    result = subprocess.run(
        [sys.executable, "-c", _PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    imported = result.stdout.split()
    assert "pharmadesk.gs1" in imported
    assert "pharmadesk.domain" in imported
    assert "pharmadesk.cli" in imported


# Imports every simulator module in a fresh interpreter and lists what of the client came along.
_SIM_PROBE = r"""
import importlib, pkgutil, sys
import pharmadesk.sim
for info in pkgutil.walk_packages(pharmadesk.sim.__path__, "pharmadesk.sim."):
    importlib.import_module(info.name)
print("\n".join(sorted(name for name in sys.modules if name == "pharmadesk.its" or name.startswith("pharmadesk.its."))))
"""


def test_simulator_does_not_import_the_its_client():
    """The simulator is the client's test double: if it read the client's catalog it would agree
    with every name the client gets wrong. It reads the wire by its own table (pharmadesk/sim/wire.py)."""
    result = subprocess.run(
        [sys.executable, "-c", _SIM_PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == []
