"""Practice ▸ Practice settings…: name, time zone, holiday region, clear days, paper, thresholds."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from app.services.setup.settings import PAPER_SIZES, SettingsDraft
from app.services.vocabulary import ClearDayCounting
from app.ui.i18n import tr
from app.ui.ops import Reply
from app.ui.setup.common import EditDialog, accessible

COUNTING_TEXT = {
    ClearDayCounting.EXCLUSIVE: "Neither the day of notice nor the session day counts",
    ClearDayCounting.INCLUDE_NOTICE_DAY: "The day of notice counts (if a business day)",
    ClearDayCounting.INCLUDE_SESSION_DAY: "The session day counts (if a business day)",
}
Regions = dict[str, tuple[str, tuple[str, ...]]]


def _searchable(combo: QComboBox) -> QComboBox:
    """An editable combo that completes on any part of a name."""
    combo.setEditable(True)
    completer = QCompleter(combo.model(), combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    combo.setCompleter(completer)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    return combo


class PracticeSettingsDialog(EditDialog[SettingsDraft]):
    """The practice-wide settings; time zone and region are checked by the service on save."""

    def __init__(
        self,
        draft: SettingsDraft,
        zones: Sequence[str],
        regions: Regions,
        save: Callable[[SettingsDraft, Reply], None],  # an Outcome of Saved
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tr("setup", "Practice settings"), save, parent)
        self.regions = regions
        self.name = self.add_row(tr("setup", "Practice name:"), QLineEdit(draft.name), "name")
        self.zone = self.add_row(tr("setup", "Time zone:"), _searchable(QComboBox()), "time_zone")
        self.zone.addItems(list(zones))
        self.zone.setCurrentText(draft.time_zone)
        self.country = self.add_row(tr("setup", "Country (public holidays):"), _searchable(QComboBox()),
                                    "country")  # fmt: skip
        for code, (name, _subs) in regions.items():
            self.country.addItem(f"{code} — {name}", code)
        self.country.setCurrentIndex(max(0, self.country.findData(draft.country)))
        self.subdivision = self.add_row(tr("setup", "State or region:"), QComboBox(), "subdivision")
        self.subdivision.setEditable(True)
        self._fill_subdivisions(draft.subdivision)
        self.counting = self.add_row(tr("setup", "Clear business days:"), QComboBox(),
                                     "clear_day_counting")  # fmt: skip
        for value, text in COUNTING_TEXT.items():
            self.counting.addItem(tr("setup", text), value)
        self.counting.setCurrentIndex(self.counting.findData(draft.clear_day_counting))
        self.paper = self.add_row(tr("setup", "Paper size:"), QComboBox(), "paper_size")
        self.paper.addItems(list(PAPER_SIZES))
        self.paper.setCurrentText(draft.paper_size)
        self._thresholds(draft)
        self.idle = self.add_row(tr("setup", "Sign out when idle for:"), QSpinBox(),
                                 "idle_logoff_minutes")  # fmt: skip
        self.idle.setRange(0, 480)
        self.idle.setSuffix(tr("setup", " minutes"))
        self.idle.setSpecialValueText(tr("setup", "never"))
        self.idle.setValue(draft.idle_logoff_minutes)
        self.ndis = self.add_row(tr("setup", "NDIS registration number:"),
                                 QLineEdit(draft.ndis_registration_number), "ndis_registration_number")  # fmt: skip
        self.country.currentIndexChanged.connect(lambda _i: self._fill_subdivisions(None))
        self.setMinimumWidth(600)
        self.finish()

    def _thresholds(self, draft: SettingsDraft) -> None:
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self.freq_count, self.freq_weeks = QSpinBox(row), QSpinBox(row)
        self.freq_count.setRange(1, 50)
        self.freq_weeks.setRange(1, 104)
        self.freq_count.setValue(draft.frequent_canceller_count)
        self.freq_weeks.setValue(draft.frequent_canceller_weeks)
        accessible(self.freq_count, tr("setup", "Cancellations that flag a client"))
        accessible(self.freq_weeks, tr("setup", "Within weeks"))
        layout.addWidget(self.freq_count)
        layout.addWidget(QLabel(tr("setup", "cancellations or no-shows in"), row))
        layout.addWidget(self.freq_weeks)
        layout.addWidget(QLabel(tr("setup", "weeks"), row))
        layout.addStretch(1)
        self.form.addRow(tr("setup", "Frequent canceller:"), row)
        self.fields["frequent_canceller_count"] = self.freq_count
        self.fields["frequent_canceller_weeks"] = self.freq_weeks

    def _fill_subdivisions(self, chosen: str | None) -> None:
        code = self.country.currentData()
        subs = self.regions.get(str(code), ("", ()))[1]
        self.subdivision.clear()
        self.subdivision.addItem(tr("setup", "(national holidays only)"), None)
        for sub in subs:
            self.subdivision.addItem(sub, sub)
        index = self.subdivision.findData(chosen) if chosen else 0
        if index < 0:
            self.subdivision.setEditText(chosen or "")
        else:
            self.subdivision.setCurrentIndex(index)

    def _subdivision(self) -> str | None:
        text = self.subdivision.currentText().strip()
        return None if not text or text == self.subdivision.itemText(0) else text

    def _country(self) -> str:
        text = self.country.currentText()
        index = self.country.findText(text)
        return str(self.country.itemData(index)) if index >= 0 else text.split(" ")[0].strip()

    def draft(self) -> SettingsDraft:
        """The form as a draft (checked by the service, not here)."""
        return SettingsDraft(
            self.name.text(), self.zone.currentText(), self._country(), self._subdivision(),
            ClearDayCounting(self.counting.currentData()), self.paper.currentText(),
            self.freq_count.value(), self.freq_weeks.value(), self.idle.value(), self.ndis.text(),
        )  # fmt: skip
