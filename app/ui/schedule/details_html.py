"""The details panel's text: one session's bookings, cancellation history, SDs, money, notes
and audit, as rich text with the links staff act on (see app/ui/schedule/details.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from app.i18n import day_time, when_text
from app.services.auth import Permission
from app.services.schedule.details import (
    CancellationInfo,
    CancellationLineInfo,
    NoShowWaiver,
    SessionDetails,
)
from app.services.sms.offer_state import offer_line
from app.services.vocabulary import BookingStatus
from app.ui import format as fmt
from app.ui.i18n import QT_TRANSLATE_NOOP, tr
from app.ui.schedule import text
from app.ui.schedule.style import BADGE_COLOURS, BadgeKind

STATUS_COLOURS = {
    BookingStatus.BOOKED: "#1e6fb8",
    BookingStatus.ATTENDED: BADGE_COLOURS[BadgeKind.DONE].name(),
    BookingStatus.CANCELLED: "#616873",
    BookingStatus.DNA: BADGE_COLOURS[BadgeKind.DNA].name(),
}
WHO = {
    "client": QT_TRANSLATE_NOOP("details", "Client"),
    "worker": QT_TRANSLATE_NOOP("details", "Worker"),
    "practice": QT_TRANSLATE_NOOP("details", "Practice"),
}


def _when(moment: datetime | None, tz: ZoneInfo) -> str:
    return day_time(moment, tz) if moment else "—"


def _table(head: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """Cells are HTML already (escaped by the caller)."""
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    if not body:
        return f"<p class='none'>{escape(tr('details', 'None.'))}</p>"
    top = "".join(f"<th>{escape(h)}</th>" for h in head)
    return f"<table width='100%' cellspacing='0' cellpadding='3'><tr>{top}</tr>{body}</table>"


def _pill(label: str, colour: str) -> str:
    return f"<span style='color:white;background:{colour};font-weight:bold'>&nbsp;{escape(label)}&nbsp;</span>"


def _section(title: str, body: str) -> str:
    return f"<h4>{escape(title)}</h4>{body}"


Can = Callable[[Permission], bool]


def nobody(_permission: Permission) -> bool:
    """No link is offered: the panel's until the signed-in user's rights are known."""
    return False


def _link(href: str, label: str) -> str:
    """A link "what:id"; a URL scheme may not hold "_", so it travels as "-"."""
    return f"<a href='{escape(href.replace('_', '-'))}'>{escape(label)}</a>"


def details_html(d: SessionDetails, tz: ZoneInfo, now: datetime, can: Can = nobody) -> str:
    """The whole panel as rich text; `can` says which links the signed-in user is offered."""
    b = d.block
    start = b.starts_at.astimezone(tz)
    head = (
        f"<h3>{escape(b.service_name)}</h3>"
        f"<p>{escape(when_text(start, '%A %d %B %Y'))} <b>{escape(text.span(b, tz))}</b><br>"
        f"{escape(b.worker_name)} · {escape(b.location or '—')}<br>"
        f"<span class='muted'>{escape(tr('details', 'Session #{id} · {kind} · {price} · {code}').format(id=b.id, kind=b.kind.value, price=fmt.money(b.price_cents), code=b.service_code))}</span></p>"
        f"<p>{_pill(text.status_text(b, now), _status_colour(d))}</p>"
        f"{_links(d)}"
    )
    reminded = dict(d.reminders)
    waived = {w.booking_id: w for w in d.no_show_waivers}
    bookings = _table(
        [tr("details", "Client"), tr("details", "Status"), ""],
        [
            [
                escape(c.client_name)
                + _reminder(reminded.get(c.booking_id))
                + _waived(waived.get(c.booking_id)),
                _pill(fmt.booking_status(c.status), STATUS_COLOURS[c.status]),
                _link(f"account:{c.client_id}", tr("details", "Client account…")),
            ]
            for c in b.clients
        ],
    )
    parts = [
        head,
        _section(tr("details", "Bookings"), bookings + _offers(d, tz)),
        _section(tr("details", "Cancellation history"), _cancellations(d.cancellations, tz)),
        _section(tr("details", "Services delivered (SDs)"), _sds(d, tz)),
        _section(tr("details", "Payments and adjustments"), _money(d, tz, can)),
        _section(tr("details", "Clinical note"), _notes(d, tz, can)),
        _section(tr("details", "Insurer or funder billing"), _claims(d, tz, can)),
        _section(tr("details", "Audit trail"), _audit(d, tz)),
    ]
    return "".join(parts)


def _reminder(line: str | None) -> str:
    """Under the client's name: the booking's reminder sent or queued, or its confirmation."""
    return f"<br><span class='muted'>{escape(line)}</span>" if line else ""


def _waived(w: NoShowWaiver | None) -> str:
    """Under a client who did not attend: the no-show charge waived, and why."""
    if w is None:
        return ""
    line = tr("details", "No-show charge {fee} waived: {why}").format(
        fee=fmt.money(w.waived_cents), why=w.reason or "—"
    )
    return f"<br><span class='muted'>{escape(line)}</span>"


def _offers(d: SessionDetails, tz: ZoneInfo) -> str:
    """The freed place's waitlist offers by text, when there are any."""
    line = offer_line(d.offers, tz)
    return f"<p class='offers'>{escape(line)}</p>" if line else ""


def _status_colour(d: SessionDetails) -> str:
    return {
        "cancelled": "#616873",
        "completed": BADGE_COLOURS[BadgeKind.DONE].name(),
    }.get(d.block.status.value, "#1e6fb8")


def _links(d: SessionDetails) -> str:
    out = []
    if d.replacement_of_id:
        out.append(tr("details", "Replaces session #{id}.").format(id=d.replacement_of_id))
    for rid in d.replaced_by:
        out.append(tr("details", "Replaced by session #{id}.").format(id=rid))
    return "".join(f"<p class='muted'>{escape(t)}</p>" for t in out)


def _cancellations(items: Sequence[CancellationInfo], tz: ZoneInfo) -> str:
    if not items:
        return f"<p class='none'>{escape(tr('details', 'Never cancelled.'))}</p>"
    return "".join(_cancellation(c, tz) for c in reversed(items))


def _cancellation(c: CancellationInfo, tz: ZoneInfo) -> str:
    who = tr("details", WHO.get(c.cancelled_by, c.cancelled_by.title()))
    title = tr("details", "{who} cancellation — {reason}").format(who=who, reason=c.reason)
    state = _pill(tr("details", "Undone"), "#b26a00") if c.undone_at else ""
    rows = [
        (tr("details", "Advised"), _when(c.advised_at, tz)),
        (
            tr("details", "Recorded"),
            tr("details", "{when} by {who}").format(when=_when(c.recorded_at, tz), who=c.actor),
        ),
        (
            tr("details", "Notice"),
            c.working or tr("details", "{n} minutes").format(n=c.notice_minutes),
        ),
    ]
    if c.note:
        rows.append((tr("details", "Note"), c.note))
    for line in c.lines:
        rows.append((line.client_name, _charge_words(line, c.working)))
    if c.undone_at:
        rows.append(
            (
                tr("details", "Undone"),
                tr("details", "{when} by {who}").format(
                    when=_when(c.undone_at, tz), who=c.undone_by or "?"
                ),
            )
        )
        rows.append((tr("details", "Undo reason"), c.undo_reason or "—"))
    cells = "".join(f"<tr><td class='k'>{escape(k)}</td><td>{escape(v)}</td></tr>" for k, v in rows)
    return f"<p><b>{escape(title)}</b> {state}</p><table cellspacing='0' cellpadding='2'>{cells}</table>"


def _charge_words(line: CancellationLineInfo, working: str) -> str:
    """The client's outcome, without repeating the notice working shown just above."""
    notice = tr("details", "short notice") if line.short_notice else tr("details", "enough notice")
    words = f"{fmt.money(line.charge_cents)} · {notice}"
    if line.waived and line.waived_cents:
        words += " · " + tr("details", "{fee} waived: {why}").format(
            fee=fmt.money(line.waived_cents), why=line.waiver_reason or "—"
        )
    elif line.waived:
        words += " · " + tr("details", "waived: {why}").format(why=line.waiver_reason or "—")
    rest = line.explanation
    if working and rest.startswith(working):
        rest = rest[len(working) :].lstrip(" →;")
    words = f"{words} ({rest})" if rest else words
    if line.withdrawn_reason:
        words += " · " + tr("details", "charge withdrawn: {why}").format(why=line.withdrawn_reason)
    return words


# An SD of a participant whose plan is not agency-managed, in place of "not extracted yet".
INVOICED = {
    "plan": QT_TRANSLATE_NOOP("details", "invoiced to the plan manager, not an NDIS claim"),
    "self": QT_TRANSLATE_NOOP("details", "invoiced to the participant, not an NDIS claim"),
}


def _sds(d: SessionDetails, tz: ZoneInfo) -> str:
    """Each SD as a payment is shown: its amount and kind for whom, then its claim and whether it
    was extracted (a table of five columns breaks words apart in the panel's width)."""
    out = []
    for s in d.sds:
        claim = " ".join(x for x in (s.claim_type, s.reason_code or "") if x)
        facts = [tr("details", "claim {claim}").format(claim=claim)] if claim else []
        if s.extracted_at:
            facts.append(tr("details", "extracted {when}").format(when=_when(s.extracted_at, tz)))
        elif s.invoiced:  # never in the claim file: the plan manager (or participant) pays
            facts.append(tr("details", INVOICED[s.invoiced]))
        else:
            facts.append(tr("details", "not extracted yet"))
        out.append(
            f"<p><b>{escape(fmt.money(s.amount_cents))}</b> {escape(s.kind.replace('_', ' '))}"
            f" — {escape(s.client_name)}<br>"
            f"<span class='muted'>{escape(' · '.join(facts))}</span></p>"
        )
    return "".join(out) or f"<p class='none'>{escape(tr('details', 'None.'))}</p>"


def _money(d: SessionDetails, tz: ZoneInfo, can: Can) -> str:
    kinds = {"payment": tr("details", "Payment"), "adjustment": tr("details", "Adjustment")}
    out = []
    for m in d.money:
        facts = [m.detail]
        if m.received_on is not None:
            facts.append(
                tr("details", "received {day}").format(
                    day=f"{when_text(m.received_on, '%a %d %b %Y')}"
                )
            )
        if m.reference:
            facts.append(tr("details", "ref. {ref}").format(ref=m.reference))
        if m.note:
            facts.append(m.note)
        facts.append(
            tr("details", "posted {when} by {who}").format(
                when=_when(m.posted_at, tz), who=m.posted_by
            )
        )
        remove = ""
        if can(Permission.REMOVE_PAYMENT):
            remove = " " + _link(f"remove_{m.kind}:{m.id}", tr("details", "Remove…"))
        out.append(
            f"<p><b>{escape(fmt.money(m.amount_cents))}</b> {escape(kinds.get(m.kind, m.kind))}"
            f" — {escape(m.client_name)}{remove}<br>"
            f"<span class='muted'>{escape(' · '.join(facts))}</span></p>"
        )
    if not out:
        out.append(f"<p class='none'>{escape(tr('details', 'None.'))}</p>")
    if can(Permission.TAKE_PAYMENT):
        out.append(f"<p>{_link(f'take_payment:{d.block.id}', tr('details', 'Take payment…'))}</p>")
    return "".join(out)


def _notes(d: SessionDetails, tz: ZoneInfo, can: Can) -> str:
    out = []
    for n in d.notes:
        if n.finalized:
            mark = tr("details", "Finalized by {who} on {when} (written by {author}); read-only.")
            mark = mark.format(
                who=n.finalized_by or "?", when=_when(n.finalized_at, tz), author=n.author
            )
        else:
            mark = tr("details", "Draft by {author}, last saved {when}.").format(
                author=n.author, when=_when(n.updated_at or n.created_at, tz)
            )
        body = escape(n.body).replace("\n", "<br>")
        out.append(f"<p><span class='muted'>{escape(mark)}</span><br>{body}</p>")
    if not out:
        out.append(f"<p class='none'>{escape(tr('details', 'No note yet.'))}</p>")
    if can(Permission.WRITE_NOTES):
        label = tr("details", "Open note…") if d.notes else tr("details", "Write note…")
        out.append(f"<p>{_link(f'note:{d.block.id}', label)}</p>")
    return "".join(out)


def _claims(d: SessionDetails, tz: ZoneInfo, can: Can) -> str:
    out = [
        f"<p><b>{escape(c.funder)}</b> · {escape(tr('details', 'claim {n}').format(n=c.claim_number))}"
        f" · {escape(fmt.money(c.amount_cents))} — {escape(c.client_name)}<br>"
        f"<span class='muted'>{escape(tr('details', 'billed {when}, marked by {who}').format(when=when_text(c.billed_at.astimezone(tz), '%a %d %b %Y'), who=c.marked_by))}</span></p>"
        for c in d.claims
    ]
    if out:
        out.append(
            f"<p class='muted'>{escape(tr('details', 'A session billed to an insurer or funder can never be deleted; cancel it instead.'))}</p>"
        )
    else:
        out.append(
            f"<p class='none'>{escape(tr('details', 'Not billed to an insurer or funder.'))}</p>"
        )
    if can(Permission.BILL_INSURER):
        out.append(
            f"<p>{_link(f'bill_insurer:{d.block.id}', tr('details', 'Mark billed to insurer…'))}</p>"
        )
    return "".join(out)


def _audit(d: SessionDetails, tz: ZoneInfo) -> str:
    return _table(
        [
            tr("details", "When"),
            tr("details", "Who"),
            tr("details", "What"),
            tr("details", "Outcome"),
        ],
        [
            [
                escape(_when(a.occurred_at, tz)),
                escape(a.username),
                escape(_action_words(a.action)),
                escape(a.outcome),
            ]
            for a in d.audit
        ],
    )


ACTION_WORDS = {
    "payment.post": QT_TRANSLATE_NOOP("details", "Payment taken"),
    "payment.remove": QT_TRANSLATE_NOOP("details", "Payment removed"),
    "adjustment.post": QT_TRANSLATE_NOOP("details", "Adjustment posted"),
    "adjustment.remove": QT_TRANSLATE_NOOP("details", "Adjustment removed"),
    "note.write": QT_TRANSLATE_NOOP("details", "Note written"),
    "note.edit": QT_TRANSLATE_NOOP("details", "Note changed"),
    "note.finalize": QT_TRANSLATE_NOOP("details", "Note finalized"),
    "insurance.bill": QT_TRANSLATE_NOOP("details", "Billed to insurer or funder"),
}


def _action_words(action: str) -> str:
    if action in ACTION_WORDS:
        return tr("details", ACTION_WORDS[action])
    return action.split(".", 1)[-1].replace("_", " ").capitalize()


# Sentences translated inside f-strings, where lupdate does not look: listed for it.
_IN_F_STRINGS = (
    QT_TRANSLATE_NOOP("details", "None."),
    QT_TRANSLATE_NOOP("details", "Session #{id} · {kind} · {price} · {code}"),
    QT_TRANSLATE_NOOP("details", "Never cancelled."),
    QT_TRANSLATE_NOOP("details", "Take payment…"),
    QT_TRANSLATE_NOOP("details", "No note yet."),
    QT_TRANSLATE_NOOP("details", "claim {n}"),
    QT_TRANSLATE_NOOP("details", "billed {when}, marked by {who}"),
    QT_TRANSLATE_NOOP(
        "details",
        "A session billed to an insurer or funder can never be deleted; cancel it instead.",
    ),
    QT_TRANSLATE_NOOP("details", "Not billed to an insurer or funder."),
    QT_TRANSLATE_NOOP("details", "Mark billed to insurer…"),
)
