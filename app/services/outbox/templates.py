"""Email templates from resources/templates: plain text and HTML, filled by a tiny safe renderer.

A practice in another language gets its own copies where they exist: resources/templates/fr_FR/
(or fr/) holding the same file names; any template not there is the English one."""

from __future__ import annotations

import html
import os
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
    name = TEMPLATE_BY_TOPIC.get(topic)
    if name is None:
        raise DeliveryError(
            translate("outbox", "There is no email template for “{topic}”.").format(topic=topic),
            permanent=True,
        )
    folder = templates_dir()
    values = _values(facts, with_reason)
    reason, fee = values["reason"], values["fee"]
    text_values = _Blank(
        values,
        reason_line=translate("email", "Reason: {reason}").format(reason=reason) + "\n"
        if reason
        else "",
        fee_line=f"{fee}\n" if fee else "",
    )
    escaped = {k: html.escape(v) for k, v in values.items()}
    html_values = _Blank(
        escaped,
        reason_line=f"<p>{html.escape(translate('email', 'Reason: {reason}').format(reason=reason))}</p>"
        if reason
        else "",
        fee_line=f"<p>{escaped['fee']}</p>" if fee else "",
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
