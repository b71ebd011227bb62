"""What a background job hands to Print…: the finished PDF and its name (no Qt, no PDFium)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PrintDocument:
    """A finished PDF to print, as the background job hands it to the GUI thread."""

    title: str  # "Cancellation report 1 – 31 Mar 2026": the window's and the print job's name
    pdf: bytes
    pages: int
