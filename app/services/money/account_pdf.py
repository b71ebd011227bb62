"""A client's account printed: the reports' header and footer over its packs and lines.

Kept apart from `account.py` so that reading an account never loads reportlab.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from reportlab.platypus import Flowable, LongTable, Paragraph, Spacer, TableStyle

from app.db import UnitOfWork
from app.i18n import QT_TRANSLATE_NOOP, translate, when_text
from app.models.money import format_money
from app.services.money.account import STATE_TEXT, ClientAccount, Exported, client_account
from app.services.reports.formatting import generated_text
from app.services.reports.pdf_base import (
    Furniture,
    ReportDocument,
    choose_fonts,
    fit,
    frame_size,
    grid_style,
    save_pdf,
    styles,
    wrap,
)
from app.services.storage.export_target import checked_target


def _summary(a: ClientAccount, st: dict[str, Any]) -> list[Flowable]:
    """ "Account of Ann Lee", then who pays, the credits left (or owed) and what was paid."""
    if a.balance >= 0:
        said = translate(
            "money", "Paid by: {payer}. Credits left: {credits}. Paid to date: {paid}."
        )
    else:
        said = translate(
            "money", "Paid by: {payer}. Credits owed: {credits}. Paid to date: {paid}."
        )
    line = said.format(payer=a.payer, credits=abs(a.balance), paid=format_money(a.paid_cents))
    return [
        Paragraph(
            _escape(translate("money", "Account of {name}").format(name=a.name)), st["title"]
        ),
        Paragraph(_escape(line), st["subtitle"]),
        Spacer(1, 8),
    ]


# The tables' headings (the window's columns say the same words).
PACK_COLUMNS = (
    QT_TRANSLATE_NOOP("money", "Bought"),
    QT_TRANSLATE_NOOP("money", "Pack"),
    QT_TRANSLATE_NOOP("money", "Credits"),
    QT_TRANSLATE_NOOP("money", "Left"),
    QT_TRANSLATE_NOOP("money", "Expires"),
    QT_TRANSLATE_NOOP("money", "State"),
)
LINE_COLUMNS = (
    QT_TRANSLATE_NOOP("money", "When"),
    QT_TRANSLATE_NOOP("money", "What"),
    QT_TRANSLATE_NOOP("money", "Details"),
    QT_TRANSLATE_NOOP("money", "Credits"),
    QT_TRANSLATE_NOOP("money", "Left"),
    QT_TRANSLATE_NOOP("money", "Amount"),
    QT_TRANSLATE_NOOP("money", "Paid to date"),
)


def _headings(names: tuple[str, ...]) -> list[str]:
    return [translate("money", name) for name in names]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _pdf_story(a: ClientAccount, doc: ReportDocument, fonts: Any) -> list[Flowable]:
    st = styles(fonts)
    width, _ = frame_size(doc.portrait)
    tz = ZoneInfo(a.time_zone)
    size = 7.5
    story = _summary(a, st)
    if a.packs:
        story.append(Paragraph(_escape(translate("money", "Class packs")), st["h2"]))
        pw = [width * w for w in (0.14, 0.36, 0.1, 0.1, 0.16, 0.14)]
        data = [_headings(PACK_COLUMNS)]
        for p in a.packs:
            data.append([f"{when_text(p.bought_at.astimezone(tz), '%d %b %Y')}",
                         fit(p.name, pw[1] - 6, fonts.regular, size), str(p.credits), str(p.left),
                         when_text(p.expires_on, "%d %b %Y") if p.expires_on else translate("money", "never"),
                         translate("money", STATE_TEXT.get(p.state, p.state))])  # fmt: skip
        table = LongTable(data, colWidths=pw, repeatRows=1)
        table.setStyle(TableStyle(grid_style(fonts, size, right_columns=(2, 3))))
        story.append(table)
    story.append(Paragraph(_escape(translate("money", "Account lines")), st["h2"]))
    widths = [width * w for w in (0.13, 0.12, 0.37, 0.08, 0.08, 0.11, 0.11)]
    data = [_headings(LINE_COLUMNS)]
    for line in a.lines:
        data.append([f"{when_text(line.when.astimezone(tz), '%d %b %Y %H:%M')}", line.what,
                     wrap(line.details, widths[2] - 6, fonts.regular, size, 3),
                     f"{line.credits:+d}" if line.credits else "", str(line.credits_after),
                     format_money(line.amount_cents) if line.amount_cents else "",
                     format_money(line.paid_after)])  # fmt: skip
    table = LongTable(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(grid_style(fonts, size, right_columns=(3, 4, 5, 6))))
    story.append(table)
    if not a.lines:
        said = translate("money", "No purchases, credits or payments yet.")
        story.append(Paragraph(_escape(said), st["note"]))
    return story


def render_account_pdf(account: ClientAccount, path: Path) -> int:
    """The account as a printable PDF with the reports' header and footer; the page count."""
    target = checked_target(Path(path))
    texts = [account.practice_name, account.provider, account.name, account.payer,
             account.generated_by, *(p.name for p in account.packs),
             *(t for line in account.lines for t in (line.what, line.details))]  # fmt: skip
    fonts = choose_fonts(texts)
    tz = ZoneInfo(account.time_zone)
    furniture = Furniture(
        account.practice_name, translate("money", "Client account"), account.name,
        generated_text(account.generated_at, tz, account.generated_by), fonts, account.provider,
    )  # fmt: skip
    return save_pdf(
        target, account.paper_size, furniture, lambda doc: _pdf_story(account, doc, fonts)
    )


def write_account_pdf(uow: UnitOfWork, client_id: int, path: Path) -> Exported:
    """Read the account and print it to `path` as a PDF."""
    account = client_account(uow, client_id)
    pages = render_account_pdf(account, path)
    said = translate("money", "{name}'s account was saved to {path}.").format(
        name=account.name, path=path
    )
    return Exported(Path(path), pages, said)
