"""The services: every change and query of the practice, without Qt.

Nothing is imported here: the start's quick reads (app/services/schedule/quick_week.py) live
in this package and must not load SQLAlchemy. Process-wide hooks (the calendar feed's) are
installed where the database is opened (app/bootstrap.py).
"""
