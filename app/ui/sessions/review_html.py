"""The review page's text: the notice and its working, charges, messages, the integration."""

from __future__ import annotations

from html import escape
from zoneinfo import ZoneInfo

from app.i18n import when_text
from app.services.dto import CancellationPreview, ClientCharge, SeriesScope
from app.services.vocabulary import format_money
from app.ui.i18n import QT_TRANSLATE_NOOP, tr

# The charge of a participant whose plan is not agency-managed: invoiced, with the claim type
# and reason the invoice names.
INVOICED = {
    "plan": QT_TRANSLATE_NOOP("review", " — invoice the plan manager ({claim})"),
    "self": QT_TRANSLATE_NOOP("review", " — invoice the participant ({claim})"),
}


def _charge_cell(c: ClientCharge) -> str:
    if c.waived:
        return f"{format_money(0)} <i>({escape(tr('review', 'waived'))})</i>"
    if c.charge_cents:
        claim = f"{c.claim_type} {c.reason_code or ''}".strip()
        if c.bill_to == "client":  # not claimed: the working says why
            code = tr("review", " — charged to the client")
        elif c.invoiced:  # the plan manager (or the participant) claims it from the plan
            code = tr("review", INVOICED[c.invoiced]).format(claim=claim)
        elif c.claim_type:
            code = (
                tr("review", " — claim {type} {code}")
                .format(type=c.claim_type, code=c.reason_code or "")
                .rstrip()
            )
        else:
            code = ""
        return f"<b>{format_money(c.charge_cents)}</b>{escape(code)}"
    why = c.not_charged_because or tr("review", "no charge")
    return f"{format_money(0)} <i>({escape(why)})</i>"


def _days(preview: CancellationPreview) -> str:
    if not preview.days:
        return ""
    counted, not_counted = tr("review", "counted"), tr("review", "not counted")
    items = "".join(
        f"<li>{escape(when_text(d.day, '%a %d %b'))}: {counted if d.counted else not_counted}"
        f" — {escape(d.why)}</li>"
        for d in preview.days
    )
    return f"<p><b>{escape(tr('review', 'Days'))}</b></p><ul>{items}</ul>"


# The series choices as the wizard offers them and the review repeats them.
SCOPE_TEXT = {
    SeriesScope.THIS: QT_TRANSLATE_NOOP("cancel", "This session only"),
    SeriesScope.FOLLOWING: QT_TRANSLATE_NOOP("cancel", "This and following sessions of the series"),
    SeriesScope.ALL: QT_TRANSLATE_NOOP("cancel", "All upcoming sessions of the series"),
}


def _series(preview: CancellationPreview, tz: ZoneInfo) -> str:
    """Which series choice was made, and every other session it cancels with its charge."""
    if not preview.in_series:
        return ""
    series, scope = tr("review", "Series:"), tr("cancel", SCOPE_TEXT[preview.scope])
    chosen = f"<p><b>{escape(series)}</b> {escape(scope)}"
    if not preview.series_items:
        return (
            f"{chosen} — {escape(tr('review', 'no other session of the series is cancelled.'))}</p>"
        )
    rows = "".join(
        f"<tr><td>{escape(when_text(i.starts_at.astimezone(tz), '%a %d %b %Y'))}</td>"
        f"<td>{i.starts_at.astimezone(tz):%H:%M}</td><td>{escape(i.clients)}</td>"
        f"<td>{format_money(i.charge_cents)}</td></tr>"
        for i in preview.series_items
    )
    count = len(preview.series_items)
    also = (
        tr("review", "also cancels 1 other session:")
        if count == 1
        else tr("review", "also cancels {n} other sessions:").format(n=count)
    )
    heads = "".join(
        f"<th align='left'>{escape(tr('review', h))}</th>"
        for h in (QT_TRANSLATE_NOOP("review", "Date"), QT_TRANSLATE_NOOP("review", "Time"),
                  QT_TRANSLATE_NOOP("review", "Clients"), QT_TRANSLATE_NOOP("review", "Charge"))
    )  # fmt: skip
    return (
        f"{chosen} — {escape(also)}</p>"
        f"<table cellspacing='0' cellpadding='4' border='1'><tr>{heads}</tr>"
        f"{rows}</table><p><b>{escape(tr('review', 'Total for every session:'))}</b> "
        f"{format_money(preview.series_charge_cents)}</p>"
    )


def review_html(preview: CancellationPreview, tz: ZoneInfo) -> str:
    """Rich text for the review page; every name is escaped."""
    short, enough = tr("review", "short notice"), tr("review", "enough notice")
    rows = "".join(
        f"<tr><td>{escape(c.client_name)}</td><td>{escape(short if c.short_notice else enough)}</td>"
        f"<td>{_charge_cell(c)}</td></tr>"
        for c in preview.charges
    )
    not_sent = tr("review", "not sent: {why}")
    messages = "".join(
        f"<li>{escape(m.summary)}"
        + (f" — <i>{escape(not_sent.format(why=m.why_not))}</i>" if m.why_not else "")
        + "</li>"
        for m in preview.messages
        if m.channel == "email"
    )
    series = _series(preview, tz)
    # One client: the full working down to the charge; several: the notice working, per-client charges below.
    working = preview.charges[0].explanation if len(preview.charges) == 1 else preview.working
    t = {k: escape(tr("review", k)) for k in _REVIEW_WORDS}
    none = f"<li>{t['None']}</li>"
    return (
        f"<p><b>{escape(preview.session_label)}</b></p>{series}"
        f"<p><b>{t['Notice given:']}</b> {escape(preview.notice_text)}<br>"
        f"<b>{t['Working:']}</b> {escape(working)}</p>"
        f"{_days(preview)}"
        f"<p><b>{t['Charges']}</b></p><table cellspacing='0' cellpadding='4' border='1'>"
        f"<tr><th align='left'>{t['Client']}</th><th align='left'>{t['Notice']}</th>"
        f"<th align='left'>{t['Charge']}</th></tr>{rows}</table>"
        f"<p><b>{t['Total:']}</b> {format_money(preview.total_charge_cents)}</p>"
        f"<p><b>{t['Notifications']}</b></p><ul>{messages or none}</ul>"
        f"<p><b>{t['Other system:']}</b> {escape(preview.integration_effect)}</p>"
    )


_REVIEW_WORDS = (
    QT_TRANSLATE_NOOP("review", "Notice given:"), QT_TRANSLATE_NOOP("review", "Working:"),
    QT_TRANSLATE_NOOP("review", "Charges"), QT_TRANSLATE_NOOP("review", "Client"),
    QT_TRANSLATE_NOOP("review", "Notice"), QT_TRANSLATE_NOOP("review", "Charge"),
    QT_TRANSLATE_NOOP("review", "Total:"), QT_TRANSLATE_NOOP("review", "Notifications"),
    QT_TRANSLATE_NOOP("review", "None"), QT_TRANSLATE_NOOP("review", "Other system:"),
)  # fmt: skip


# Sentences translated inside f-strings, where lupdate does not look: listed for it.
_IN_F_STRINGS = (
    QT_TRANSLATE_NOOP("review", "waived"),
    QT_TRANSLATE_NOOP("review", "Days"),
    QT_TRANSLATE_NOOP("review", "no other session of the series is cancelled."),
    QT_TRANSLATE_NOOP("review", "Total for every session:"),
)
