"""The PySide6 workstation. Importing it first applies the Qt binding work-arounds
(see qt_compat.py)."""

from pharmadesk.ui import qt_compat  # noqa: F401 - applied on import
