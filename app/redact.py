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
    text = _IN_URL.sub(rf"\g<head>:{HIDDEN}@", text)
    return _KEYWORD.sub(rf"\g<head>{HIDDEN}", text)
