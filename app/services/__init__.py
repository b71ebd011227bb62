"""The services: every change and query of the practice, without Qt."""

from app.services.calendar_feed import hook as _calendar_hook

# Every change of a session, whichever service makes it, queues its calendar feed message.
_calendar_hook.install()
