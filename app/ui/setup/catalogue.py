"""Practice ▸ Services… and Locations…: lists and their edit dialogs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSpinBox, QWidget

from app.i18n import search_key
from app.services.setup.catalogue import (
    GST_CODES,
    LocationDraft,
    LocationRow,
    ServiceDraft,
    ServiceRow,
)
from app.services.vocabulary import ServiceUnit, format_money
from app.ui.i18n import QT_TRANSLATE_NOOP, tr
from app.ui.models.table import Column
from app.ui.ops import Reply
from app.ui.setup.common import EditDialog, ListScreen
from app.ui.setup.widgets import ColourField

UNIT_TEXT = {
    ServiceUnit.HOUR: QT_TRANSLATE_NOOP("setup", "per hour"),
    ServiceUnit.EACH: QT_TRANSLATE_NOOP("setup", "each (fixed)"),
}
GST_TEXT = {
    "P1": QT_TRANSLATE_NOOP("setup", "P1 — taxable"),
    "P2": QT_TRANSLATE_NOOP("setup", "P2 — GST-free"),
    "P5": QT_TRANSLATE_NOOP("setup", "P5 — out of scope"),
}


@dataclass(frozen=True)
class ServicesApi:
    """What the services screen may do, bound to the desk by its caller."""

    load: Callable[
        [Callable[[list[ServiceRow]], None]], None
    ]  # rows handed over, read off the GUI thread
    # An Outcome of Saved; the service as the form was opened on goes with the draft.
    save: Callable[[int | None, ServiceDraft, ServiceDraft | None, Reply], None]
    refusal: str  # why this user may not change these ("Your role … cannot …"); "" if they may


@dataclass(frozen=True)
class LocationsApi:
    """What the locations screen may do, bound to the desk by its caller."""

    load: Callable[
        [Callable[[list[LocationRow]], None]], None
    ]  # rows handed over, read off the GUI thread
    # An Outcome of Saved; the location as the form was opened on goes with the draft.
    save: Callable[[int | None, LocationDraft, LocationDraft | None, Reply], None]
    refusal: str  # why this user may not change these ("Your role … cannot …"); "" if they may


def _yes(on: bool) -> str:
    return tr("setup", "yes") if on else tr("setup", "no")


SERVICE_COLUMNS: list[Column[ServiceRow]] = [
    Column(tr("setup", "Code"), lambda r: r.draft.code),
    Column(tr("setup", "Name"), lambda r: r.draft.name, lambda r: search_key(r.draft.name)),
    Column(tr("setup", "Price"), lambda r: format_money(r.price_cents), lambda r: r.price_cents,
           align_right=True),
    Column(tr("setup", "Unit"), lambda r: tr("setup", UNIT_TEXT[r.draft.unit])),
    Column(tr("setup", "Minutes"), lambda r: str(r.draft.default_minutes),
           lambda r: r.draft.default_minutes, align_right=True),
    Column(tr("setup", "Cancel charges"), lambda r: _yes(r.draft.allows_cancellation_charge)),
    Column(tr("setup", "SW pricing"), lambda r: _yes(r.draft.support_worker_pricing),
           tooltip=lambda r: tr("setup", "Support-worker pricing: 7 days' notice under NDIS")),
    Column(tr("setup", "GST"), lambda r: r.draft.gst_code),
    Column(tr("setup", "State"), lambda r: tr("setup", "active") if r.draft.active else tr("setup", "inactive")),
]  # fmt: skip
LOCATION_COLUMNS: list[Column[LocationRow]] = [
    Column(tr("setup", "Name"), lambda r: r.name, lambda r: search_key(r.name)),
    Column(tr("setup", "Address"), lambda r: r.address),
]


class ServiceDialog(EditDialog[ServiceDraft]):
    """Code, name, price and unit, default length, charge flags, GST code and colour."""

    def __init__(
        self, api: ServicesApi, row: ServiceRow | None, parent: QWidget | None = None
    ) -> None:
        title = tr("setup", "New service") if row is None else row.draft.name
        super().__init__(title, lambda d, reply: api.save(row.id if row else None, d, row.draft if row else None, reply), parent,
                         subject=tr("setup", "the new service") if row is None else title)  # fmt: skip
        d = row.draft if row else ServiceDraft("", "", "")
        self.code = self.add_row(tr("setup", "Code (support item):"), QLineEdit(d.code), "code")
        self.name = self.add_row(tr("setup", "Name:"), QLineEdit(d.name), "name")
        self.price = self.add_row(tr("setup", "Price:"), QLineEdit(d.price), "price")
        self.price.setPlaceholderText("193.99")
        self.unit = self.add_row(tr("setup", "Charged:"), QComboBox(), "unit")
        for unit, text in UNIT_TEXT.items():
            self.unit.addItem(tr("setup", text), unit)
        self.unit.setCurrentIndex(self.unit.findData(d.unit))
        self.minutes = self.add_row(tr("setup", "Default length (minutes):"), QSpinBox(),
                                    "default_minutes")  # fmt: skip
        self.minutes.setRange(5, 720)
        self.minutes.setSingleStep(15)
        self.minutes.setValue(d.default_minutes)
        self.allows = self.add_row(tr("setup", "Cancellations:"), QCheckBox(
            tr("setup", "Allows cancellation charges")), "allows_cancellation_charge")  # fmt: skip
        self.allows.setChecked(d.allows_cancellation_charge)
        self.sw = self.add_row(tr("setup", "NDIS pricing:"), QCheckBox(
            tr("setup", "Support-worker pricing (7 days' notice)")), "support_worker_pricing")  # fmt: skip
        self.sw.setChecked(d.support_worker_pricing)
        self.gst = self.add_row(tr("setup", "GST code:"), QComboBox(), "gst_code")
        for code in GST_CODES:
            self.gst.addItem(tr("setup", GST_TEXT[code]), code)
        self.gst.setCurrentIndex(max(0, self.gst.findData(d.gst_code)))
        self.skill = self.add_row(tr("setup", "Skill needed:"), QLineEdit(d.skill), "skill")
        self.skill.setPlaceholderText(tr("setup", "e.g. physiotherapy — empty: any worker"))
        self.colour = self.add_row(tr("setup", "Colour:"), ColourField(d.colour), "colour")
        self.active = self.add_row(
            tr("setup", "State:"), QCheckBox(tr("setup", "Active")), "active"
        )
        self.active.setChecked(d.active)
        self.finish()

    def draft(self) -> ServiceDraft:
        """The form as a draft (checked by the service, not here)."""
        return ServiceDraft(
            self.code.text(), self.name.text(), self.price.text(), ServiceUnit(self.unit.currentData()),
            self.minutes.value(), self.allows.isChecked(), self.sw.isChecked(),
            str(self.gst.currentData()), self.colour.value(), self.active.isChecked(),
            self.skill.text(),
        )  # fmt: skip


class ServicesScreen(ListScreen[ServiceRow]):
    """Every service; add and edit."""

    def __init__(self, api: ServicesApi, parent: QWidget | None = None) -> None:
        empty = tr("setup", "No services yet. Use Add… for each service you book: its code, price "
                            "and length.")  # fmt: skip
        super().__init__(tr("setup", "Services"), SERVICE_COLUMNS, api.load, parent,
                         refusal=api.refusal, empty=empty)  # fmt: skip
        self.api = api
        self.refresh()

    def editor(self, row: ServiceRow | None) -> ServiceDialog:
        """The edit dialog for `row` (None: a new record)."""
        return ServiceDialog(self.api, row, self)


class LocationDialog(EditDialog[LocationDraft]):
    """A location's name and address."""

    def __init__(
        self, api: LocationsApi, row: LocationRow | None, parent: QWidget | None = None
    ) -> None:
        title = tr("setup", "New location") if row is None else row.name
        seen = LocationDraft(row.name, row.address) if row else None
        super().__init__(title, lambda d, reply: api.save(row.id if row else None, d, seen, reply), parent,
                         subject=tr("setup", "the new location") if row is None else title)  # fmt: skip
        self.name = self.add_row(tr("setup", "Name:"), QLineEdit(row.name if row else ""), "name")
        self.address = self.add_row(tr("setup", "Address:"), QLineEdit(row.address if row else ""),
                                    "address")  # fmt: skip
        self.setMinimumWidth(420)
        self.finish()

    def draft(self) -> LocationDraft:
        """The form as a draft (checked by the service, not here)."""
        return LocationDraft(self.name.text(), self.address.text())


class LocationsScreen(ListScreen[LocationRow]):
    """Every location; add and edit."""

    def __init__(self, api: LocationsApi, parent: QWidget | None = None) -> None:
        empty = tr("setup", "No locations yet. Use Add… for each room or site where sessions "
                            "happen.")  # fmt: skip
        super().__init__(tr("setup", "Locations"), LOCATION_COLUMNS, api.load, parent,
                         refusal=api.refusal, empty=empty)  # fmt: skip
        self.api = api
        self.resize(560, 360)
        self.refresh()

    def editor(self, row: LocationRow | None) -> LocationDialog:
        """The edit dialog for `row` (None: a new record)."""
        return LocationDialog(self.api, row, self)
