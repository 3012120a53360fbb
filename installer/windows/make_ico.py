"""Draws installer/windows/pharmadesk.ico (the setup program's and the .exe's icon) from
resources/icons/pharmadesk.svg at the sizes Windows asks for. Needs PySide6 and
ImageMagick's `convert`; run it again only when the SVG changes."""

import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[2]
SIZES = (16, 24, 32, 48, 64, 128, 256)


def main() -> int:
    app = QGuiApplication(sys.argv[:1] + ["-platform", "offscreen"])
    renderer = QSvgRenderer(str(ROOT / "resources" / "icons" / "pharmadesk.svg"))
    with tempfile.TemporaryDirectory() as folder:
        pngs = []
        for size in SIZES:
            image = QImage(size, size, QImage.Format.Format_ARGB32)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            renderer.render(painter)
            painter.end()
            png = Path(folder) / f"{size}.png"
            image.save(str(png))
            pngs.append(str(png))
        target = Path(__file__).with_name("pharmadesk.ico")
        subprocess.run(["convert", *pngs, str(target)], check=True)
    del app
    print(f"{target}: {', '.join(map(str, SIZES))} px")
    return 0


if __name__ == "__main__":
    sys.exit(main())
