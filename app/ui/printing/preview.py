"""Print… : the report's PDF in Qt's print preview, whose Print button opens the print dialog.

The PDF is built off the GUI thread (by the dialog that asks, through its task runner); here
its pages are drawn onto the printer. The preview draws them at screen resolution and at most
`PREVIEW_PAGES` of them (a long audit export would fill the memory with pictures), the printer
at up to `PRINT_DPI`, every page of the range chosen, with a progress window it can stop.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPaintEngine, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from app.ui.i18n import tr
from app.ui.printing.document import PrintDocument
from app.ui.printing.pages import PdfPages
from app.ui.screen_fit import free_area

PREVIEW_DPI = 110.0
PREVIEW_PAGES = 40
PRINT_DPI = 300.0
PROGRESS_FROM = 4  # a print of more pages shows its progress (and can be stopped)


def new_printer(pages: PdfPages, title: str) -> QPrinter:
    """A printer on the PDF's paper (A4 or Letter), turned as its first page is."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setFullPage(True)  # the PDF carries its own margins
    if len(pages):
        size = pages.size(0)
        portrait = QSizeF(min(size.width(), size.height()), max(size.width(), size.height()))
        page_size = QPageSize(
            QPageSize.id(portrait, QPageSize.Unit.Point, QPageSize.SizeMatchPolicy.FuzzyMatch)
        )
        if not page_size.isValid() or page_size.id() == QPageSize.PageSizeId.Custom:
            page_size = QPageSize(portrait, QPageSize.Unit.Point)
        printer.setPageSize(page_size)
        landscape = pages.landscape(0)
        printer.setPageOrientation(
            QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
        )
    return printer


def _chosen_pages(printer: QPrinter, count: int) -> list[int]:
    """The page numbers (from 0) of the range chosen in the print dialog, or every page."""
    first, last = printer.fromPage(), printer.toPage()
    if first <= 0 and last <= 0:
        return list(range(count))
    first = max(first, 1)
    last = count if last <= 0 else min(last, count)
    return list(range(first - 1, last))


def paint_pages(printer: QPrinter, pages: PdfPages, parent: QWidget | None = None) -> int:
    """Draw the PDF's pages onto `printer` (the preview's or the real one); returns how many.

    Each page is scaled to the sheet keeping its shape; a landscape page on portrait paper
    (the cancellation report's detail) is turned, as a PDF viewer prints it.
    """
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    preview = painter.paintEngine().type() == QPaintEngine.Type.Picture
    chosen = _chosen_pages(printer, len(pages))
    if preview:
        chosen = chosen[:PREVIEW_PAGES]
    dpi = PREVIEW_DPI if preview else min(float(printer.resolution()), PRINT_DPI)
    progress = None if preview or len(chosen) < PROGRESS_FROM else _progress(parent, len(chosen))
    done = 0
    try:
        for n, index in enumerate(chosen):
            if progress is not None:
                progress.setValue(n)
                QApplication.processEvents()
                if progress.wasCanceled():
                    printer.abort()
                    break
            if n and not printer.newPage():
                break
            _draw_page(painter, printer, pages, index, dpi)
            done += 1
    finally:
        painter.end()
        if progress is not None:
            progress.close()
    return done


def _draw_page(
    painter: QPainter, printer: QPrinter, pages: PdfPages, index: int, dpi: float
) -> None:
    sheet = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
    rotate = pages.landscape(index) != (sheet.width() > sheet.height())
    image = pages.image(index, dpi, rotate=rotate)
    scale = min(sheet.width() / image.width(), sheet.height() / image.height())
    width, height = image.width() * scale, image.height() * scale
    target = QRectF(
        sheet.x() + (sheet.width() - width) / 2,
        sheet.y() + (sheet.height() - height) / 2,
        width,
        height,
    )
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.drawImage(target, image)


def _progress(parent: QWidget | None, total: int) -> QProgressDialog:
    progress = QProgressDialog(
        tr("printing", "Sending the pages to the printer…"), tr("printing", "Stop"), 0, total,
        parent,
    )  # fmt: skip
    progress.setObjectName("printProgress")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    return progress


def preview_title(document: PrintDocument) -> str:
    title = tr("printing", "Print preview — {title}").format(title=document.title)
    if document.pages > PREVIEW_PAGES:
        title += tr(
            "printing", " (the first {shown} of {pages} pages shown; all are printed)"
        ).format(shown=PREVIEW_PAGES, pages=document.pages)
    return title


def open_modal(dialog: QPrintPreviewDialog) -> int:
    """Show the preview until it is closed (tests replace this so nothing waits)."""
    return int(dialog.exec())


class PrintPreview(QPrintPreviewDialog):
    """Qt's print preview of one PDF; its Print button opens the system's print dialog."""

    def __init__(self, document: PrintDocument, parent: QWidget | None = None) -> None:
        pages = PdfPages(document.pdf)
        printer = new_printer(pages, document.title)
        super().__init__(printer, parent)
        self.pages = pages
        self.sheet_printer = printer  # Qt does not own it: kept as long as the dialog
        self.document = document
        self.setObjectName("printPreview")
        self.setWindowTitle(preview_title(document))
        self.setAccessibleName(self.windowTitle())
        self.paintRequested.connect(lambda printer: paint_pages(printer, self.pages, self))
        screen = free_area(self)
        if screen is not None:
            self.resize(min(1000, screen.width() - 80), screen.height() - 80)

    def preview_widget(self) -> QPrintPreviewWidget:
        found = self.findChild(QPrintPreviewWidget)
        assert isinstance(found, QPrintPreviewWidget)
        return found


def show_print_preview(document: PrintDocument, parent: QWidget | None = None) -> PrintPreview:
    """Open the preview of `document` over `parent`; returns it once it is closed."""
    dialog = PrintPreview(document, parent)
    try:
        open_modal(dialog)
    finally:
        dialog.pages.close()
    return dialog
