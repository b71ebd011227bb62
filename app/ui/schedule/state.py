"""Per-desk window state in QSettings: geometry, docks, view mode, day, worker filter, tab."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QByteArray, QSettings

from app.ui.schedule.range import ViewMode


class WindowState:
    """What the window restores at start (a plain class: it loads with the first week, see
    app/ui/schedule/layout.py)."""

    __slots__ = ("anchor", "docks", "geometry", "hidden_workers", "mode", "schedule_top", "tab")

    def __init__(
        self,
        mode: ViewMode = ViewMode.WEEK,
        anchor: date | None = None,  # None: open on today
        hidden_workers: set[int] | None = None,
        tab: int = 0,
        geometry: QByteArray | None = None,
        docks: QByteArray | None = None,
        # Where the schedule sat: below the menu bar and toolbar, and below the tabs within them.
        schedule_top: tuple[int, int] | None = None,
    ) -> None:
        self.mode = mode
        self.anchor = anchor
        self.hidden_workers: set[int] = set() if hidden_workers is None else hidden_workers
        self.tab = tab
        self.geometry = geometry
        self.docks = docks
        self.schedule_top = schedule_top


def _list(value: object) -> list[object]:
    return value if isinstance(value, list) else [value]


def _ints(value: object) -> set[int]:
    return {int(str(x)) for x in _list(value) if str(x).isdigit()}


def read(today: date) -> WindowState:
    """The saved state; the day survives a restart the same day, a new day opens on today."""
    s = QSettings()
    mode = str(s.value("schedule/mode", ViewMode.WEEK.value))
    anchor = None
    if str(s.value("schedule/saved_on", "")) == today.isoformat():
        try:
            anchor = date.fromisoformat(str(s.value("schedule/date", "")))
        except ValueError:
            anchor = None
    geometry, docks = s.value("main/geometry"), s.value("main/state")
    tab = str(s.value("main/tab", "0"))
    top = [int(str(v)) for v in _list(s.value("main/schedule_top", [])) if str(v).isdigit()]
    return WindowState(
        mode=ViewMode(mode) if mode in {m.value for m in ViewMode} else ViewMode.WEEK,
        anchor=anchor,
        hidden_workers=_ints(s.value("schedule/hidden_workers", [])),
        tab=int(tab) if tab.isdigit() else 0,
        geometry=geometry if isinstance(geometry, QByteArray) else None,
        docks=docks if isinstance(docks, QByteArray) else None,
        schedule_top=(top[0], top[1]) if len(top) == 2 else None,
    )


def write(state: WindowState, anchor: date, today: date) -> None:
    """Save the window's state; the day is stamped with today so tomorrow opens on today."""
    s = QSettings()
    if state.geometry is not None:
        s.setValue("main/geometry", state.geometry)
    if state.docks is not None:
        s.setValue("main/state", state.docks)
    s.setValue("main/tab", state.tab)
    if state.schedule_top is not None:
        s.setValue("main/schedule_top", [str(v) for v in state.schedule_top])
    s.setValue("schedule/mode", state.mode.value)
    s.setValue("schedule/date", anchor.isoformat())
    s.setValue("schedule/saved_on", today.isoformat())
    s.setValue("schedule/hidden_workers", [str(i) for i in sorted(state.hidden_workers)])
