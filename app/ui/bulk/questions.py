"""The questions the jobs panel asks before it stops or undoes a bulk cancellation; the safe
answer is the default of each."""

from __future__ import annotations

from app.services.bulk import run as bulk_run
from app.ui.i18n import tr
from app.ui.messages import Destructive


def undo_question(
    summary: bulk_run.JobSummary, title: str, spent: tuple[str, ...] = ()
) -> Destructive:
    """What undoing the job does, as the undo service does it; "Keep cancelled" is the default.
    `spent`: what it leaves clients whose returned class credits paid for other classes since."""
    details = (
        tr("jobs", "{n} session(s) are rostered again and their clients booked back in.").format(
            n=summary.done
        ),
        tr(
            "jobs",
            "Credits and purchases the cancellation refunded are taken back again, and the "
            "charges it recorded are removed.",
        ),
        *spent,
        tr(
            "jobs",
            "Cancellation e-mails not sent yet are withdrawn; clients already told get a "
            "“back on” e-mail.",
        ),
        tr("jobs", "Sessions whose charges were already extracted for claiming stay cancelled."),
        tr("jobs", "The undo runs in the background; you can keep working."),
    )
    return Destructive(
        title,
        tr("jobs", "Restore the {n} session(s) bulk cancellation #{id} cancelled?").format(
            n=summary.done, id=summary.job_id
        ),
        tr("jobs", "Undo job"),
        tr("jobs", "Keep cancelled"),
        details,
        reason_label=tr("jobs", "Why is the bulk cancellation being undone?"),
    )


def stop_question(job_id: int) -> Destructive:
    """What stopping the job does; "Keep running" is the default."""
    details = (
        tr("jobs", "The sessions being cancelled right now are finished first; no more start."),
        tr(
            "jobs",
            "Sessions already cancelled stay cancelled; Undo job… restores them if need be.",
        ),
        tr(
            "jobs",
            "The sessions not reached stay booked. The job waits, also after FrontDesk is "
            "started again, until you choose it and Resume job.",
        ),
        tr("jobs", "The results file beside the CSV audit lists what was done so far."),
    )
    return Destructive(
        tr("jobs", "Stop bulk cancellation #{id}").format(id=job_id),
        tr("jobs", "Stop bulk cancellation #{id} after the sessions in progress?").format(
            id=job_id
        ),
        tr("jobs", "Stop job"),
        tr("jobs", "Keep running"),
        details,
    )
