"""Email templates from resources/templates: plain text and HTML, filled by a tiny safe renderer.

A practice in another language gets its own copies where they exist: resources/templates/fr_FR/
(or fr/) holding the same file names; any template not there is the English one."""

from __future__ import annotations

import html
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import Any

from app.i18n import practice_locale, translate
from app.paths import resources_dir
from app.services.outbox.dto import DeliveryError

# Lifecycle topics (see notify.TOPIC_TEXT) and the template each one uses.
TEMPLATE_BY_TOPIC = {
    "cancel": "cancel_client",
    "cancel_worker": "cancel_worker",
    "cancel_practice": "cancel_practice",
    "undo": "undo",
    "dna": "dna",
    "reschedule": "reschedule",
    "bulk_closure": "bulk_closure",
    "fee_withdrawn": "fee_withdrawn",
    "reminder": "reminder",  # its text is the reminder rule's, already filled ($body)
    "invoice": "invoice",  # what it says is made when it is queued ($body), the PDF attached
}
# A series cancelled in one go, or a bulk cancellation (a closure): one email to each client
# listing the sessions (`render_together`).
LIST_TEMPLATE_BY_TOPIC = {
    "cancel": "cancel_client_series",
    "cancel_worker": "cancel_worker_series",
    "cancel_practice": "cancel_practice_series",
    "bulk_closure": "bulk_closure_list",
}
LAYOUT = "layout.html"
FIELDS = (
    "practice", "first_name", "client", "service", "worker", "starts_local", "reason", "fee",
    "practice_phone", "practice_email", "body",
)  # fmt: skip


def templates_dir() -> Path:
    """`FRONTDESK_TEMPLATES` wins; otherwise resources/templates wherever FrontDesk is installed."""
    override = os.environ.get("FRONTDESK_TEMPLATES")
    if override:
        return Path(override)
    return resources_dir() / "templates"


class _Blank(dict[str, str]):
    """A missing field renders as nothing rather than leaking `$name` into a client's inbox."""

    def __missing__(self, key: str) -> str:
        return ""


@dataclass(frozen=True)
class RenderedEmail:
    text: str
    html: str


def _localised(name: str, folder: Path) -> Path:
    """The template in the practice's language when the practice has one: <folder>/fr_FR/<name>,
    else <folder>/fr/<name>, else the English <folder>/<name>."""
    code = practice_locale()
    for sub in dict.fromkeys((code, code.split("_")[0])):
        path = folder / sub / name
        if path.is_file():
            return path
    return folder / name


def _read(name: str, folder: Path) -> str:
    path = _localised(name, folder)
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DeliveryError(
            translate(
                "outbox", "The email template {name} is missing from {folder}; reinstall FrontDesk."
            ).format(name=name, folder=folder),
        ) from exc


def _values(facts: dict[str, Any], with_reason: bool) -> dict[str, str]:
    values = {k: str(facts.get(k) or "") for k in FIELDS}
    if not with_reason:
        values["reason"] = ""
    values["first_name"] = values["first_name"] or values["client"] or translate("email", "there")
    return values


def render(topic: str, facts: dict[str, Any], *, with_reason: bool) -> RenderedEmail:
    """The email for `topic` with the session's facts; the reason only when `with_reason`."""
    name = _template(TEMPLATE_BY_TOPIC, topic)
    return _fill(name, _values(facts, with_reason), {}, {})


def render_together(
    topic: str, sessions: Sequence[dict[str, Any]], *, with_reason: bool
) -> RenderedEmail:
    """One email for several sessions of a series or of a closure (`sessions`: each one's facts,
    in time order): the list variant of `topic`'s template, `$sessions` listing each date, time, service and
    worker, with the fee sentence under a session that is charged."""
    name = _template(LIST_TEMPLATE_BY_TOPIC, topic)
    values = {**_values(sessions[0], with_reason), "fee": ""}  # each fee under its session
    lines = [_session_values(facts) for facts in sessions]
    text = "\n".join(f"- {line}" + (f"\n  {fee}" if fee else "") for line, _h, fee in lines)
    items = "".join(
        f"<li>{line}" + (f"<br>{html.escape(fee)}" if fee else "") + "</li>"
        for _t, line, fee in lines
    )
    count = str(len(sessions))
    return _fill(name, values, {"sessions": text, "count": count},
                 {"sessions": f"<ul>{items}</ul>", "count": count})  # fmt: skip


def _template(names: dict[str, str], topic: str) -> str:
    name = names.get(topic)
    if name is None:
        raise DeliveryError(
            translate("outbox", "There is no email template for “{topic}”.").format(topic=topic),
            permanent=True,
        )
    return name


def _session_values(facts: dict[str, Any]) -> tuple[str, str, str]:
    """One session of a list email: its line as text, as HTML, and its fee sentence."""
    said = translate("email", "{starts_local}: {service} with {worker}")
    plain = {k: str(facts.get(k) or "") for k in ("starts_local", "service", "worker")}
    marked = {k: html.escape(v) for k, v in plain.items()}
    marked["starts_local"] = f"<strong>{marked['starts_local']}</strong>"
    return said.format(**plain), html.escape(said).format(**marked), str(facts.get("fee") or "")


def _fill(
    name: str, values: dict[str, str], text_extra: dict[str, str], html_extra: dict[str, str]
) -> RenderedEmail:
    """Template `name` filled with `values` (escaped in HTML) and the extra fields, each
    already in its form; the signature under it and the HTML in the layout."""
    folder = templates_dir()
    reason, fee = values["reason"], values["fee"]
    text_values = _Blank(
        values,
        reason_line=translate("email", "Reason: {reason}").format(reason=reason) + "\n"
        if reason
        else "",
        fee_line=f"{fee}\n" if fee else "",
        **text_extra,
    )
    escaped = {k: html.escape(v) for k, v in values.items()}
    html_values = _Blank(
        escaped,
        reason_line=f"<p>{html.escape(translate('email', 'Reason: {reason}').format(reason=reason))}</p>"
        if reason
        else "",
        fee_line=f"<p>{escaped['fee']}</p>" if fee else "",
        **html_extra,
    )
    text = Template(_read(f"{name}.txt", folder)).substitute(text_values)
    body = Template(_read(f"{name}.html", folder)).substitute(html_values)
    contact = signature(values["practice_phone"], values["practice_email"])
    if contact:  # under the "Kind regards, <practice>" every template ends with
        text = f"{text.rstrip()}\n{contact}\n"
        body += f'<p style="color: #444444;">{html.escape(contact)}</p>'
    page = Template(_read(LAYOUT, folder)).substitute(_Blank(escaped, body=body))
    return RenderedEmail(text=_tidy(text), html=page)


def signature(phone: str, email: str) -> str:
    """The practice's contact line under its name: phone and e-mail (practice settings)."""
    said = translate("email", "Phone {phone}").format(phone=phone.strip())
    parts = [said if phone.strip() else "", email.strip()]
    return " · ".join(p for p in parts if p)


def _tidy(text: str) -> str:
    """No run of blank lines where an optional line rendered empty."""
    lines: list[str] = []
    for line in text.splitlines():
        if not line.strip() and lines and not lines[-1].strip():
            continue
        lines.append(line.rstrip())
    return "\n".join(lines).strip() + "\n"
