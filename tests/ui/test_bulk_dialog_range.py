"""The bulk dialog never cancels the ticks of a range it no longer shows."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from app.services.bulk.plan import BulkCandidate, BulkPreview, FilterChoices
from app.ui.bulk.dialog import BulkCancelDialog
from app.ui.ops import Outcome, Reply
from tests.ui.flows.driver import field, press, type_date

TZ = ZoneInfo("Australia/Sydney")
TODAY = date(2026, 12, 2)


def candidate(session_id: int, day: date) -> BulkCandidate:
    return BulkCandidate(session_id, datetime(day.year, day.month, day.day, 9, tzinfo=TZ),
                         "Sophie Martin", "Pilates", "Main room", (), None)  # fmt: skip


def test_go_waits_for_the_new_range_and_then_cancels_only_its_sessions(
    qtbot: Any, tmp_path: Path
) -> None:
    asked: list[tuple[date, date, Reply]] = []
    previewed: list[list[int]] = []

    def plan(first: date, last: date, _w: Any, _s: Any, _l: Any, reply: Reply) -> None:
        asked.append((first, last, reply))  # answered when the test says: a slow read

    def preview(ids: list[int], reply: Reply) -> None:
        previewed.append(ids)
        reply(Outcome(BulkPreview(len(ids), 0, 0, 0, 0, 0)))

    choices = FilterChoices([], [], [], [(8, "Practice: Practice closure")])
    dialog = BulkCancelDialog(choices, plan, TODAY, TZ, tmp_path, preview=preview,
                              now=lambda: datetime(2026, 12, 2, 9))  # fmt: skip
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ask_csv_path = lambda suggested: tmp_path / "closure.csv"
    dialog.confirm = lambda question: "Cancel sessions"
    asked.pop()[2](Outcome([candidate(1, TODAY), candidate(2, TODAY)]))  # this week's two
    assert dialog.go.isEnabled() and dialog.model.rowCount() == 2

    type_date(qtbot, field(dialog, "To"), "31/12/2026")  # a longer range: read again
    assert asked and asked[-1][1] == date(2026, 12, 31)
    assert not dialog.go.isEnabled(), "the ticks shown are the old range's"
    dialog._on_go()  # Enter or a click that slipped through still cancels nothing
    assert previewed == [] and dialog.draft is None
    assert "still being read" in field(dialog, "Problem").text()

    asked[-1][2](Outcome([candidate(1, TODAY), candidate(3, date(2026, 12, 20))]))
    assert dialog.go.isEnabled() and dialog.model.rowCount() == 2
    assert dialog.error.isHidden(), "the list shows the range asked for"
    press(dialog, "Cancel selected && export CSV")
    assert previewed == [[1, 3]]
    assert dialog.draft is not None and dialog.draft.session_ids == [1, 3]
    assert (dialog.draft.first, dialog.draft.last) == (date(2026, 11, 30), date(2026, 12, 31))
