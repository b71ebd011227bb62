"""How a session looks on the schedule: the status decision, then colours from the palette."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import NamedTuple

from PySide6.QtGui import QColor, QPalette

from app.services.schedule.dto import SessionBlock
from app.services.vocabulary import BookingStatus, SessionStatus
from app.ui.i18n import tr


class Look(StrEnum):
    """The status family a block is drawn as."""

    ROSTERED = "rostered"
    UNRESOLVED = "unresolved"  # started, still booked, nobody completed or marked it
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class BadgeKind(StrEnum):
    """The marks a block can carry."""

    DONE = "done"
    DNA = "dna"
    PART_CANCELLED = "part_cancelled"
    UNRESOLVED = "unresolved"


class Badge(NamedTuple):
    """A small pill in a block's corner."""

    kind: BadgeKind
    text: str
    colour: QColor


class BlockStyle(NamedTuple):
    """Everything the painter needs to draw one block."""

    look: Look
    accent: QColor  # the stripe: the service colour, grey when cancelled
    fill: QColor
    text: QColor
    hatched: bool
    struck: bool
    badges: tuple[Badge, ...]


GREY = QColor("#8a8f98")
BADGE_COLOURS = {
    BadgeKind.DONE: QColor("#2e7d32"),
    BadgeKind.DNA: QColor("#c62828"),
    BadgeKind.PART_CANCELLED: QColor("#616873"),
    BadgeKind.UNRESOLVED: QColor("#b26a00"),
}


def look_of(block: SessionBlock, now: datetime) -> Look:
    """The status decision: cancelled, completed, started-but-unresolved, or rostered."""
    if block.status == SessionStatus.CANCELLED:
        return Look.CANCELLED
    if block.status == SessionStatus.COMPLETED:
        return Look.COMPLETED
    if block.starts_at <= now and block.count(BookingStatus.BOOKED):
        return Look.UNRESOLVED
    return Look.ROSTERED


def badges_of(block: SessionBlock, look: Look) -> tuple[Badge, ...]:
    """The marks beside the text: done tick, DNA, partly cancelled, unresolved."""
    out: list[Badge] = []
    if look == Look.COMPLETED and block.count(BookingStatus.ATTENDED):
        out.append(_badge(BadgeKind.DONE, "✓"))
    dna = block.count(BookingStatus.DNA)
    if dna:
        label = tr("schedule", "DNA")
        out.append(_badge(BadgeKind.DNA, label if dna == 1 else f"{label} {dna}"))
    if block.partly_cancelled:
        out.append(_badge(BadgeKind.PART_CANCELLED, f"✕{block.count(BookingStatus.CANCELLED)}"))
    if look == Look.UNRESOLVED:
        out.append(_badge(BadgeKind.UNRESOLVED, "?"))
    return tuple(out)


def _badge(kind: BadgeKind, text: str) -> Badge:
    found = _BADGES.get((kind, text))
    if found is None:
        found = _BADGES[(kind, text)] = Badge(kind, text, BADGE_COLOURS[kind])
    return found


# A badge is the same object wherever it is shown ("✓", "DNA 2", "✕3", "?"): a few dozen kinds.
_BADGES: dict[tuple[BadgeKind, str], Badge] = {}


def mix(base: QColor, over: QColor, amount: float) -> QColor:
    """`over` laid on `base` at `amount` (0..1) opacity."""
    return QColor.fromRgbF(
        base.redF() + (over.redF() - base.redF()) * amount,
        base.greenF() + (over.greenF() - base.greenF()) * amount,
        base.blueF() + (over.blueF() - base.blueF()) * amount,
    )


def is_dark(palette: QPalette) -> bool:
    """Whether the palette's base is dark."""
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


def block_style(block: SessionBlock, now: datetime, palette: QPalette) -> BlockStyle:
    """Colours by service, styled by status, readable on light and dark palettes."""
    look = look_of(block, now)
    badges = () if look == Look.CANCELLED else badges_of(block, look)
    key = (look, block.colour, palette.cacheKey(), tuple(map(id, badges)))
    found = _STYLES.get(key)
    if found is None:
        if len(_STYLES) > 4096:  # palettes come and go (light/dark): never grows unbounded
            _STYLES.clear()
        service, fill, text, hatched = _colours(look, block.colour, palette)
        found = _STYLES[key] = BlockStyle(look, service, fill, text, hatched, hatched, badges)
    return found


# (look, service colour, palette, badges) → the block's style: a week's ~1,700 blocks share a
# few dozen, and painting them makes no new style per block. The badges are the kept ones of
# _BADGES, so their ids name them.
_STYLES: dict[tuple[Look, str, int, tuple[int, ...]], BlockStyle] = {}


# (look, service colour, palette) → the block's colours: a week has a few dozen of them for
# its ~1,700 blocks, and the first paint of each week would otherwise mix them block by block.
_COLOURS: dict[tuple[Look, str, int], tuple[QColor, QColor, QColor, bool]] = {}


def _colours(look: Look, colour: str, palette: QPalette) -> tuple[QColor, QColor, QColor, bool]:
    key = (look, colour, palette.cacheKey())
    found = _COLOURS.get(key)
    if found is None:
        if len(_COLOURS) > 4096:  # palettes come and go (light/dark): never grows unbounded
            _COLOURS.clear()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        service = QColor(colour) if QColor.isValidColorName(colour) else GREY
        strength = 0.34 if is_dark(palette) else 0.2
        if look == Look.CANCELLED:
            found = (GREY, mix(base, GREY, strength * 0.8), mix(text, base, 0.45), True)
        else:
            if look == Look.COMPLETED:
                strength *= 0.6  # the past recedes a little
            found = (service, mix(base, service, strength), text, False)
        _COLOURS[key] = found
    return found
