"""Print…: the reports' and the day sheet's own PDFs in Qt's print preview and on the printer.

The preview dialog is modal; `open_modal` is replaced so the test looks at it instead of
waiting on it: the pages the preview drew, then its Print (the preview's own print, with the
printer writing a PDF file here) and the pages that came out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtPrintSupport import QPrinter

from app.bootstrap import AppContext
from app.services.desk import Desk, open_desk
from app.ui.printing import preview as preview_mod
from app.ui.printing.document import PrintDocument
from app.ui.printing.pages import PdfPages
from app.ui.reports.audit_view import AuditLogDialog
from app.ui.reports.cancellation_dialog import CancellationReportDialog
from app.ui.tasks import TaskRunner


@dataclass
class Previews:
    """What each preview opened showed and what its Print sent to the printer."""

    out: Path
    shown: list[preview_mod.PrintPreview] = field(default_factory=list)
    drawn: list[int] = field(default_factory=list)  # pages the preview drew
    printed: list[int] = field(default_factory=list)  # pages in the printer's PDF file
    titles: list[str] = field(default_factory=list)
    print_it: bool = True


@pytest.fixture
def previews(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Previews:
    state = Previews(tmp_path / "printed.pdf")

    def look(dialog: preview_mod.PrintPreview) -> int:
        state.shown.append(dialog)
        state.titles.append(dialog.windowTitle())
        widget = dialog.preview_widget()
        widget.updatePreview()  # what showing the dialog does
        state.drawn.append(widget.pageCount())
        if state.print_it:
            dialog.printer().setResolution(100)  # pages drawn at 100 dpi: a quick test
            dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            dialog.printer().setOutputFileName(str(state.out))
            widget.print_()  # the preview's Print, once the print dialog said OK
            state.printed.append(len(PdfReader(str(state.out)).pages))
        return 0

    monkeypatch.setattr(preview_mod, "open_modal", look)
    return state


@pytest.fixture
def desk(demo_ctx: AppContext) -> Desk:
    return open_desk(demo_ctx.db, "manager")


@pytest.fixture
def runner() -> TaskRunner:
    return TaskRunner(synchronous=True)


def test_the_cancellation_report_prints_the_pages_it_saves(
    qtbot: Any, desk: Desk, runner: TaskRunner, previews: Previews, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    dialog = CancellationReportDialog(desk, runner)
    qtbot.addWidget(dialog)
    dialog.from_edit.setDate(QDate(2026, 3, 1))
    dialog.to_edit.setDate(QDate(2026, 3, 1))
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert len(previews.shown) == 1
    saved = tmp_path / "saved.pdf"
    monkeypatch.setattr("app.ui.reports.cancellation_dialog.choose_save_path", lambda *_a: saved)
    qtbot.mouseClick(dialog.save_pdf, Qt.MouseButton.LeftButton)
    pages = len(PdfReader(str(saved)).pages)
    assert pages >= 2  # a portrait summary, then the landscape detail
    assert previews.drawn == [pages] and previews.printed == [pages]
    assert previews.titles == ["Print preview — Cancellation report 1 Mar 2026"]
    assert previews.shown[0].printer().pageLayout().orientation().name == "Portrait"


def test_the_audit_log_prints_the_events_shown(
    qtbot: Any, desk: Desk, runner: TaskRunner, previews: Previews
) -> None:
    dialog = AuditLogDialog(desk, runner)
    qtbot.addWidget(dialog)
    dialog.action.setCurrentIndex(dialog.action.findData("session.cancel"))
    dialog.apply_filters()
    previews.print_it = False  # the preview's page count is the point here
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert len(previews.shown) == 1
    document_pages = int(dialog.status.text().split()[2])  # "Print preview: 3 pages."
    assert previews.drawn == [min(document_pages, preview_mod.PREVIEW_PAGES)]
    assert previews.shown[0].printer().pageLayout().orientation().name == "Landscape"


def _pdf(pages: int, tmp_path: Path) -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "n.pdf"
    canvas = Canvas(str(path))
    for n in range(pages):
        canvas.drawString(72, 720, f"Page {n + 1}")
        canvas.showPage()
    canvas.save()
    return path.read_bytes()


def test_a_long_document_previews_its_first_pages_and_prints_the_range_chosen(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(preview_mod, "PREVIEW_PAGES", 4)
    pages = PdfPages(_pdf(6, tmp_path))
    document = PrintDocument("Audit log", pages.data, len(pages))
    dialog = preview_mod.PrintPreview(document)
    qtbot.addWidget(dialog)
    assert "the first 4 of 6 pages shown; all are printed" in dialog.windowTitle()
    widget = dialog.preview_widget()
    widget.updatePreview()
    assert widget.pageCount() == 4
    dialog.pages.close()
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFileName(str(tmp_path / "range.pdf"))
    printer.setFromTo(3, 5)  # as the print dialog sets "Pages 3 to 5"
    assert preview_mod.paint_pages(printer, pages) == 3
    assert len(PdfReader(str(tmp_path / "range.pdf")).pages) == 3
    pages.close()


def test_pages_render_at_the_resolution_asked(tmp_path: Path) -> None:
    pages = PdfPages(_pdf(1, tmp_path))
    image = pages.image(0, 72)
    assert (image.width(), image.height()) == (596, 842)  # A4 in points, one pixel each
    turned = pages.image(0, 36, rotate=True)
    assert (turned.width(), turned.height()) == (421, 298)
    # Turned as printers turn a landscape page: its top to the left, "Page 1" low on that side.
    ink = [turned.pixelColor(x, y).lightness() for x in range(52, 66) for y in range(238, 266)]
    assert min(ink) < 100
    assert image.pixelColor(300, 400).name() == "#ffffff"  # paper
    ink = [image.pixelColor(x, y).lightness() for x in range(72, 110) for y in range(112, 124)]
    assert min(ink) < 100  # "Page 1", drawn 72 pt in and 720 pt up
    pages.close()
