"""Python's cycle collector held off while a service streams many rows at once."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cycle collection inside the block; afterwards it is as it was.

    Streaming 100,000 rows allocates a few hundred thousand short-lived tuples, each freed
    by its reference count, yet they trigger some 200 collections that walk every object of
    the program (about a tenth of a large export). The window already runs the collector
    only on its own timer (app.ui.qt_compat); this gives the command line the same.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
