"""Practice ▸ Waitlist…, and the offer made after a cancellation frees a slot or group place.

The list, the clients, workers and services to choose, each save and the offer's booking run
in the background (`app/ui/ops.py`); Add and Edit wait until the choices are in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import search_key, when_text
from app.services import practice
from app.services.dto import OperationResult, SessionBlock
from app.services.schedule import details as queries
from app.services.setup import waitlist as service
from app.services.setup.waitlist import WaitlistDraft, WaitlistMatch, WaitlistRow
from app.services.setup.workers import WEEKDAYS
from app.ui.format import session_label
from app.ui.i18n import tr
from app.ui.messages import inform
from app.ui.models.table import Column, DtoTableModel
from app.ui.ops import OneCall, Ops, Reply
from app.ui.sessions.common import ErrorLine
from app.ui.setup.common import EditDialog, ListScreen, RunDialog, accessible
from app.ui.setup.widgets import combo_id, minutes_of, picked_id, record_combo, time_edit


@dataclass(frozen=True)
class WaitlistChoices:
    """The active clients, workers and services an entry may name, as (id, name); two clients of
    one name are told apart by their number."""

    clients: Sequence[tuple[int, str]] = ()
    workers: Sequence[tuple[int, str]] = ()
    services: Sequence[tuple[int, str]] = ()


@dataclass(frozen=True)
class WaitlistApi:
    """What the waitlist screen may do, bound to the desk by its caller."""

    tz: ZoneInfo
    load: Callable[[Callable[[list[WaitlistRow]], None]], None]  # rows, read off the GUI thread
    # An Outcome of Saved; the entry as the form was opened on goes with the draft.
    save: Callable[[int | None, WaitlistDraft, WaitlistDraft | None, Reply], None]
    choices: Callable[[Callable[[WaitlistChoices], None]], None]  # read off the GUI thread
    refusal: str  # why this user may not change these ("Your role … cannot …"); "" if they may


def waitlist_columns(tz: ZoneInfo) -> list[Column[WaitlistRow]]:
    """The waitlist's columns."""
    return [
        Column(tr("setup", "Client"), lambda r: r.client_name, lambda r: search_key(r.client_name)),
        Column(tr("setup", "Worker"), lambda r: r.worker_name),
        Column(tr("setup", "Service"), lambda r: r.service_name),
        Column(tr("setup", "When"), lambda r: r.window_text),
        Column(tr("setup", "Waiting since"), lambda r: f"{when_text(r.created_at.astimezone(tz), '%d %b %Y')}",
               lambda r: r.created_at),
        Column(tr("setup", "Note"), lambda r: r.draft.note),
    ]  # fmt: skip


class WaitlistDialog(EditDialog[WaitlistDraft]):
    """Who is waiting, for whom and what, on which days and between which times."""

    def __init__(
        self,
        api: WaitlistApi,
        choices: WaitlistChoices,
        row: WaitlistRow | None,
        parent: QWidget | None = None,
    ) -> None:
        title = tr("setup", "Add to waitlist") if row is None else row.client_name
        super().__init__(title, lambda d, reply: api.save(row.id if row else None, d, row.draft if row else None, reply), parent,
                         subject=tr("setup", "the new waitlist entry") if row is None
                         else tr("setup", "{client}'s waitlist entry").format(client=title))  # fmt: skip
        d = row.draft if row else WaitlistDraft(None)
        # The entry's own client, worker and service stay offered (and chosen) once inactive.
        own = (row.client_name, row.worker_name, row.service_name) if row else ("", "", "")
        self.client = self.add_row(tr("setup", "Client:"), record_combo(
            choices.clients, d.client_id, self, own_name=own[0]), "client")  # fmt: skip
        self.client.setEditable(True)
        self.worker = self.add_row(tr("setup", "Worker:"), record_combo(
            choices.workers, d.worker_id, self, tr("setup", "Any worker"), own[1]), "worker")  # fmt: skip
        self.service = self.add_row(tr("setup", "Service:"), record_combo(
            choices.services, d.service_id, self, tr("setup", "Any service"), own[2]), "service")  # fmt: skip
        self.days = [QCheckBox(tr("setup", name), self) for name in WEEKDAYS]
        day_row = QWidget(self)
        layout = QHBoxLayout(day_row)
        layout.setContentsMargins(0, 0, 0, 0)
        for i, box in enumerate(self.days):
            box.setChecked(i in d.weekdays)
            accessible(box, WEEKDAYS[i])
            layout.addWidget(box)
        self.add_row(tr("setup", "Days:"), day_row, "weekdays")
        self.earliest = self.add_row(
            tr("setup", "From:"), time_edit(d.earliest_minute, self), "window"
        )
        self.latest = self.add_row(tr("setup", "Until:"), time_edit(d.latest_minute, self))
        self.note = self.add_row(tr("setup", "Note:"), QLineEdit(d.note, self), "note")
        self.active = self.add_row(tr("setup", "State:"), QCheckBox(tr("setup", "Still waiting")))
        self.active.setChecked(d.active)
        self.finish()

    def draft(self) -> WaitlistDraft:
        """The form as a draft (checked by the service, not here)."""
        return WaitlistDraft(
            picked_id(self.client), combo_id(self.worker), combo_id(self.service),
            tuple(i for i, box in enumerate(self.days) if box.isChecked()),
            minutes_of(self.earliest), minutes_of(self.latest, end_of_day=True),
            self.note.text(), self.active.isChecked(),
        )  # fmt: skip


class WaitlistScreen(ListScreen[WaitlistRow]):
    """Clients waiting, longest first; add and edit (untick "Still waiting" to take one off)."""

    def __init__(self, api: WaitlistApi, parent: QWidget | None = None) -> None:
        empty = tr("setup", "No one is waiting yet. Use Add… for a client who wants an earlier or "
                            "a freed place.")  # fmt: skip
        super().__init__(tr("setup", "Waitlist"), waitlist_columns(api.tz), api.load, parent,
                         refusal=api.refusal, empty=empty)  # fmt: skip
        self.api = api
        self.choices: WaitlistChoices | None = None  # until the background read brings them
        self.table.sortByColumn(4, Qt.SortOrder.AscendingOrder)
        for b in (self.add_button, self.edit_button):
            b.setEnabled(False)
        api.choices(self._on_choices)
        self.refresh()

    def _on_choices(self, choices: WaitlistChoices) -> None:
        self.choices = choices
        for b in (self.add_button, self.edit_button):
            b.setEnabled(not self.api.refusal)

    def editor(self, row: WaitlistRow | None) -> WaitlistDialog:
        """The waitlist dialog for `row` (None: a new entry)."""
        return WaitlistDialog(self.api, self.choices or WaitlistChoices(), row, self)


def match_columns(tz: ZoneInfo) -> list[Column[WaitlistMatch]]:
    """The offer's columns."""
    return [
        Column(tr("setup", "Client"), lambda m: m.client_name),
        Column(tr("setup", "Waiting since"), lambda m: f"{when_text(m.waiting_since.astimezone(tz), '%d %b %Y')}",
               lambda m: m.waiting_since),
        Column(tr("setup", "Wants"), lambda m: m.wants),
        Column(tr("setup", "Note"), lambda m: m.note),
    ]  # fmt: skip


class OfferDialog(QDialog):
    """The waiting clients who fit a freed place; Book runs the injected call for the chosen one."""

    def __init__(
        self,
        label: str,
        matches: Sequence[WaitlistMatch],
        book: Callable[[int, Reply], None],
        tz: ZoneInfo,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.book = book
        self.result_: OperationResult | None = None
        self.setWindowTitle(tr("setup", "Offer the freed place"))
        self.model: DtoTableModel[WaitlistMatch] = DtoTableModel(match_columns(tz), self)
        self.model.set_rows(matches)
        self.table = QTableView(self)
        accessible(self.table, tr("setup", "Waiting clients who fit"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.resizeColumnsToContents()
        self.table.selectRow(0)
        self.error = ErrorLine(self)
        self.buttons = QDialogButtonBox(self)
        self.book_button = self.buttons.addButton(tr("setup", "&Book selected client"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)  # fmt: skip
        self.buttons.addButton(tr("setup", "&Not now"), QDialogButtonBox.ButtonRole.RejectRole)
        # Greyed while the booking runs: a second press would book against a changed session.
        self.call = OneCall(self, self.buttons, self.error.show_message)
        self.buttons.accepted.connect(self._on_book)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = tr("setup", "A place is free in {session}. These waiting clients fit it:")
        layout.addWidget(QLabel(intro.format(session=label), self))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(700, 320)

    def _on_book(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.error.show_message(tr("setup", "Choose a client in the list first."))
            return
        entry_id = self.model.row(rows[0].row()).entry_id
        self.call.start(lambda reply: self.book(entry_id, reply))


def offer_waitlist(
    parent: QWidget | None,
    ops: Ops,
    session_id: int,
    *,
    run_dialog: RunDialog | None = None,
    done: Callable[[OperationResult | None], None] | None = None,
) -> None:
    """After a cancellation: offer the freed place to matching waiting clients.

    What fits is read in the background; the dialog opens when it arrives. `done(result)` gets
    the booking made, or None when nobody fits or nobody was booked. Its changes fan out.
    """
    finish = done or (lambda _result: None)

    def read(uow: Any) -> tuple[list[WaitlistMatch], SessionBlock | None, str]:
        matches = list(service.waitlist_matches(uow, session_id))
        if not matches:
            return matches, None, ""
        block = queries.session_details(uow, session_id).block
        return matches, block, practice.settings(uow).time_zone

    def show(found: tuple[list[WaitlistMatch], SessionBlock | None, str]) -> None:
        matches, block, zone = found
        if block is None:
            finish(None)
            return
        tz = ZoneInfo(zone)

        def book(entry_id: int, reply: Reply) -> None:
            ops.write_reply(lambda uow: service.book_from_waitlist(
                uow, session_id, entry_id, expected_version=block.version), reply)  # fmt: skip

        label = session_label(block, tz, with_clients=False)
        dialog = OfferDialog(label, matches, book, tz, parent)
        (run_dialog or (lambda d: d.exec()))(dialog)
        result = dialog.result_
        if result is not None and result.reminder:
            inform(parent, tr("setup", "Place refilled"), result.reminder)
        finish(result)

    ops.read(read, show)
