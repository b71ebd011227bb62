"""The live schedule: its SQL (written once), the quick first-week read, the blocks and rows
the views show, and a session's details."""
