"""Workers' calendars: tombstones of deleted sessions, client naming, and the live CalDAV feed."""
