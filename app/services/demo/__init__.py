"""The demo practice: generating it, and deciding when a practice is empty enough for it."""
