"""Practice ▸ Workers…: the list, and the worker dialog with its working-hours grid."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.i18n import search_key, weekday_name
from app.services.setup.workers import HoursWindow, WorkerDraft, WorkerRow
from app.ui.i18n import tr
from app.ui.models.table import Column
from app.ui.ops import Reply
from app.ui.setup.common import EditDialog, ListScreen, accessible
from app.ui.setup.widgets import ColourField, minutes_of, time_edit

NINE, FIVE = 9 * 60, 17 * 60


@dataclass(frozen=True)
class WorkersApi:
    """What the workers screen may do, bound to the desk by its caller."""

    load: Callable[
        [Callable[[list[WorkerRow]], None]], None
    ]  # rows handed over, read off the GUI thread
    # An Outcome of Saved; the worker as the form was opened on goes with the draft.
    save: Callable[[int | None, WorkerDraft, WorkerDraft | None, Reply], None]
    refusal: str  # why this user may not change these ("Your role … cannot …"); "" if they may


WORKER_COLUMNS: list[Column[WorkerRow]] = [
    Column(tr("setup", "Name"), lambda r: r.draft.name, lambda r: search_key(r.draft.name)),
    Column(tr("setup", "Skills"), lambda r: r.draft.skills),
    Column(tr("setup", "Working hours"), lambda r: r.hours_text),
    Column(tr("setup", "Email"), lambda r: r.draft.email or ""),
    Column(tr("setup", "Phone"), lambda r: r.draft.phone or ""),
    Column(tr("setup", "State"), lambda r: tr("setup", "active") if r.draft.active else tr("setup", "inactive")),
]  # fmt: skip


class _DayRow:
    """One weekday of the grid: works?, a window, and an optional second (split shift)."""

    def __init__(
        self, grid: QGridLayout, day: int, windows: Sequence[HoursWindow], parent: QWidget
    ) -> None:
        name = weekday_name(day, wide=True)  # the practice's language (app/i18n.py)
        first = windows[0] if windows else HoursWindow(day, NINE, FIVE)
        second = windows[1] if len(windows) > 1 else HoursWindow(day, 13 * 60, FIVE)
        self.day = day
        self.works = QCheckBox(name, parent)
        self.works.setChecked(bool(windows))
        self.start, self.end = (
            time_edit(first.start_minute, parent),
            time_edit(first.end_minute, parent),
        )
        self.split = QCheckBox(tr("setup", "and"), parent)
        self.split.setChecked(len(windows) > 1)
        self.start2, self.end2 = (
            time_edit(second.start_minute, parent),
            time_edit(second.end_minute, parent),
        )
        widgets: tuple[tuple[QWidget, str], ...] = (
            (self.works, name),
            (self.start, tr("setup", "{day} start").format(day=name)),
            (self.end, tr("setup", "{day} end").format(day=name)),
            (self.split, tr("setup", "{day} second window").format(day=name)),
            (self.start2, tr("setup", "{day} second start").format(day=name)),
            (self.end2, tr("setup", "{day} second end").format(day=name)),
        )  # fmt: skip
        for column, (widget, label) in enumerate(widgets):
            accessible(widget, label)
            grid.addWidget(widget, day + 1, column)
        self.works.toggled.connect(self._enable)
        self.split.toggled.connect(self._enable)
        self._enable()

    def _enable(self) -> None:
        on = self.works.isChecked()
        for w in (self.start, self.end, self.split):
            w.setEnabled(on)
        for w2 in (self.start2, self.end2):
            w2.setEnabled(on and self.split.isChecked())

    def windows(self) -> list[HoursWindow]:
        """The working windows shown."""
        if not self.works.isChecked():
            return []
        out = [HoursWindow(self.day, minutes_of(self.start), minutes_of(self.end, True))]
        if self.split.isChecked():
            out.append(HoursWindow(self.day, minutes_of(self.start2), minutes_of(self.end2, True)))
        return out

    def set(self, start: int, end: int, works: bool = True) -> None:
        """Set the day's one window (tests, and "copy Monday")."""
        self.works.setChecked(works)
        self.split.setChecked(False)
        self.start.setTime(QTime(start // 60, start % 60))
        self.end.setTime(QTime(min(end, 24 * 60 - 1) // 60, min(end, 24 * 60 - 1) % 60))


class HoursGrid(QGroupBox):
    """Seven weekdays, each with a working window and an optional second one."""

    def __init__(self, hours: Sequence[HoursWindow], parent: QWidget | None = None) -> None:
        super().__init__(tr("setup", "Working hours"), parent)
        grid = QGridLayout(self)
        # Seven days of time fields close together: the whole form fits 1366×768 at 150 %.
        grid.setVerticalSpacing(2)
        for column, text in enumerate(("", tr("setup", "From"), tr("setup", "To"), "",
                                       tr("setup", "From"), tr("setup", "To"))):  # fmt: skip
            grid.addWidget(QLabel(text, self), 0, column)
        self.days = [
            _DayRow(grid, day, [h for h in hours if h.weekday == day], self) for day in range(7)
        ]

    def windows(self) -> tuple[HoursWindow, ...]:
        """The working windows shown."""
        return tuple(w for row in self.days for w in row.windows())


class WorkerDialog(EditDialog[WorkerDraft]):
    """Name, contact, skills, colour, active, and the hours grid."""

    def __init__(
        self, api: WorkersApi, row: WorkerRow | None, parent: QWidget | None = None
    ) -> None:
        title = tr("setup", "New worker") if row is None else row.draft.name
        super().__init__(title, lambda d, reply: api.save(row.id if row else None, d, row.draft if row else None, reply), parent,
                         subject=tr("setup", "the new worker") if row is None else title)  # fmt: skip
        d = row.draft if row else WorkerDraft("", hours=tuple(
            HoursWindow(day, NINE, FIVE) for day in range(5)))  # fmt: skip
        self.name = self.add_row(tr("setup", "Name:"), QLineEdit(d.name), "name")
        self.email = self.add_row(tr("setup", "Email:"), QLineEdit(d.email or ""), "email")
        self.phone = self.add_row(tr("setup", "Phone:"), QLineEdit(d.phone or ""), "phone")
        self.skills = self.add_row(tr("setup", "Skills:"), QLineEdit(d.skills), "skills")
        self.colour = self.add_row(tr("setup", "Colour:"), ColourField(d.colour), "colour")
        self.active = self.add_row(
            tr("setup", "State:"), QCheckBox(tr("setup", "Active")), "active"
        )
        self.active.setChecked(d.active)
        self.hours = HoursGrid(d.hours, self)
        self.fields["hours"] = self.hours
        self.form.addRow(self.hours)  # scrolls with the form on a short screen
        self.finish()

    def draft(self) -> WorkerDraft:
        """The form as a draft (checked by the service, not here)."""
        return WorkerDraft(
            self.name.text(), self.email.text() or None, self.phone.text() or None,
            self.skills.text(), self.colour.value(), self.active.isChecked(), self.hours.windows(),
        )  # fmt: skip


class WorkersScreen(ListScreen[WorkerRow]):
    """Every worker with their hours; add and edit."""

    def __init__(self, api: WorkersApi, parent: QWidget | None = None) -> None:
        empty = tr("setup", "No workers yet. Use Add… for each practitioner or support worker; "
                            "each gets a row on the schedule.")  # fmt: skip
        super().__init__(tr("setup", "Workers"), WORKER_COLUMNS, api.load, parent,
                         refusal=api.refusal, empty=empty)  # fmt: skip
        self.api = api
        self.refresh()

    def editor(self, row: WorkerRow | None) -> WorkerDialog:
        """The worker dialog for `row` (None: a new worker)."""
        return WorkerDialog(self.api, row, self)
