"""The camera panel: a live preview with every detected karekod outlined, and continuous
scanning — each code that comes into view is one scan on the current page. The source is
a webcam, or (for demos and tests) a video file or a folder of images. Capture and
decoding run on the scanner's own threads; the panel only draws the newest frame."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget,
)

from pharmadesk.ui import workers


class CameraPanel(QWidget):
    sig_scan = Signal(str)  # a raw karekod seen by the camera
    sig_state = Signal(str)  # a line for the status bar

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.bridge: workers.CameraBridge | None = None
        self.source_box = QComboBox(self)
        self.source_box.setEditable(True)
        self.source_box.setMinimumContentsLength(18)
        self.browse_button = QPushButton(self)
        self.browse_button.clicked.connect(self._browse)
        self.start_button = QPushButton(self)
        self.start_button.setCheckable(True)
        self.start_button.toggled.connect(self._toggle)
        self.preview = QLabel(self)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(320, 240)
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.preview.setStyleSheet("background: #202124; color: #e8eaed;")
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.last_image: QImage | None = None
        self._status: tuple[str, str] = ("idle", "")  # what the status line says, re-worded on a language switch
        self.scans_seen = 0
        row = QHBoxLayout()
        row.addWidget(self.source_box, 1)
        row.addWidget(self.browse_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.start_button)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.status)
        self.source_box.addItem("0")
        self.translate_ui()

    # ---- source ---------------------------------------------------------------------

    def set_source(self, source: str) -> None:
        self.source_box.setEditText(str(source))

    def source(self):
        text = self.source_box.currentText().strip()
        return int(text) if text.isdigit() else text

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder of images to scan"))
        if folder:
            self.set_source(folder)

    # ---- running --------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.bridge is not None

    def start(self) -> bool:
        if self.bridge is not None:
            return True
        source = self.source()
        bridge = workers.CameraBridge(source, parent=self)
        bridge.sig_frame.connect(self._show_frame)
        bridge.sig_scan.connect(self._scanned)
        try:
            bridge.start()
        except OSError as error:
            bridge.deleteLater()
            self._status = ("failed", str(error))
            self.start_button.blockSignals(True)
            self.start_button.setChecked(False)
            self.start_button.blockSignals(False)
            self.translate_ui()
            return False
        self.bridge = bridge
        self._status = ("scanning", str(source))
        self.start_button.blockSignals(True)
        self.start_button.setChecked(True)
        self.start_button.blockSignals(False)
        self.translate_ui()
        return True

    def stop(self) -> None:
        bridge, self.bridge = self.bridge, None
        if bridge is not None:
            bridge.stop()
            bridge.deleteLater()
            self._status = ("stopped", "")
        self.start_button.blockSignals(True)
        self.start_button.setChecked(False)
        self.start_button.blockSignals(False)
        self.translate_ui()

    def _toggle(self, on: bool) -> None:
        if on:
            self.start()
        else:
            self.stop()

    def _show_frame(self, image: QImage) -> None:
        self.last_image = image
        pixmap = QPixmap.fromImage(image).scaled(self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.FastTransformation)
        self.preview.setPixmap(pixmap)
        if self.bridge is not None:
            self.bridge.frame_shown()

    def _scanned(self, raw: str) -> None:
        self.scans_seen += 1
        self.sig_scan.emit(raw)

    def translate_ui(self) -> None:
        self.browse_button.setText(self.tr("Image folder…"))
        self.source_box.setToolTip(self.tr("Camera number (0, 1, …), a video file or a folder of images"))
        self.start_button.setText(self.tr("Stop camera") if self.running else self.tr("Start camera"))
        if not self.running and self.preview.pixmap().isNull():
            self.preview.setText(self.tr("No picture: press Start camera"))
        kind, detail = self._status
        self.status.setText({
            "idle": self.tr("Each karekod that comes into view is scanned once."),
            "failed": self.tr("The camera cannot be opened: %1").replace("%1", detail),
            "scanning": self.tr("Scanning from %1 — hold a box's karekod in view.").replace("%1", detail),
            "stopped": self.tr("Camera stopped."),
        }[kind])

