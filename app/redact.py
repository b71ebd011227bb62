"""Database passwords never shown: URLs and tool messages with the password replaced by ***."""

from __future__ import annotations

import re

from sqlalchemy.engine import make_url

HIDDEN = "***"
# user:password@ in any URL, and password=… in a libpq keyword string.
_IN_URL = re.compile(r"(?P<head>[A-Za-z][\w+.-]*://[^:/@\s]*):[^@\s]*@")
_KEYWORD = re.compile(r"(?P<head>\bpassword\s*=\s*)(?:'(?:[^'\\]|\\.)*'|\S+)", re.IGNORECASE)


def redact_url(url: str) -> str:
    """`url` as it may be shown: SQLAlchemy's own rendering without the password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not even a URL: hide whatever looks like a password in it
        return redact(url)


def redact(text: str, *urls: str) -> str:
    """`text` with the passwords of `urls` and of any URL or password=… in it hidden."""
    for url in urls:
        try:
            password = make_url(url).password
        except Exception:  # an unparsable URL has no password we could know
            password = None
        if password:
            text = text.replace(str(password), HIDDEN)
    if "://" in text:  # (the pattern backtracks on long words: only where it can match)
        text = _IN_URL.sub(rf"\g<head>:{HIDDEN}@", text)
    return _KEYWORD.sub(rf"\g<head>{HIDDEN}", text) if "=" in text else text


# -- what the log never holds: secrets, and what was typed about clients ------------------------

# A query or fragment value whose name says it is a secret (?token=…, &password=…, #access_token=…).
_SECRET_NAMES = (
    r"(?:access_?token|refresh_?token|id_?token|token|api_?key|apikey|key|secret|client_secret|"
    r"password|passwd|pwd|pass|signature|sig|auth|code|session|sessionid|credential[s]?)"
)
_IN_QUERY = re.compile(rf"(?P<head>[?&#;]{_SECRET_NAMES}=)[^&#\s'\"<>]*", re.IGNORECASE)
# Authorization: Bearer …, Basic …; webhook signatures (v1,…) and "secret: …" in messages.
_BEARER = re.compile(r"(?P<head>\b(?:Bearer|Basic|Token)\s+)[A-Za-z0-9._~+/=-]{6,}", re.IGNORECASE)
_NAMED = re.compile(
    r"(?P<head>\b(?:secret|token|api[_-]?key|signature|authorization)\b\s*[:=]\s*)"
    r"(?:'[^']*'|\"[^\"]*\"|\S+)",
    re.IGNORECASE,
)
# Text in the typographic quotes FrontDesk's sentences put around what someone typed
# (“Jane Citizen”), the values SQLAlchemy prints with a failed statement, and e-mail addresses.
_QUOTED = re.compile(r"“[^”]*”")
_SQL_PARAMETERS = re.compile(r"\[parameters: .*?(?=\n\(Background on this error|\Z)", re.DOTALL)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
TYPED = "‹…›"


def hide_secrets(text: str) -> str:
    """`text` without passwords (in URLs and password=…), URL tokens and keys, and bearer or
    named secrets: what may be written where others can read it (the log)."""
    text = redact(text)
    text = _IN_QUERY.sub(rf"\g<head>{HIDDEN}", text)
    text = _BEARER.sub(rf"\g<head>{HIDDEN}", text)
    return _NAMED.sub(rf"\g<head>{HIDDEN}", text)


def hide_personal(text: str) -> str:
    """`text` without what a person typed or a client is: “quoted” words, the values of a
    failed database statement, e-mail addresses; and without secrets (hide_secrets)."""
    text = hide_secrets(_SQL_PARAMETERS.sub(f"[parameters: {TYPED}]", text))
    return _EMAIL.sub(TYPED, _QUOTED.sub(f"“{TYPED}”", text))
