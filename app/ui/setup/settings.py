"""Practice ▸ Practice settings…: three tabs — General (name, time zone, holiday region, clear
days, paper, language and region, currency, thresholds), Provider details (legal name, ABN, NDIS registration, address, phone,
e-mail: printed on reports, signed on e-mails, written into the claim file) and Funders (who pays
a private client's sessions, and whether they pay late-cancellation and no-show fees)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import i18n
from app.errors import ConflictError, FrontDeskError
from app.number_text import currency_choices
from app.services.auth import Permission
from app.services.setup.funders import FunderDraft
from app.services.setup.settings import (
    PAPER_SIZES,
    SETTING_FIELDS,
    SettingsDraft,
    format_abn,
    reopened_form,
)
from app.services.vocabulary import ClearDayCounting
from app.ui.empty_list import EmptyListHint
from app.ui.i18n import QT_TRANSLATE_NOOP, tr
from app.ui.ops import Reply
from app.ui.setup.common import EditDialog, accessible

COUNTING_TEXT = {
    ClearDayCounting.EXCLUSIVE: QT_TRANSLATE_NOOP(
        "setup", "Neither the day of notice nor the session day counts"
    ),
    ClearDayCounting.INCLUDE_NOTICE_DAY: QT_TRANSLATE_NOOP(
        "setup", "The day of notice counts (if a business day)"
    ),
    ClearDayCounting.INCLUDE_SESSION_DAY: QT_TRANSLATE_NOOP(
        "setup", "The session day counts (if a business day)"
    ),
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
    # As wide as the form gives it, not as its longest entry (a country's or a language's full
    # name grows with each release of the lists): the open list shows every name whole.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(24)
    return combo


class PracticeSettingsDialog(EditDialog[SettingsDraft]):
    """The practice-wide settings; time zone and region are checked by the service on save."""

    # The window closes it when an administrator takes this away from the account.
    permission_needed: ClassVar[Permission] = Permission.SETTINGS

    def __init__(
        self,
        draft: SettingsDraft,
        zones: Sequence[str],
        regions: Regions,
        # An Outcome of Saved; the settings as the form was opened on go with the draft.
        save: Callable[[SettingsDraft, SettingsDraft, Reply], None],
        parent: QWidget | None = None,
        *,
        # Reads the settings as they now are, after a save refused over another desk's change.
        reload: Callable[[Callable[[SettingsDraft], None]], None] | None = None,
    ) -> None:
        super().__init__(tr("setup", "Practice settings"), lambda d, reply: save(d, self.seen, reply),
                         parent, subject=tr("setup", "the practice settings"))  # fmt: skip
        self.seen = draft  # the settings as saved when the form was filled
        self.reload = reload
        self.regions = regions
        self._tabs(draft)
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
        self._locale_rows(draft)
        self._thresholds(draft)
        self.idle = self.add_row(tr("setup", "Sign out when idle for:"), QSpinBox(),
                                 "idle_logoff_minutes")  # fmt: skip
        self.idle.setRange(0, 480)
        self.idle.setSuffix(tr("setup", " minutes"))
        self.idle.setSpecialValueText(tr("setup", "never"))
        self.idle.setValue(draft.idle_logoff_minutes)
        self.idle.setMinimumWidth(self.idle.sizeHint().width())
        self.country.currentIndexChanged.connect(lambda _i: self._fill_subdivisions(None))
        self._provider(draft)
        self.funders = FundersEditor(draft.funders, self)
        self.fields["funders"] = self.funders.name
        self.tabs.addTab(self.funders, tr("setup", "Funders"))
        self.setMinimumWidth(640)
        self.finish()

    def _locale_rows(self, draft: SettingsDraft) -> None:
        """The practice's language and region (words, dates, numbers) and its currency."""
        self.language = self.add_row(tr("setup", "Language and region:"),
                                     _searchable(QComboBox()), "locale")  # fmt: skip
        for code, name in i18n.locale_choices():
            self.language.addItem(f"{name} — {code}", code)
        self.language.setCurrentIndex(self.language.findData(draft.locale))
        self.currency = self.add_row(tr("setup", "Currency:"), _searchable(QComboBox()), "currency")
        for code, name in currency_choices():
            self.currency.addItem(f"{code} — {name}", code)
        self.currency.setCurrentIndex(self.currency.findData(draft.currency))

    @staticmethod
    def _code(combo: QComboBox) -> str:
        """The chosen entry's code; typed text that is no entry goes to the service as typed."""
        text = combo.currentText()
        index = combo.findText(text)
        return str(combo.itemData(index)) if index >= 0 else text.strip()

    def _tabs(self, draft: SettingsDraft) -> None:
        """The form the base dialog made goes on the General tab; the tabs take its place."""
        self.outer.removeWidget(self.form_area)
        general = self.form_area.takeWidget()
        self.form_area.deleteLater()
        self.tabs = QTabWidget(self)
        accessible(self.tabs, tr("setup", "Practice settings"))
        self.tabs.addTab(general, tr("setup", "General"))
        self.outer.addWidget(self.tabs)

    def _provider(self, draft: SettingsDraft) -> None:
        page = QWidget(self)
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        note = QLabel(tr("setup", "Printed on reports and invoices, signed on client e-mails and "
                                  "written into the NDIS claim file."), page)  # fmt: skip
        note.setWordWrap(True)
        form.addRow(note)

        def row(label: str, value: str, name: str, hint: str = "") -> QLineEdit:
            edit = QLineEdit(value, page)
            edit.setPlaceholderText(hint)
            accessible(edit, label)
            form.addRow(label, edit)
            self.fields[name] = edit
            return edit

        self.legal_name = row(tr("setup", "Legal name:"), draft.legal_name, "legal_name",
                              tr("setup", "as registered with the ABR"))  # fmt: skip
        self.abn = row(tr("setup", "ABN:"), format_abn(draft.abn), "abn", "51 824 753 556")
        self.ndis = row(tr("setup", "NDIS registration number:"), draft.ndis_registration_number,
                        "ndis_registration_number", "4050012345")  # fmt: skip
        self.address = row(tr("setup", "Address:"), draft.address, "address")
        self.phone = row(tr("setup", "Phone:"), draft.phone, "phone")
        self.email = row(tr("setup", "E-mail:"), draft.email, "email", "name@example.com")
        self.payment = row(tr("setup", "Payment details on invoices:"), draft.invoice_payment,
                           "invoice_payment",
                           tr("setup", "BSB 062-000, account 1234 5678; quote the invoice number"))  # fmt: skip
        self.tabs.addTab(page, tr("setup", "Provider details"))

    def show_refusal(self, exc: FrontDeskError) -> None:
        """The service's sentence, on the tab that holds the field it is about. A setting or
        funder changed at another desk too: the form is filled again from the settings as they now
        are, keeping the changes made here that nobody else made, then says so."""
        reloads = (*SETTING_FIELDS, "funders")
        if isinstance(exc, ConflictError) and exc.field in reloads and self.reload:
            mine = self.draft()
            self.reload(lambda now: self._reopened(mine, now, exc))
            return
        self._show_refusal(exc)

    def _reopened(self, mine: SettingsDraft, now: SettingsDraft, exc: FrontDeskError) -> None:
        form = reopened_form(mine, self.seen, now)
        self.fill(now)
        self.unsaved.mark()  # what the others saved is the form's unchanged state
        self.fill(form)
        self.seen = now
        self._show_refusal(exc)

    def fill(self, d: SettingsDraft) -> None:
        """Show these settings in every field and the funders list."""
        self.name.setText(d.name)
        self.zone.setCurrentText(d.time_zone)
        self.country.setCurrentIndex(max(0, self.country.findData(d.country)))
        self._fill_subdivisions(d.subdivision)
        self.counting.setCurrentIndex(self.counting.findData(d.clear_day_counting))
        self.paper.setCurrentText(d.paper_size)
        self.language.setCurrentIndex(self.language.findData(d.locale))
        self.currency.setCurrentIndex(self.currency.findData(d.currency))
        self.freq_count.setValue(d.frequent_canceller_count)
        self.freq_weeks.setValue(d.frequent_canceller_weeks)
        self.idle.setValue(d.idle_logoff_minutes)
        for edit, value in ((self.legal_name, d.legal_name), (self.abn, format_abn(d.abn)),
                            (self.ndis, d.ndis_registration_number), (self.address, d.address),
                            (self.phone, d.phone), (self.email, d.email),
                            (self.payment, d.invoice_payment)):  # fmt: skip
            edit.setText(value)
        self.funders.set_rows(d.funders)

    def _show_refusal(self, exc: FrontDeskError) -> None:
        widget = self.fields.get(exc.field or "")
        for i in range(self.tabs.count()):
            page = self.tabs.widget(i)
            if widget is not None and page is not None and page.isAncestorOf(widget):
                self.tabs.setCurrentIndex(i)
        super().show_refusal(exc)

    def _thresholds(self, draft: SettingsDraft) -> None:
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self.freq_count, self.freq_weeks = QSpinBox(row), QSpinBox(row)
        self.freq_count.setRange(1, 50)
        self.freq_weeks.setRange(1, 104)
        self.freq_count.setValue(draft.frequent_canceller_count)
        self.freq_weeks.setValue(draft.frequent_canceller_weeks)
        for spin in (self.freq_count, self.freq_weeks):  # never squeezed below their digits
            spin.setMinimumWidth(
                spin.sizeHint().width() + spin.fontMetrics().horizontalAdvance("00")
            )
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
            self.legal_name.text(), self.abn.text(), self.address.text(), self.phone.text(),
            self.email.text(), self.funders.drafts(), self._code(self.language),
            self._code(self.currency), invoice_payment=self.payment.text(),
        )  # fmt: skip


class FundersEditor(QWidget):
    """The funders list: add one, rename it, say whether it pays fees, deactivate it.

    Changes stay in the dialog until Save; a funder is never deleted (clients name it)."""

    def __init__(self, funders: Sequence[FunderDraft], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[FunderDraft] = list(funders)
        layout = QVBoxLayout(self)
        note = QLabel(tr("setup", "Insurers and schemes that pay for private clients' sessions. "
                                  "When a client's funder does not pay late-cancellation and "
                                  "no-show fees, the fee is charged to the client."), self)  # fmt: skip
        note.setWordWrap(True)
        layout.addWidget(note)
        body = QHBoxLayout()
        left = QVBoxLayout()
        self.list = QListWidget(self)
        accessible(self.list, tr("setup", "Funders"))
        left.addWidget(self.list, 1)
        self.add_button = QPushButton(tr("setup", "&Add funder"), self)
        left.addWidget(self.add_button)
        self.list.setMinimumWidth(270)
        empty = tr("setup", "No funders yet. Use Add funder for each insurer or scheme.")
        self.empty_hint = EmptyListHint(self.list, empty, ready=True)  # the funders came read
        body.addLayout(left, 1)
        right = QFormLayout()
        self.name = QLineEdit(self)
        accessible(self.name, tr("setup", "Funder's name:"))
        right.addRow(tr("setup", "Funder's name:"), self.name)
        self.pays_fees = QCheckBox(tr("setup", "Pays late-cancellation and no-show fees"), self)
        accessible(self.pays_fees, self.pays_fees.text())
        right.addRow(self.pays_fees)
        self.active = QCheckBox(tr("setup", "Active (clear it to deactivate)"), self)
        accessible(self.active, tr("setup", "Active"))
        right.addRow(self.active)
        body.addLayout(right, 1)
        layout.addLayout(body, 1)
        for f in self._rows:
            self.list.addItem(self._label(f))
        self.list.currentRowChanged.connect(self._show)
        self.name.textEdited.connect(lambda text: self._change(name=text))
        self.pays_fees.toggled.connect(lambda on: self._change(pays_fees=on))
        self.active.toggled.connect(lambda on: self._change(active=on))
        self.add_button.clicked.connect(self.add)
        self._show(0 if self._rows else -1)
        if self._rows:
            self.list.setCurrentRow(0)

    @staticmethod
    def _label(f: FunderDraft) -> str:
        fees = tr("setup", "pays fees") if f.pays_fees else tr("setup", "client pays fees")
        inactive = tr("setup", ", inactive") if not f.active else ""
        return f"{f.name} ({fees}{inactive})"

    def _show(self, row: int) -> None:
        """Put the chosen funder in the editor (nothing chosen: the editor greys out)."""
        chosen = 0 <= row < len(self._rows)
        for w in (self.name, self.pays_fees, self.active):
            w.setEnabled(chosen)
            w.blockSignals(True)
        f = self._rows[row] if chosen else FunderDraft(None, "")
        self.name.setText(f.name)
        self.pays_fees.setChecked(f.pays_fees)
        self.active.setChecked(f.active)
        for w in (self.name, self.pays_fees, self.active):
            w.blockSignals(False)

    def _change(self, **values: object) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self._rows):
            return
        self._rows[row] = replace(self._rows[row], **values)  # type: ignore[arg-type]
        item = self.list.item(row)
        if item is not None:
            item.setText(self._label(self._rows[row]))

    def add(self) -> None:
        """A new funder, not paying fees until ticked; its name is ready to type."""
        self._rows.append(FunderDraft(None, tr("setup", "New funder")))
        self.list.addItem(self._label(self._rows[-1]))
        self.list.setCurrentRow(len(self._rows) - 1)
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)
        self.name.selectAll()

    def set_rows(self, funders: Sequence[FunderDraft]) -> None:
        """Show these funders, the one chosen before still chosen."""
        row = max(0, self.list.currentRow())
        self._rows = list(funders)
        self.list.clear()
        for f in self._rows:
            self.list.addItem(self._label(f))
        self._show(-1)
        if self._rows:
            self.list.setCurrentRow(min(row, len(self._rows) - 1))

    def drafts(self) -> tuple[FunderDraft, ...]:
        """The funders as edited (checked by the service on Save)."""
        return tuple(self._rows)
