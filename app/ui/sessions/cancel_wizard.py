"""The cancel wizard: what its caller gives it (`CancelContext`, `CancelPreset`), what its pages
collect (`CancelDraft`), and `CancelWizard`, which runs the preview and the cancellation through
the context and shows a refusal on the page of its field. The pages are in cancel_pages.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import cast
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QWidget, QWizard

from app.errors import ConflictError, FrontDeskError
from app.services.dto import (
    CancellationPreview,
    CancelRequest,
    CancelResult,
    SeriesScope,
    SessionBlock,
)
from app.services.vocabulary import BookingStatus, CancelledBy
from app.ui.format import session_label
from app.ui.i18n import tr
from app.ui.ops import Pending, Reply
from app.ui.screen_fit import open_size
from app.ui.sessions.cancel_pages import (
    PAGE_REVIEW,
    PAGE_WHO,
    ClientsPage,
    DetailsPage,
    ReviewPage,
    WhoPage,
    push_button,
)
from app.ui.sessions.common import ErrorLine

DETAIL_FIELDS = {"advised_at", "reason", "note", "waiver_reason", "scope"}


@dataclass
class CancelContext:
    """What the wizard needs, loaded by its caller; the callables run the services."""

    session: SessionBlock
    tz: ZoneInfo
    now: datetime
    reasons: dict[CancelledBy, list[tuple[int, str]]]
    can_waive: bool
    # Each runs off the GUI thread and answers through the Reply: the preview reads, confirm writes.
    preview: Callable[[CancelRequest, Reply], None]
    confirm: Callable[[CancelRequest, Reply], None]
    who: CancelledBy | None = None
    # The desk's clock, read when Now is pressed or "today" typed; without one, `now` stays put.
    clock: Callable[[], datetime] | None = None
    # Filled in beforehand (a client's text reply): who, when they told us, and the note.
    preset: CancelPreset | None = None

    def local_now(self) -> datetime:
        return (self.clock() if self.clock is not None else self.now).astimezone(self.tz)


@dataclass(frozen=True)
class CancelPreset:
    """A client cancellation already known in part: the booking, when they told us, a note."""

    booking_id: int
    advised_at: datetime
    note: str = ""


@dataclass
class CancelDraft:
    """What the pages have collected so far."""

    who: CancelledBy = CancelledBy.CLIENT
    booking_ids: list[int] = field(default_factory=list)
    advised_at: datetime | None = None
    reason_id: int | None = None
    note: str = ""
    waive: bool = False
    waiver_reason: str = ""
    scope: SeriesScope | str = SeriesScope.THIS  # as the combo hands it back

    def request(self, session: SessionBlock) -> CancelRequest:
        assert self.advised_at is not None
        return CancelRequest(
            session_id=session.id,
            cancelled_by=self.who,
            advised_at=self.advised_at,
            reason_id=self.reason_id or 0,
            booking_ids=tuple(self.booking_ids) if self.who == CancelledBy.CLIENT else (),
            note=self.note,
            waive=self.waive,
            waiver_reason=self.waiver_reason,
            expected_version=session.version,
            # The combo's value as it is: the request refuses, with a sentence, what is not one.
            scope=cast(SeriesScope, self.scope),
        )


class CancelWizard(QWizard):
    """Collects a cancellation; confirming runs the one cancel service through `ctx.confirm`."""

    def __init__(self, ctx: CancelContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.draft = CancelDraft(who=ctx.who or CancelledBy.CLIENT)
        self.booked = [c for c in ctx.session.clients if c.status == BookingStatus.BOOKED]
        self.draft.booking_ids = (
            [c.booking_id for c in self.booked] if len(self.booked) == 1 else []
        )
        preset = ctx.preset
        if preset is not None and any(c.booking_id == preset.booking_id for c in self.booked):
            self.draft.booking_ids = [preset.booking_id]
        self.preview: CancellationPreview | None = None
        self.result_: CancelResult | None = None
        self.conflict: str | None = None
        self._previewing, self._confirming = Pending(), Pending()
        self.session_label = session_label(ctx.session, ctx.tz)
        self.setWindowTitle(tr("cancel", "Cancel session"))
        self.setObjectName("cancelWizard")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        self.who_page = WhoPage(self)
        self.clients_page = ClientsPage(self)
        self.details_page = DetailsPage(self)
        self.review_page = ReviewPage(self)
        for page_id, page in enumerate(
            (self.who_page, self.clients_page, self.details_page, self.review_page)
        ):
            self.setPage(page_id, page)
        self.setStartId(PAGE_WHO)
        # Enter on Confirm, when it has the focus, goes to the default (Back) as anywhere else
        # on the review: only a click (or its shortcut) confirms.
        push_button(self, QWizard.WizardButton.FinishButton).setAutoDefault(False)
        if ctx.preset is not None:
            self.clients_page.picker.set_chosen(self.draft.booking_ids)
        open_size(self, 640, 560)

    def _error_page(self, exc: FrontDeskError) -> ErrorLine:
        if exc.field == "clients":
            return self.clients_page.error
        if exc.field in DETAIL_FIELDS:
            return self.details_page.error
        return (
            self.review_page.error if self.currentId() == PAGE_REVIEW else self.details_page.error
        )

    def _request(self) -> CancelRequest:
        if self.draft.who == CancelledBy.CLIENT and not self.draft.booking_ids:
            self.draft.booking_ids = (
                [c.booking_id for c in self.booked][:1] if len(self.booked) == 1 else []
            )
        return self.draft.request(self.ctx.session)

    def run_preview(self) -> bool:
        """Ask the service what would happen; its refusal is shown where the field is.

        The page waits for the reply (read off the GUI thread) and moves on when it comes.
        """
        try:
            request = self._request()
        except FrontDeskError as exc:  # a value the request refuses (checked at the boundary)
            return self._preview_refused(exc)
        outcome = self._previewing.take(lambda reply: self.ctx.preview(request, reply), self.next)
        if outcome is None:
            return False
        if outcome.error is not None:
            return self._preview_refused(outcome.error)
        self.preview = outcome.value
        self.details_page.error.clear_message()
        return True

    def _preview_refused(self, exc: FrontDeskError) -> bool:
        if isinstance(exc, ConflictError):
            self._conflict(exc)
            return False
        self._error_page(exc).show_message(exc.message)
        if exc.field == "clients":
            self.back()
        return False

    def run_confirm(self) -> bool:
        """Run the cancellation; the wizard closes when its reply says it is done."""
        try:
            request = self._request()
        except FrontDeskError as refused:
            self.review_page.error.show_message(refused.message)
            return False
        outcome = self._confirming.take(lambda reply: self.ctx.confirm(request, reply), self.accept)
        if outcome is None:
            return False
        exc = outcome.error
        if isinstance(exc, ConflictError):
            self._conflict(exc)
            return False
        if exc is not None:
            self.review_page.error.show_message(exc.message)
            return False
        self.result_ = outcome.value
        return True

    def _conflict(self, exc: ConflictError) -> None:
        self.conflict = exc.message
        self.reject()
