"""The sessions a bulk cancel may take: their table model, one tick each, and its columns."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from app.i18n import when_text
from app.services.bulk.plan import BulkCandidate
from app.services.vocabulary import format_money
from app.ui.i18n import tr
from app.ui.models.table import Column, DtoTableModel

Index = QModelIndex | QPersistentModelIndex


class CandidateModel(DtoTableModel[BulkCandidate]):
    """The candidate sessions with a check box each; sessions another job holds can't be ticked."""

    def __init__(self, columns: Sequence[Column[BulkCandidate]], parent: Any = None) -> None:
        super().__init__(columns, parent)
        self.ticked: set[int] = set()
        # The sessions the person unticked: still unticked when another range or filter lists
        # them again; a session new to the list comes ticked.
        self.unticked: set[int] = set()

    def set_rows(self, rows: Sequence[BulkCandidate]) -> None:
        self.ticked = {
            r.session_id
            for r in rows
            if r.held_by_job is None and r.session_id not in self.unticked
        }
        super().set_rows(rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.column() == 0 and self.row(index.row()).held_by_job is None:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0:
            row = self.row(index.row())
            return (
                Qt.CheckState.Checked if row.session_id in self.ticked else Qt.CheckState.Unchecked
            )
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        sid = self.row(index.row()).session_id
        checked = (
            Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        )
        (self.ticked.add if checked else self.ticked.discard)(sid)
        (self.unticked.discard if checked else self.unticked.add)(sid)
        self.dataChanged.emit(index, index, [role])
        return True

    def set_all(self, on: bool) -> None:
        self.beginResetModel()
        listed = {r.session_id for r in self.rows() if r.held_by_job is None}
        self.ticked = listed if on else set()
        self.unticked = (self.unticked - listed) if on else (self.unticked | listed)
        self.endResetModel()

    def chosen(self) -> list[BulkCandidate]:
        return [r for r in self.rows() if r.session_id in self.ticked]


def candidate_columns(tz: ZoneInfo) -> list[Column[BulkCandidate]]:
    return [
        Column(
            tr("bulk", "When"),
            lambda c: f"{when_text(c.starts_at.astimezone(tz), '%a %d %b %H:%M')}",
            sort_key=lambda c: c.starts_at,
        ),
        Column(tr("bulk", "Worker"), lambda c: c.worker),
        Column(tr("bulk", "Service"), lambda c: c.service),
        Column(tr("bulk", "Clients"), lambda c: ", ".join(line.client for line in c.lines) or "—"),
        Column(
            tr("bulk", "Refunds"),
            lambda c: refund_text(c.refund_cents, c.refund_credits),
            align_right=True,
        ),
        Column(
            tr("bulk", "State"),
            lambda c: (
                tr("bulk", "already in process (job #{n})").format(n=c.held_by_job)
                if c.held_by_job
                else ""
            ),
        ),
    ]


def refund_text(cents: int, credits: int) -> str:
    """A refund as the list and the question word it: money, credits, both or a dash."""
    parts = [format_money(cents)] if cents else []
    if credits:
        parts.append(tr("bulk", "{n} credit(s)").format(n=credits))
    return " + ".join(parts) or "—"
