"""A finished PDF in memory, its pages rendered to images with PDFium on demand.

Printing renders the very PDF that Save writes (reportlab's), so what prints is what is
saved. PDFium draws it as a viewer would; QtPdf would do the same but comes only with the
whole PySide6-Addons package.
"""

from __future__ import annotations

import pypdfium2 as pdfium
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QImage

POINTS_PER_INCH = 72.0


class PdfPages:
    """The pages of one PDF: their size in points and their image at a chosen resolution."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self._doc = pdfium.PdfDocument(data)

    def __len__(self) -> int:
        return len(self._doc)

    def size(self, index: int) -> QSizeF:
        """The page's size in points (1/72 inch)."""
        width, height = self._doc[index].get_size()
        return QSizeF(width, height)

    def landscape(self, index: int) -> bool:
        size = self.size(index)
        return size.width() > size.height()

    def image(self, index: int, dpi: float, *, rotate: bool = False) -> QImage:
        """The page drawn at `dpi` pixels an inch (turned a quarter anticlockwise when `rotate`)."""
        page = self._doc[index]
        bitmap = page.render(
            scale=dpi / POINTS_PER_INCH,
            rotation=270 if rotate else 0,  # top to the left, as printers turn landscape
            rev_byteorder=True,  # RGB, as QImage reads it
            optimize_mode="print",
        )
        try:
            pixels = bytes(bitmap.buffer)
            image = QImage(
                pixels, bitmap.width, bitmap.height, bitmap.stride,
                QImage.Format.Format_RGB888,
            )  # fmt: skip
            return image.copy()  # own its pixels: the buffer goes with the bitmap
        finally:
            bitmap.close()
            page.close()

    def close(self) -> None:
        self._doc.close()
