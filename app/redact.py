"""Database passwords never shown: URLs and tool messages with the password replaced by ***.

Also what the log never holds (hide_secrets, hide_personal). The log formats its first line at
every start, so each pattern is compiled on its first use (re's own cache), and only tried
where a cheap look says it could match.
"""

from __future__ import annotations

import re

HIDDEN = "***"
# user:password@ in any URL, and password=… in a libpq keyword string.
_IN_URL = r"(?P<head>[A-Za-z][\w+.-]*://[^:/@\s]*):[^@\s]*@"
_KEYWORD = r"(?P<head>\bpassword\s*=\s*)(?:'(?:[^'\\]|\\.)*'|\S+)"


def redact_url(url: str) -> str:
    """`url` as it may be shown: SQLAlchemy's own rendering without the password."""
    from sqlalchemy.engine import make_url  # here: the log imports this module at every start

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not even a URL: hide whatever looks like a password in it
        return redact(url)


def redact(text: str, *urls: str) -> str:
    """`text` with the passwords of `urls` and of any URL or password=… in it hidden."""
    if urls:
        from sqlalchemy.engine import make_url
    for url in urls:
        try:
            password = make_url(url).password
        except Exception:  # an unparsable URL has no password we could know
            password = None
        if password:
            text = text.replace(str(password), HIDDEN)
    if "://" in text:  # (the pattern backtracks on long words: only where it can match)
        text = re.sub(_IN_URL, rf"\g<head>:{HIDDEN}@", text)
    if "=" not in text:
        return text
    return re.sub(_KEYWORD, rf"\g<head>{HIDDEN}", text, flags=re.IGNORECASE)


# -- what the log never holds: secrets, and what was typed about clients ------------------------

# A query or fragment value whose name says it is a secret (?token=…, &password=…, #access_token=…).
_SECRET_NAMES = (
    r"(?:access_?token|refresh_?token|id_?token|token|api_?key|apikey|key|secret|client_secret|"
    r"password|passwd|pwd|pass|signature|sig|auth|code|session|sessionid|credential[s]?)"
)
_IN_QUERY = rf"(?P<head>[?&#;]{_SECRET_NAMES}=)[^&#\s'\"<>]*"
# Authorization: Bearer …, Basic …; and "secret: …", "token=…", "signature: …" in messages.
_BEARER = r"(?P<head>\b(?:Bearer|Basic|Token)\s+)[A-Za-z0-9._~+/=-]{6,}"
_NAMED = (
    r"(?P<head>\b(?:secret|token|api[_-]?key|signature|authorization)\b\s*[:=]\s*)"
    r"(?:'[^']*'|\"[^\"]*\"|\S+)"
)
_BEARER_WORDS = ("bearer", "basic", "token")
_NAMED_WORDS = ("secret", "token", "key", "signature", "authorization")
# Text in the typographic quotes FrontDesk's sentences put around what someone typed
# (“Jane Citizen”), the values SQLAlchemy prints with a failed statement, and e-mail addresses.
_QUOTED = r"“[^”]*”"
_SQL_PARAMETERS = r"\[parameters: .*?(?=\n\(Background on this error|\Z)"
_EMAIL = r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
TYPED = "‹…›"


def hide_secrets(text: str) -> str:
    """`text` without passwords (in URLs and password=…), URL tokens and keys, and bearer or
    named secrets: what may be written where others can read it (the log)."""
    text = redact(text)
    if "=" in text:
        text = re.sub(_IN_QUERY, rf"\g<head>{HIDDEN}", text, flags=re.IGNORECASE)
    low = text.lower()
    if any(word in low for word in _BEARER_WORDS):
        text = re.sub(_BEARER, rf"\g<head>{HIDDEN}", text, flags=re.IGNORECASE)
    if any(word in low for word in _NAMED_WORDS):
        text = re.sub(_NAMED, rf"\g<head>{HIDDEN}", text, flags=re.IGNORECASE)
    return text


def hide_personal(text: str) -> str:
    """`text` without what a person typed or a client is: “quoted” words, the values of a
    failed database statement, e-mail addresses; and without secrets (hide_secrets)."""
    if "[parameters: " in text:
        text = re.sub(_SQL_PARAMETERS, f"[parameters: {TYPED}]", text, flags=re.DOTALL)
    text = hide_secrets(text)
    if "“" in text:
        text = re.sub(_QUOTED, f"“{TYPED}”", text)
    return re.sub(_EMAIL, TYPED, text) if "@" in text else text
