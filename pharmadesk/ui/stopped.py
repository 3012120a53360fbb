"""The way out of "needs attention": a notification ITS refused as a whole (a mistyped
supplier, 11903) is shown with ITS's reason and its header in the page's own form, to be
corrected and sent again. The sync dialog and the operation page both open it."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from pharmadesk.domain import Operation, Stakeholder
from pharmadesk.its import codes
from pharmadesk.session import Session
from pharmadesk.store import Store, header_of
from pharmadesk.ui.header_form import HeaderForm
from pharmadesk.ui.station import page_name


class CorrectAndResendDialog(QDialog):
    """One stopped notification: ITS's reason, its header to correct; "Send again"
    queues its stopped boxes again with the corrected header (`accepted` after that)."""

    def __init__(self, store: Store, stakeholder: Stakeholder, lang: str, notification: dict,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.stakeholder, self.lang = store, stakeholder, lang
        self.notification = notification
        self.operation = Operation(notification["operation"])
        self.reason = QLabel(self)
        self.reason.setWordWrap(True)
        self.form = HeaderForm(store, stakeholder, self.operation, self)
        self.form.translate_ui(lang)
        self.form.set_header(header_of(notification))
        self.problem = QLabel(self)
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c5221f;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.reason)
        layout.addWidget(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.translate_ui()

    def translate_ui(self) -> None:
        name = page_name(self.operation, self.stakeholder, self.lang)
        self.setWindowTitle(self.tr("Correct and send again: %1 #%2").replace("%1", name)
                            .replace("%2", str(self.notification["id"])))
        fc = self.notification.get("fc") or ""
        why = codes.describe(fc, self.lang).text if fc else (self.notification.get("message") or "")
        self.reason.setText(
            self.tr("ITS refused this notification as a whole (%1 boxes): %2 %3\nCorrect its details "
                    "and send it again, or close this and remove its boxes.")
            .replace("%1", str(self.notification["stopped"])).replace("%2", fc).replace("%3", why))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Send again"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def accept(self) -> None:
        """The corrected header must pass the checks a scan's does; then the stopped boxes
        go back to the queue with it."""
        session = Session(self.store, self.stakeholder, self.operation, self.form.header())
        problem = session.header_problem()
        if problem is not None:
            self.problem.setText(problem.message(self.lang))
            return
        self.store.retry_stopped(self.notification["id"], session.effective_header())
        super().accept()


def stopped_notification(store: Store, item: dict) -> dict | None:
    """The stopped notification a needs-attention box belongs to, or None."""
    return next((n for n in store.stopped_notifications(item["operation"])
                 if n["id"] == item["notification_id"]), None)
