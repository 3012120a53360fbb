"""The Settings dialog's "Refresh code texts from ITS" row: fetches ITS's own texts of its
result codes off the GUI thread (pharmadesk/its/code_texts.py) and says from when the texts
in use are."""

from __future__ import annotations

import json
from datetime import datetime

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from pharmadesk import config as settings
from pharmadesk.its import code_texts
from pharmadesk.its.errors import ItsError
from pharmadesk.its.rest_services import ITS2
from pharmadesk.sync import client_from_config
from pharmadesk.ui import workers


def refresh_from_its(station) -> code_texts.Refreshed:
    """Fetch the code list with the station's saved account (runs on a pool thread)."""
    config = station.config
    username = config.get("its.username")
    password = settings.get_password(username or "")
    if not username or not config.get("its.gln") or not password:
        raise settings.ConfigError("Önce ITS hesabını kaydedin (GLN, kullanıcı adı, şifre).",
                                   "Save the ITS account first (GLN, user name, password).")
    client = client_from_config(station.store, config, password, protocol=ITS2)
    try:
        return code_texts.refresh(station.store, client)
    finally:
        client.close()


class CodeRefresh(QWidget):
    def __init__(self, station, parent: QWidget | None = None):
        super().__init__(parent)
        self.station = station
        self.button = QPushButton(self)
        self.button.clicked.connect(self.refresh)
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addStretch(1)
        layout = QVBoxLayout(self)  # the state under the button, like the other fields' notes
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.state)
        self._said: str | None = None  # the last refresh's outcome, in both languages
        self._job = None

    def refresh(self) -> None:
        self.button.setEnabled(False)
        self.state.setText(self.tr("Asking ITS for its code list…"))
        self._job = workers.run_in_background(lambda: refresh_from_its(self.station), parent=self,
                                              on_success=self._done, on_failure=self._failed)

    def _done(self, refreshed: code_texts.Refreshed) -> None:
        self.button.setEnabled(True)
        self._said = refreshed
        self.translate_ui()

    def _failed(self, error: Exception) -> None:
        self.button.setEnabled(True)
        self._said = error if isinstance(error, (ItsError, settings.ConfigError)) else None
        self.translate_ui()
        if self._said is None:
            self.state.setText(str(error))

    def translate_ui(self) -> None:
        self.button.setText(self.tr("&Refresh code texts from ITS"))
        if self._said is not None:
            self.state.setText(self._said.message(self.station.lang))
            return
        stored = self.station.store.setting(code_texts.SETTING)
        if stored:
            fetched = datetime.fromisoformat(json.loads(stored)["fetched_at"]).strftime("%d.%m.%Y %H:%M")
            self.state.setText(self.tr("ITS's texts from %1 are in use.").replace("%1", fetched))
        else:
            self.state.setText(self.tr("PharmaDesk's own texts are in use (never refreshed from ITS)."))
