"""The review page's text: the notice and its working, charges, messages, the integration."""

from __future__ import annotations

from html import escape
from zoneinfo import ZoneInfo

from app.services.dto import CancellationPreview, ClientCharge, SeriesScope
from app.services.vocabulary import format_money


def _charge_cell(c: ClientCharge) -> str:
    if c.waived:
        return f"{format_money(0)} <i>(waived)</i>"
    if c.charge_cents:
        code = f" — claim {c.claim_type} {c.reason_code or ''}".rstrip() if c.claim_type else ""
        return f"<b>{format_money(c.charge_cents)}</b>{escape(code)}"
    return f"{format_money(0)} <i>({escape(c.not_charged_because or 'no charge')})</i>"


def _days(preview: CancellationPreview) -> str:
    if not preview.days:
        return ""
    items = "".join(
        f"<li>{d.day:%a %d %b}: {'counted' if d.counted else 'not counted'} — {escape(d.why)}</li>"
        for d in preview.days
    )
    return f"<p><b>Days</b></p><ul>{items}</ul>"


# The series choices as the wizard offers them and the review repeats them.
SCOPE_TEXT = {
    SeriesScope.THIS: "This session only",
    SeriesScope.FOLLOWING: "This and following sessions of the series",
    SeriesScope.ALL: "All upcoming sessions of the series",
}


def _series(preview: CancellationPreview, tz: ZoneInfo) -> str:
    """Which series choice was made, and every other session it cancels with its charge."""
    if not preview.in_series:
        return ""
    chosen = f"<p><b>Series:</b> {escape(SCOPE_TEXT[preview.scope])}"
    if not preview.series_items:
        return chosen + " — no other session of the series is cancelled.</p>"
    rows = "".join(
        f"<tr><td>{i.starts_at.astimezone(tz):%a %d %b %Y}</td>"
        f"<td>{i.starts_at.astimezone(tz):%H:%M}</td><td>{escape(i.clients)}</td>"
        f"<td>{format_money(i.charge_cents)}</td></tr>"
        for i in preview.series_items
    )
    count = len(preview.series_items)
    return (
        f"{chosen} — also cancels {count} other session{'s' if count != 1 else ''}:</p>"
        "<table cellspacing='0' cellpadding='4' border='1'><tr><th align='left'>Date</th>"
        "<th align='left'>Time</th><th align='left'>Clients</th><th align='left'>Charge</th></tr>"
        f"{rows}</table><p><b>Total for every session:</b> "
        f"{format_money(preview.series_charge_cents)}</p>"
    )


def review_html(preview: CancellationPreview, tz: ZoneInfo) -> str:
    """Rich text for the review page; every name is escaped."""
    rows = "".join(
        f"<tr><td>{escape(c.client_name)}</td><td>{'short notice' if c.short_notice else 'enough notice'}</td>"
        f"<td>{_charge_cell(c)}</td></tr>"
        for c in preview.charges
    )
    messages = "".join(
        f"<li>{escape(m.summary)}"
        + (f" — <i>not sent: {escape(m.why_not)}</i>" if m.why_not else "")
        + "</li>"
        for m in preview.messages
        if m.channel == "email"
    )
    series = _series(preview, tz)
    # One client: the full working down to the charge; several: the notice working, per-client charges below.
    working = preview.charges[0].explanation if len(preview.charges) == 1 else preview.working
    return (
        f"<p><b>{escape(preview.session_label)}</b></p>{series}"
        f"<p><b>Notice given:</b> {escape(preview.notice_text)}<br>"
        f"<b>Working:</b> {escape(working)}</p>"
        f"{_days(preview)}"
        f"<p><b>Charges</b></p><table cellspacing='0' cellpadding='4' border='1'>"
        f"<tr><th align='left'>Client</th><th align='left'>Notice</th><th align='left'>Charge</th></tr>{rows}</table>"
        f"<p><b>Total:</b> {format_money(preview.total_charge_cents)}</p>"
        f"<p><b>Notifications</b></p><ul>{messages or '<li>None</li>'}</ul>"
        f"<p><b>Other system:</b> {escape(preview.integration_effect)}</p>"
    )
