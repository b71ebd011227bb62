"""The details panel: one session's bookings, cancellation history, SDs, money, notes, audit.

The records staff act on from here are links: a client's account, removing a payment or an
adjustment (managers), the session's note, taking a payment, marking insurer billing. A link
emits `record_requested(what, id)`; the dialogs controller opens what it asks for.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import QTextBrowser, QToolBar, QVBoxLayout, QWidget

from app.services.schedule.details import SessionDetails
from app.ui.i18n import tr
from app.ui.schedule.details_html import Can, details_html, nobody
from app.ui.schedule.style import mix


class DetailsPanel(QWidget):
    """Shows one session; loaded by the main window in the background."""

    # A link was followed: (what, id) — account/client id, remove_payment/payment id,
    # remove_adjustment/adjustment id, note, take_payment or bill_insurer/session id.
    record_requested = Signal(str, int)

    def __init__(self, tz: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tz = tz
        # Which links the signed-in user is offered (the dialogs controller sets it).
        self.can: Can = nobody
        self.details: SessionDetails | None = None
        self._now = datetime.min
        self._message = ""
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("detailsBrowser")
        self.browser.setAccessibleName(tr("details", "Session details"))
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._on_browser_anchor_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # The session's actions, the same QActions as the context menu (enabled state, tooltips).
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("detailsActions")
        self.toolbar.setAccessibleName(tr("details", "Session actions"))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.browser)
        self._apply_style()
        self.show_message(
            tr(
                "details",
                "Select a session to see its bookings, cancellation history, billing and audit.",
            )
        )

    def add_actions(self, actions: list[QAction]) -> None:
        """Offer these actions above the details (the window passes its session actions)."""
        self.toolbar.addActions(actions)

    def _apply_style(self) -> None:
        pal = self.palette()
        muted = mix(
            pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.Text), 0.6
        ).name()
        line = mix(
            pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.Text), 0.15
        ).name()
        self.browser.document().setDefaultStyleSheet(
            f"h3 {{ margin-bottom: 2px; }} h4 {{ margin-top: 12px; margin-bottom: 4px; }}"
            f" th {{ text-align: left; color: {muted}; border-bottom: 1px solid {line}; }}"
            f" td {{ border-bottom: 1px solid {line}; }} td.k {{ color: {muted}; padding-right: 8px; }}"
            f" .muted {{ color: {muted}; }} .none {{ color: {muted}; }}"
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """Light/dark switch: the rich text's colours come from the palette, so redraw it."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_style()
            if self.details is not None:
                self.show_details(self.details, self._now)
            else:
                self.show_message(self._message)

    def show_message(self, message: str) -> None:
        """Show a sentence instead of a session."""
        self.details, self._message = None, message
        self.browser.setHtml(f"<p class='none'>{escape(message)}</p>")

    def show_details(self, details: SessionDetails, now: datetime) -> None:
        """Show `details`; a refresh of the same session keeps the scroll position."""
        bar = self.browser.verticalScrollBar()
        same = self.details is not None and self.details.block.id == details.block.id
        keep = bar.value() if same else 0
        self.details, self._now = details, now
        self.browser.setHtml(details_html(details, self.tz, now, self.can))
        bar.setValue(keep)

    def _on_browser_anchor_clicked(self, url: QUrl) -> None:
        what, _, number = url.toString().partition(":")
        if number.isdigit():
            self.record_requested.emit(what.replace("-", "_"), int(number))

    def plain_text(self) -> str:
        """The panel's text (tests, accessibility checks)."""
        return self.browser.toPlainText()
