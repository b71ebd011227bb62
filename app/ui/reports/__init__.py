"""The Reports menu and its dialogs: cancellation report, audit log, SD extraction, iCalendar."""

from app.ui.reports.menu import ReportsMenu, build_reports_menu

__all__ = ["ReportsMenu", "build_reports_menu"]
