"""The form of one cancellation reason and its billing rule (who, threshold, charge, conditions)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLineEdit, QSpinBox, QWidget

from app.services.setup.reasons import ReasonDraft
from app.services.vocabulary import CancelledBy, ChargeKind, NdisReasonCode, ThresholdUnit
from app.ui.i18n import QT_TRANSLATE_NOOP, tr
from app.ui.setup.common import accessible

W = TypeVar("W", bound=QWidget)
WHO_TEXT = {
    CancelledBy.CLIENT: QT_TRANSLATE_NOOP("setup", "The client"),
    CancelledBy.WORKER: QT_TRANSLATE_NOOP("setup", "The worker"),
    CancelledBy.PRACTICE: QT_TRANSLATE_NOOP("setup", "The practice"),
}
PROFILE_TEXT = {
    "ndis": QT_TRANSLATE_NOOP("setup", "NDIS"),
    "private": QT_TRANSLATE_NOOP("setup", "Private practice"),
    "any": QT_TRANSLATE_NOOP("setup", "Both profiles"),
}
UNIT_TEXT = {
    ThresholdUnit.NONE: QT_TRANSLATE_NOOP("setup", "No notice threshold"),
    ThresholdUnit.HOURS: QT_TRANSLATE_NOOP("setup", "Hours before the start"),
    ThresholdUnit.DAYS: QT_TRANSLATE_NOOP("setup", "Days before (same clock time)"),
    ThresholdUnit.CLEAR_BUSINESS_DAYS: QT_TRANSLATE_NOOP(
        "setup", "Clear business days (skips weekends and holidays)"
    ),
    ThresholdUnit.NDIS: QT_TRANSLATE_NOOP(
        "setup", "NDIS rule: 2 clear business days, or 7 days for support-worker items"
    ),
}
CHARGE_TEXT = {
    ChargeKind.NONE: QT_TRANSLATE_NOOP("setup", "No charge"),
    ChargeKind.PERCENT: QT_TRANSLATE_NOOP("setup", "A percentage of the session price"),
    ChargeKind.FIXED: QT_TRANSLATE_NOOP("setup", "A fixed fee"),
}
NDIS_CODE_TEXT = {
    None: QT_TRANSLATE_NOOP("setup", "(none)"),
    NdisReasonCode.NSDH: QT_TRANSLATE_NOOP("setup", "NSDH — health"),
    NdisReasonCode.NSDF: QT_TRANSLATE_NOOP("setup", "NSDF — family"),
    NdisReasonCode.NSDT: QT_TRANSLATE_NOOP("setup", "NSDT — transport"),
    NdisReasonCode.NSDO: QT_TRANSLATE_NOOP("setup", "NSDO — other"),
}


def _combo(items: Mapping[Any, str], parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    for value, text in items.items():
        combo.addItem(tr("setup", text), value)
    return combo


def _code(data: object) -> NdisReasonCode | None:
    return NdisReasonCode(str(data)) if data else None


class ReasonForm(QWidget):
    """Edits a ReasonDraft; emits `edited` on any change so "Try it" can follow."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: dict[str, QWidget] = {}
        self.form = QFormLayout(self)
        self.label = self._row(QT_TRANSLATE_NOOP("setup", "Reason:"), QLineEdit(self), "label")
        self.who = self._row(
            QT_TRANSLATE_NOOP("setup", "Who cancels:"), _combo(WHO_TEXT, self), "applies_to"
        )
        self.profile = self._row(
            QT_TRANSLATE_NOOP("setup", "Profile:"), _combo(PROFILE_TEXT, self), "profile"
        )
        self.active = self._row(
            "", QCheckBox(tr("setup", "Active (offered in the cancel dialog)")), "active"
        )
        self.no_show = self._row("", QCheckBox(tr("setup", "This is the did-not-attend (no-show) rule")),
                                 "is_no_show")  # fmt: skip
        self.unit = self._row(
            QT_TRANSLATE_NOOP("setup", "Notice threshold:"),
            _combo(UNIT_TEXT, self),
            "threshold_unit",
        )
        self.value = self._row(
            QT_TRANSLATE_NOOP("setup", "Threshold:"), QSpinBox(self), "threshold_value"
        )
        self.value.setRange(0, 720)
        self.charge = self._row(
            QT_TRANSLATE_NOOP("setup", "Charge when shorter:"),
            _combo(CHARGE_TEXT, self),
            "charge_kind",
        )
        self.percent = self._row(
            QT_TRANSLATE_NOOP("setup", "Percentage:"), QSpinBox(self), "charge_percent"
        )
        self.percent.setRange(0, 100)
        self.percent.setSuffix(" %")
        self.fee = self._row(QT_TRANSLATE_NOOP("setup", "Fixed fee:"), QLineEdit(self), "fixed_fee")
        self.requires = self._row("", QCheckBox(tr("setup", "Only for services that allow cancellation charges")),
                                  "requires_service_flag")  # fmt: skip
        self.refilled = self._row("", QCheckBox(tr("setup", "Not when the freed group place is refilled")),
                                  "not_when_refilled")  # fmt: skip
        self.ndis_code = self._row(
            QT_TRANSLATE_NOOP("setup", "NDIS reason code:"),
            _combo(NDIS_CODE_TEXT, self),
            "ndis_reason_code",
        )
        self.code = self._row(QT_TRANSLATE_NOOP("setup", "Code:"), QLineEdit(self), "code")
        self.code.setPlaceholderText(tr("setup", "made from the name when empty"))
        self._connect_signals()
        self.set_draft(ReasonDraft(""))

    def _row(self, label: str, widget: W, field: str) -> W:
        text = tr("setup", label)
        accessible(widget, text or getattr(widget, "text", lambda: field)())
        self.form.addRow(text, widget)
        self.fields[field] = widget
        return widget

    def _connect_signals(self) -> None:
        for w in (self.label, self.fee, self.code):
            w.textChanged.connect(self._on_changed)
        for c in (self.who, self.profile, self.unit, self.charge, self.ndis_code):
            c.currentIndexChanged.connect(self._on_changed)
        for s in (self.value, self.percent):
            s.valueChanged.connect(self._on_changed)
        for b in (self.active, self.no_show, self.requires, self.refilled):
            b.toggled.connect(self._on_changed)

    def _on_changed(self, *_args: object) -> None:
        self._enable()
        self.edited.emit()

    def _enable(self) -> None:
        # Qt hands StrEnum data back as plain str: rebuild the enum before comparing.
        charge = ChargeKind(self.charge.currentData())
        unit = ThresholdUnit(self.unit.currentData())
        no_show = self.no_show.isChecked()
        self.unit.setEnabled(not no_show)
        self.value.setEnabled(not no_show and unit in (ThresholdUnit.HOURS, ThresholdUnit.DAYS,
                                                       ThresholdUnit.CLEAR_BUSINESS_DAYS))  # fmt: skip
        self.percent.setEnabled(charge == ChargeKind.PERCENT)
        self.fee.setEnabled(charge == ChargeKind.FIXED)

    def set_draft(self, d: ReasonDraft) -> None:
        """Show a reason (blocking `edited` while filling)."""
        self.blockSignals(True)
        self.label.setText(d.label)
        self.who.setCurrentIndex(self.who.findData(d.applies_to))
        self.profile.setCurrentIndex(max(0, self.profile.findData(d.profile)))
        self.active.setChecked(d.active)
        self.no_show.setChecked(d.is_no_show)
        self.unit.setCurrentIndex(self.unit.findData(d.threshold_unit))
        self.value.setValue(d.threshold_value)
        self.charge.setCurrentIndex(self.charge.findData(d.charge_kind))
        self.percent.setValue(d.charge_percent)
        self.fee.setText(d.fixed_fee)
        self.requires.setChecked(d.requires_service_flag)
        self.refilled.setChecked(d.not_when_refilled)
        self.ndis_code.setCurrentIndex(max(0, self.ndis_code.findData(d.ndis_reason_code)))
        self.code.setText(d.code)
        self.blockSignals(False)
        self._enable()

    def draft(self) -> ReasonDraft:
        """The form as a draft (checked by the service, not here)."""
        return ReasonDraft(
            self.label.text(), CancelledBy(self.who.currentData()), str(self.profile.currentData()),
            self.active.isChecked(), self.no_show.isChecked(), self.value.value(),
            ThresholdUnit(self.unit.currentData()), ChargeKind(self.charge.currentData()),
            self.percent.value(), self.fee.text(), self.requires.isChecked(),
            self.refilled.isChecked(), _code(self.ndis_code.currentData()), self.code.text(),
        )  # fmt: skip
