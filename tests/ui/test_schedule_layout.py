"""The schedule's geometry: where each block goes, what an exposed area holds, what sizes it."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.bootstrap import AppContext
from app.models.enums import BookingStatus, SessionKind, SessionStatus
from app.services.dto import BookingInfo, ScheduleSnapshot, SessionBlock, WorkerRow
from app.ui import format as fmt
from app.ui.schedule import frame, geometry, painter, text
from app.ui.schedule import layout as lay
from app.ui.schedule.interaction import neighbour
from app.ui.schedule.range import ViewMode, bounds, visible_days
from app.ui.schedule.scene import Fonts
from app.ui.schedule.view import ScheduleView
from tests.ui.test_main_window import make_window
from tests.ui.test_schedule_view import NOW, TZ, B, block

DAYS = visible_days(date(2026, 3, 30), ViewMode.WEEK)
METRICS = lay.Metrics(line=17.0, char=7.0, name_width=120.0)


def _week() -> tuple[list[WorkerRow], list[SessionBlock]]:
    workers = [WorkerRow(w, f"Worker {w}", "#4a90d9", "", True) for w in (1, 2)]
    # Given out of order: a row is laid out by day, then by start (then id).
    hours = [(1, 30), (1, 2), (2, 5), (1, 26), (2, 50), (1, 3), (1, 2.5)]
    blocks = [
        block(SessionStatus.ROSTERED, (B,), h, sid=i + 1, worker=w)
        for i, (w, h) in enumerate(hours)
    ]
    return workers, blocks


def test_a_week_row_stacks_each_days_blocks_by_start_and_keeps_their_rectangles() -> None:
    workers, blocks = _week()
    layout = lay.build(ViewMode.WEEK, DAYS, TZ, workers, blocks, METRICS, 900.0)
    first = layout.rows[0]
    assert [laid.block.id for laid in first.laid] == [2, 7, 6, 4, 1]
    assert first.lefts == sorted(first.lefts) == [laid.x for laid in first.laid]
    for laid in first.laid:
        assert laid.rect == QRectF(laid.x, laid.y, laid.width, laid.height)
        assert laid.rect is laid.rect  # made once
        assert layout.by_id[laid.block.id] is laid
    same_day = [laid for laid in first.laid if laid.x == first.laid[0].x]
    assert [laid.block.id for laid in same_day] == [2, 7, 6]
    assert [laid.y for laid in same_day] == sorted(laid.y for laid in same_day)
    assert first.height == 3 * (METRICS.chip + 2) + 2 * METRICS.pad


def test_an_exposed_area_yields_exactly_the_blocks_it_meets() -> None:
    workers, blocks = _week()
    layout = lay.build(ViewMode.WEEK, DAYS, TZ, workers, blocks, METRICS, 900.0)
    everything = [laid for row in layout.rows for laid in row.laid]
    for area in (
        QRectF(0, 0, 900, 400),
        QRectF(0, 0, 60, 30),
        QRectF(150, 10, 200, 40),
        QRectF(600, 0, 300, 400),
    ):
        found = {laid.block.id for laid in layout.in_rect(area)}
        assert found == {laid.block.id for laid in everything if laid.rect.intersects(area)}
    target = layout.by_id[6]
    hit = layout.at(target.x + 2, target.y + 2)
    assert hit is target


def _snapshot(names: list[str]) -> ScheduleSnapshot:
    start, end = bounds(DAYS, TZ)
    rows = tuple(WorkerRow(i + 1, n, "#4a90d9", "", True) for i, n in enumerate(names))
    return ScheduleSnapshot(start, end, rows, (block(SessionStatus.ROSTERED, (B,), 2),), 1)


def test_the_sizes_follow_the_longest_worker_name_and_the_font(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = ScheduleView(TZ, NOW)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.set_snapshot(_snapshot(["Al", "Bo"]), ViewMode.WEEK, DAYS)
    short = view.layout_.metrics
    view.set_snapshot(_snapshot(["Al", "Bo"]), ViewMode.WEEK, DAYS + [DAYS[-1] + timedelta(1)])
    assert view.layout_.metrics == short
    view.set_snapshot(
        _snapshot(["Al", "Dr Maximiliana Wolfeschlegelsteinhausen-Bergerdorff"]),
        ViewMode.WEEK,
        DAYS,
    )
    assert view.layout_.metrics.name_width > short.name_width
    bigger = QFont(view.font())
    bigger.setPointSizeF(view.font().pointSizeF() * 2)
    view.setFont(bigger)
    assert view.layout_.metrics.line > short.line
    assert view.layout_.metrics.char > short.char


# -- a week that fits the front desk's screens ------------------------------------------------


@pytest.mark.parametrize(
    ("width", "height", "scale"),
    [(1366, 768, 1.0), (1280, 720, 1.0), (1920, 1080, 1.5)],
    ids=["1366x768", "1280x720", "1920x1080@150%"],
)
def test_the_week_shows_seven_days_without_scrolling_across_and_names_readable(
    qtbot, demo_ctx: AppContext, width: int, height: int, scale: float
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, demo_ctx)
    if scale != 1.0:  # 150 %: every font half as large again
        font = QFont(window.font())
        font.setPointSizeF(font.pointSizeF() * scale)
        window.setFont(font)
    window.resize(width, height)
    window.set_mode(ViewMode.WEEK)
    QApplication.processEvents()
    view = window.view
    assert window.calendar_dock.isVisible() and window.details_dock.isVisible()
    assert window.details_dock.width() >= 250  # the panels keep their room
    layout = view.layout_
    assert len(layout.days) == 7
    bar = view.horizontalScrollBar()
    assert bar.maximum() == 0 and not bar.isVisible()
    right = view.viewport().width()
    rects = {sid: view.block_rect(sid) for sid in layout.by_id}
    assert rects and all(r is not None and r.right() <= right for r in rects.values())
    sunday = layout.col_lefts[-1] + layout.col_width[-1]
    assert sunday <= layout.width <= right
    view.viewport().grab()  # paint: the texts below are what was drawn
    fm = QFontMetricsF(view.font())
    small = QFontMetricsF(Fonts.of(view.font()).small)
    shown = [sid for sid in layout.by_id if view.drawn_text(sid)]
    assert len(shown) > 20
    for sid in shown:
        block_ = layout.by_id[sid].block
        words = view.drawn_text(sid)
        assert not any("…" in w for w in words), (
            words
        )  # the demo's names all fit, at least by surname
        name = words[-1] if layout.compact else words[0].split(" ", 1)[1]
        if block_.kind is SessionKind.INDIVIDUAL:
            assert name in text.name_forms(block_.client_names)
        else:
            assert text.who(block_) in name  # a group keeps its fill
        assert small.horizontalAdvance(words[-1]) <= layout.by_id[sid].width - 12
    assert fm.height() > 0


def _people(names: list[str], worker: int = 1) -> list[SessionBlock]:
    """One session a day at 09:00 for each name, Monday on."""
    out = []
    for i, name in enumerate(names):
        start = datetime.combine(DAYS[i % 5], time(9), TZ)
        out.append(
            SessionBlock(
                100 * worker + i,
                1,
                worker,
                f"Worker {worker}",
                "CODE",
                "Physiotherapy",
                "#3b82c4",
                "Clinic",
                start,
                start + timedelta(minutes=45),
                SessionStatus.ROSTERED,
                SessionKind.INDIVIDUAL,
                1,
                19399,
                None,
                (BookingInfo(i, i, name, BookingStatus.BOOKED, 1),),
            )  # fmt: skip
        )
    return out


NAMES = ["Isla Brown", "Charlotte Ryan", "Oliver Williams", "Ava Thompson", "Leo Wilson"]


def _view_with(qtbot, names: list[str], width: int, workers: int = 1) -> ScheduleView:  # type: ignore[no-untyped-def]
    view = ScheduleView(TZ, NOW)
    qtbot.addWidget(view)
    view.resize(width, 500)
    view.show()
    start, end = bounds(DAYS, TZ)
    rows = tuple(WorkerRow(w, f"Worker {w}", "#4a90d9", "", True) for w in range(1, workers + 1))
    blocks = tuple(b for w in range(1, workers + 1) for b in _people(names, w))
    view.set_snapshot(ScheduleSnapshot(start, end, rows, blocks, 1), ViewMode.WEEK, DAYS)
    QApplication.processEvents()
    view.viewport().grab()
    return view


def test_a_narrow_day_puts_the_name_on_a_second_line_and_a_wide_one_writes_it_in_full(
    qtbot,
) -> None:  # type: ignore[no-untyped-def]
    wide = _view_with(qtbot, NAMES, 1600)
    assert not wide.layout_.compact
    for b in _people(NAMES):
        assert wide.drawn_text(b.id) == [f"{fmt.hm(b.starts_at, TZ)} {b.client_names}"]
        assert wide.layout_.by_id[b.id].height == wide.layout_.metrics.chip
    narrow = _view_with(qtbot, NAMES, 660)
    layout = narrow.layout_
    assert layout.compact and narrow.horizontalScrollBar().maximum() == 0
    small = QFontMetricsF(Fonts.of(narrow.font()).small)
    for b in _people(NAMES):
        laid = layout.by_id[b.id]
        assert laid.height == layout.metrics.tall_chip  # two lines: the time, then the name
        when, name = narrow.drawn_text(b.id)
        assert when == fmt.hm(b.starts_at, TZ)
        forms = text.name_forms(b.client_names)
        assert name in forms
        # the longest form that fits, by measured width
        room = laid.width - 12
        assert name == next(f for f in forms if small.horizontalAdvance(f) <= room)
    assert any(narrow.drawn_text(b.id)[1] != b.client_names for b in _people(NAMES))


def test_between_the_two_a_name_goes_by_initial_or_surname_on_one_line(qtbot) -> None:  # type: ignore[no-untyped-def]
    seen: set[str] = set()
    for width in range(660, 1600, 40):
        view = _view_with(qtbot, NAMES, width)
        if view.layout_.compact:
            continue
        for b in _people(NAMES):
            words = view.drawn_text(b.id)[0]
            at, name = words.split(" ", 1)
            assert at == fmt.hm(b.starts_at, TZ)
            assert name in text.name_forms(b.client_names), words
            seen.add("full" if name == b.client_names else "initial" if "." in name else "surname")
    assert {"full", "initial"} <= seen  # e.g. "09:00 C. Ryan" before "09:00 Charlotte R…"


def test_one_line_or_two_is_decided_by_measured_width_not_by_letters(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = _view_with(qtbot, NAMES, 900)
    m = view.layout_.metrics
    small = QFontMetricsF(Fonts.of(view.font()).small)
    thin, broad = "Ili Iliilii", "Wam WMWMWMW"  # as many letters, far from as wide
    assert len(thin) == len(broad)
    assert small.horizontalAdvance("WMWMWMW") > 1.5 * small.horizontalAdvance("Iliilii")
    for name, compact in ((thin, False), (broad, True)):
        blocks = _people([name] * 5)  # Monday to Friday, so the weekend is empty
        unit = lay.BLOCK_MARGIN + lay.TEXT_INSET + m.stamp + m.badge
        unit += (small.horizontalAdvance("Iliilii") + small.horizontalAdvance("WMWMWMW")) / 2
        weekend = max(unit * lay.EMPTY_DAY_SHARE, m.short_day + 8)
        found = lay.build(
            ViewMode.WEEK, DAYS, TZ, [WorkerRow(1, "W", "#4a90d9", "", True)], blocks, m,
            5 * unit + 2 * weekend, 400.0, lambda s: small.horizontalAdvance(s),
        )  # fmt: skip
        assert found.col_width[0] == pytest.approx(unit)
        assert found.compact is compact, name


def test_in_a_compact_week_clicks_and_arrow_keys_land_on_the_right_block(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = _view_with(qtbot, NAMES, 660, workers=3)
    layout = view.layout_
    assert layout.compact
    for sid, laid in layout.by_id.items():
        assert layout.at(laid.x + laid.width / 2, laid.y + laid.height - 2) is laid
        rect = view.block_rect(sid)
        assert rect is not None
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert view.selected_id == sid
    first = _people(NAMES, 1)
    view.select(first[0].id)
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Right)
    assert view.selected_id == first[1].id == neighbour(layout, first[0].id, "right")
    QTest.keyClick(view, Qt.Key.Key_Down)
    assert view.selected_id == _people(NAMES, 2)[1].id
    QTest.keyClick(view, Qt.Key.Key_Left)
    assert view.selected_id == _people(NAMES, 2)[0].id
    # the now line sits under Wednesday's 09:00 block, as tall as that block is (10:00 now)
    wednesday = layout.by_id[first[2].id]
    assert painter._now_y(layout, 0, 2, NOW) == wednesday.y + wednesday.height + 1.5


def test_day_headings_and_worker_summaries_shorten_by_measure_and_say_it_all_in_a_tooltip(
    qtbot,
) -> None:  # type: ignore[no-untyped-def]
    fonts = Fonts.of(QFont())
    plain, strong = QFontMetricsF(fonts.normal), QFontMetricsF(fonts.bold)
    today = DAYS[2]
    for width in (40.0, 60.0, 80.0, 100.0, 160.0):
        widths = [width] * 7
        labels = frame.day_labels(DAYS, widths, today, fonts.normal, fonts.bold)
        for day, label in zip(DAYS, labels, strict=True):
            fm, inset = (strong, 4 * frame.PILL_INSET) if day == today else (plain, 8)
            assert fm.horizontalAdvance(label) <= width - inset or "…" in label
        kinds = {
            label.count(" ") for day, label in zip(DAYS, labels, strict=True) if "…" not in label
        }
        assert len(kinds) <= 1  # days as wide as each other shortened alike
    wide = frame.day_labels(DAYS, [200.0] * 7, today, fonts.normal, fonts.bold)
    assert wide[2] == today.strftime("%a %d %b")
    view = _view_with(qtbot, NAMES, 660)
    scene = view.scene
    header = QPoint(int(scene.left + view.layout_.col_lefts[2] + 5), int(scene.header / 2))
    assert geometry.frame_tip(scene, header) == DAYS[2].strftime("%A %d %B %Y")
    worker = QPoint(5, int(scene.header + 5))
    assert geometry.frame_tip(scene, worker) == "Worker 1\n5 sessions"


def test_the_shorter_forms_of_a_name() -> None:
    assert text.name_forms("Isla Brown") == ("Isla Brown", "I. Brown", "Brown")
    assert text.name_forms("Ana de la Cruz") == ("Ana de la Cruz", "A. de la Cruz", "de la Cruz")
    assert text.name_forms("Madonna") == ("Madonna",) * 3
    assert text.name_forms("Isla Brown, Leo Wilson")[1:] == (
        "I. Brown, L. Wilson",
        "Brown, Wilson",
    )
