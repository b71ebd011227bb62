"""The background pump: every few seconds, one sender pass off the GUI thread, then fresh counts.

The pass runs through the window's `Ops` (`background`: the sender opens its own short
transactions around the network), so nothing of it touches the database on the GUI thread."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from app.services.desk import Desk
from app.services.outbox import OutboxCounts, PassResult, new_owner, outbox_counts, send_due
from app.ui.ops import Ops

PUMP_MS = 10_000
# Clients' text replies are fetched at most this often (each fetch is a request to the gateway).
REPLIES_SECONDS = 60.0
# Reminders are looked for at most this often; unsent ones no longer true are withdrawn every pass.
REMINDERS_SECONDS = 300.0


@dataclass(frozen=True)
class PumpReport:
    """What one tick did and what the outbox holds afterwards."""

    result: PassResult
    counts: OutboxCounts
    replies: Any = None  # the text replies fetched (inbound.PullResult), when it was their turn


class OutboxPump(QObject):
    """Runs `send_due` through `Ops`; never two passes at once, never blocking the window."""

    pass_finished = Signal(object)  # PumpReport
    pass_failed = Signal(str)

    def __init__(self, ops: Ops, interval_ms: int = PUMP_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        # One owner per desk process: its claims are recognisably its own.
        self.owner = new_owner()
        self._busy = False
        self._again = False
        self._stopped = False
        self.replies_every = REPLIES_SECONDS
        self._replies_at: float | None = None  # monotonic time of the last fetch of replies
        self.reminders_every = REMINDERS_SECONDS
        self._reminders_at: float | None = None  # monotonic time reminders were last queued
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.run_now)

    def start(self) -> None:
        self._stopped = False
        self.timer.start()

    def stop(self) -> None:
        """No more passes (the window is closing); one under way finishes on its own."""
        self._stopped = True
        self.timer.stop()

    @property
    def busy(self) -> bool:
        return self._busy

    def run_now(self) -> None:
        """A pass now (or right after the one under way, so a fresh change is not missed)."""
        if self._stopped:
            return
        if self._busy:
            self._again = True
            return
        self._busy = True
        self.ops.background(self._work, self._on_runner_done, self._on_runner_failed)

    def _work(self, desk: Desk) -> PumpReport:
        """Reminders (withdrawn, or queued when due), one pass, the clients' text replies when
        due, then the counts (on the task runner)."""
        from app.services.sms.reminder_queue import reminders_pass

        now = time.monotonic()
        queue = self._reminders_at is None or now - self._reminders_at >= self.reminders_every
        if queue:
            self._reminders_at = now
        reminders_pass(desk.db, queue=queue)
        result = send_due(desk.db, owner=self.owner)
        replies = None
        if self._replies_at is None or now - self._replies_at >= self.replies_every:
            from app.services.sms.inbound import pull_if_set_up

            self._replies_at = now
            replies = pull_if_set_up(desk.db)
        return PumpReport(result, desk.read(outbox_counts), replies)

    def _on_runner_done(self, report: PumpReport) -> None:
        self._finish()
        self.pass_finished.emit(report)

    def _on_runner_failed(self, exc: Exception) -> None:
        self._finish()
        self.pass_failed.emit(str(exc))

    def _finish(self) -> None:
        self._busy = False
        if self._again:
            self._again = False
            QTimer.singleShot(0, self, self.run_now)
