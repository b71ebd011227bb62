"""Which cancellation to undo, when a session has several standing (the clients of a group who
cancelled at different times): each with its clients, who cancelled and when; one that can't be
undone greyed, with the reason under it; the latest that can be undone chosen."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

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


def _row(c: CancellationInfo, tz: ZoneInfo) -> QListWidgetItem:
    """The cancellation's line; one that can't be undone is greyed, its reason under it."""
    line = choice_text(c, tz)
    item = QListWidgetItem(line)
    if c.undo_blocker:
        why = textwrap.wrap(c.undo_blocker, max(60, len(line)))
        item.setText("\n".join([line, *(f"    {part}" for part in why)]))
        item.setToolTip(c.undo_blocker)
        item.setFlags(item.flags() & ~(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable))
    return item


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
        shown = [self.list.sizeHintForRow(i) for i in range(min(10, len(self.standing)))]
        lacking = max(0, 3 - len(shown))
        self.list.setFixedHeight(sum(shown) + self.list.sizeHintForRow(0) * lacking + frame)
        wide = self.list.sizeHintForColumn(0) + frame + 24
        margins = self.layout_.contentsMargins()
        open_size(self, max(420, wide + margins.left() + margins.right()), self.sizeHint().height())

    def _build_ui(self, tz: ZoneInfo) -> None:
        self.layout_ = layout = QVBoxLayout(self)
        question = tr(
            "undo", "This session has {n} cancellations standing. Which one is to be undone?"
        ).format(n=len(self.standing))
        if any(c.undo_blocker for c in self.standing):
            question += " " + tr("undo", "A greyed one can't be undone; the reason is under it.")
        intro = QLabel(question, self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        self.list.setAccessibleName(tr("undo", "Cancellations"))
        for c in self.standing:
            self.list.addItem(_row(c, tz))
        intro.setBuddy(self.list)
        layout.addWidget(self.list)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.next_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.next_button.setText(tr("undo", "&Next"))
        layout.addWidget(self.buttons)
        # The latest that can be undone, as a single one would be; none: Next stays greyed.
        undoable = [i for i, c in enumerate(self.standing) if not c.undo_blocker]
        self.list.setCurrentRow(undoable[-1] if undoable else -1)
        self._on_list_current_row_changed(self.list.currentRow())

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())

    def _on_list_current_row_changed(self, row: int) -> None:
        self.next_button.setEnabled(row >= 0 and not self.standing[row].undo_blocker)

    def accept(self) -> None:
        """Only a cancellation that can be undone goes on to its undo."""
        if self.next_button.isEnabled():
            super().accept()

    def chosen(self) -> CancellationInfo:
        """The cancellation picked (the latest that can be undone unless another was chosen)."""
        return self.standing[max(0, self.list.currentRow())]
