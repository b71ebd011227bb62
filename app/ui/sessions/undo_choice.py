"""Which cancellation to undo, when a session has several standing (the clients of a group who
cancelled at different times): each with its clients, who cancelled and when; the latest chosen."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QVBoxLayout, QWidget

from app.i18n import when_text
from app.services.schedule.details import CancellationInfo
from app.ui.i18n import tr
from app.ui.schedule.details_html import WHO
from app.ui.screen_fit import open_size


def choice_text(c: CancellationInfo, tz: ZoneInfo) -> str:
    """ "Jo Bloggs — client cancellation, advised Mon 02 Mar 2026 09:14 (Illness)"."""
    names = ", ".join(line.client_name for line in c.lines) or tr("undo", "the whole session")
    return tr("undo", "{clients} — {who} cancellation, advised {when} ({reason})").format(
        clients=names,
        who=tr("details", WHO.get(c.cancelled_by, c.cancelled_by.title())).lower(),
        when=when_text(c.advised_at.astimezone(tz), "%a %d %b %Y %H:%M"),
        reason=c.reason,
    )


class WhichCancellationDialog(QDialog):
    """Choose one of the session's standing cancellations; **Next** opens its undo."""

    def __init__(
        self, standing: Sequence[CancellationInfo], tz: ZoneInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.standing = tuple(standing)
        self.setWindowTitle(tr("undo", "Undo cancellation"))
        self._build_ui(tz)
        self._connect_signals()
        # Wide enough for its longest line and tall enough for its rows, within the screen.
        frame = 2 * self.list.frameWidth()
        self.list.setFixedHeight(
            self.list.sizeHintForRow(0) * min(10, max(3, len(self.standing))) + frame
        )
        wide = self.list.sizeHintForColumn(0) + frame + 24
        margins = self.layout_.contentsMargins()
        open_size(self, max(420, wide + margins.left() + margins.right()), self.sizeHint().height())

    def _build_ui(self, tz: ZoneInfo) -> None:
        self.layout_ = layout = QVBoxLayout(self)
        intro = QLabel(
            tr("undo", "This session has {n} cancellations standing. Which one is to be undone?")
            .format(n=len(self.standing)),
            self,
        )  # fmt: skip
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        self.list.setAccessibleName(tr("undo", "Cancellations"))
        self.list.addItems([choice_text(c, tz) for c in self.standing])
        self.list.setCurrentRow(len(self.standing) - 1)  # the latest, as a single one would be
        intro.setBuddy(self.list)
        layout.addWidget(self.list)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("undo", "&Next"))
        layout.addWidget(self.buttons)

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())

    def chosen(self) -> CancellationInfo:
        """The cancellation picked (the latest unless another row was chosen)."""
        return self.standing[max(0, self.list.currentRow())]
