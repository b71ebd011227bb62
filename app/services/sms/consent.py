"""Whether a client may be texted: the one place every text asks (reminders, waitlist offers, the
"taken" text, and the outbox just before a text goes).

A text needs the client's consent to be contacted (`notify_consent`, which e-mails need too) and
no text opt-out (`sms_opt_out`: they replied STOP, or told the desk; staff clear it in the client
form). The opt-out is about texts only: e-mails still go.
"""

from __future__ import annotations

from app.models import Client
from app.services.sms.numbers import texting_number


def may_text(client: Client | None) -> bool:
    """True while the client consents to be contacted and has not opted out of texts."""
    return client is not None and bool(client.notify_consent) and not client.sms_opt_out


def text_number(client: Client | None, country: str) -> str | None:
    """Where a text to this client goes (E.164), or None: they may not be texted, or have no
    mobile (a landline, no number)."""
    if client is None or not may_text(client):
        return None
    return texting_number(client.phone, country)
