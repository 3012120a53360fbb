# PyInstaller runtime hook (Linux): pylibdmtx looks libdmtx up with ctypes.util.find_library,
# which searches the system, not the bundle. Answer with the copy shipped in the bundle.
import ctypes.util
import os
import sys

_bundled = os.path.join(sys._MEIPASS, "libdmtx.so.0")
_find_library = ctypes.util.find_library


def _find_bundled_first(name):
    if name == "dmtx" and os.path.exists(_bundled):
        return _bundled
    return _find_library(name)


ctypes.util.find_library = _find_bundled_first
