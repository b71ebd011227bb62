"""Command line reports and exports: `frontdesk report …` and `frontdesk export …`.

Managers schedule these; each prints one line per file written and exits 0, or prints the
refusal as one sentence (exit 2) through `app.cli.main`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.cli_types import day, old_name, record_id
from app.i18n import QT_TRANSLATE_NOOP

Handler = Callable[[argparse.Namespace], int]
LIST_LIMIT = 20  # blocked sessions listed after an extraction; the rest are counted


def _common(p: argparse.ArgumentParser, *, dates: bool = True) -> None:
    from app.cli_signin import add_user_option

    if dates:
        _dates(p, required=True)
    add_user_option(p)


def _dates(p: argparse.ArgumentParser, *, required: bool, what: str = "") -> None:
    p.add_argument(
        "--from", dest="date_from", type=day, required=required, metavar="YYYY-MM-DD",
        help=f"the first day{what}",
    )  # fmt: skip
    p.add_argument(
        "--to", dest="date_to", type=day, required=required, metavar="YYYY-MM-DD",
        help=f"the last day (included){what}",
    )  # fmt: skip


def register(sub: Any) -> dict[str, Handler]:
    """Add `report` and `export` to the main parser's subcommands; returns their handlers."""
    _add_reports(sub)
    _add_exports(sub)
    return {"report": _cmd_report, "export": _cmd_export}


def _add_reports(sub: Any) -> None:
    report = sub.add_parser("report", help="printable reports (PDF, CSV)")
    kinds = report.add_subparsers(
        dest="report_kind", required=True, metavar="REPORT", help="which report"
    )
    _add_cancellations(kinds)
    _add_day_sheet(kinds)


def _add_cancellations(kinds: Any) -> None:
    canc = kinds.add_parser("cancellations", help="cancellation report for a date range")
    _common(canc)
    canc.add_argument("--pdf", type=Path, metavar="FILE", help="write the PDF here")
    canc.add_argument("--csv", type=Path, metavar="FILE", help="write the detail CSV here")
    canc.add_argument("--worker", metavar="NAME", help="only this worker's sessions")
    canc.add_argument("--service", metavar="CODE", help="only this service (support item code)")
    canc.add_argument("--reason", metavar="CODE", help="only this cancellation reason")
    canc.add_argument(
        "--by", choices=["client", "worker", "practice"], help="only cancellations by these"
    )
    canc.add_argument("--client", metavar="NAME", help="only this client")
    canc.add_argument(
        "--include-undone",
        action="store_true",
        help="list cancellations later undone in the detail (greyed; never counted)",
    )


def _add_day_sheet(kinds: Any) -> None:
    sheet = kinds.add_parser("day-sheet", help="each worker's sessions of one day")
    sheet.add_argument(
        "--date", dest="day", type=day, metavar="YYYY-MM-DD", help="the day (default: today)"
    )
    sheet.add_argument("--pdf", type=Path, metavar="FILE", help="write the PDF here")
    sheet.add_argument("--csv", type=Path, metavar="FILE", help="write the sessions as CSV here")
    sheet.add_argument("--worker", metavar="NAME", help="only this worker's sessions")
    sheet.add_argument("--no-cancelled", action="store_true", help="leave cancelled sessions out")
    _common(sheet, dates=False)


def _add_exports(sub: Any) -> None:
    export = sub.add_parser("export", help="exports: SDs for claiming, iCalendar, audit log")
    what = export.add_subparsers(
        dest="export_kind", required=True, metavar="EXPORT", help="what to export"
    )
    _add_sds(what)
    _add_ics(what)
    _add_audit(what)


def _add_sds(what: Any) -> None:
    sds = what.add_parser("sds", help="extract SDs as an NDIS bulk payment request CSV")
    _dates(sds, required=False, what=" of a new extraction")
    sds.add_argument(
        "--batch",
        type=record_id(QT_TRANSLATE_NOOP("fields", "extraction batch")),
        metavar="ID",
        help="re-export an earlier batch",
    )
    sds.add_argument(
        "--csv", type=Path, required=True, metavar="FILE", help="the bulk payment request to write"
    )
    _common(sds, dates=False)


def _add_ics(what: Any) -> None:
    ics = what.add_parser("ics", help="the schedule as iCalendar")
    _common(ics)
    ics.add_argument("--worker", metavar="NAME", help="one worker (default: everyone)")
    ics.add_argument(
        "--out", type=Path, required=True, metavar="FILE", help="the .ics file to write"
    )


def _add_audit(what: Any) -> None:
    aud = what.add_parser("audit", help="the audit log as CSV and/or PDF")
    aud.add_argument("--csv", type=Path, metavar="FILE", help="write the events as CSV here")
    aud.add_argument("--pdf", type=Path, metavar="FILE", help="write the events as PDF here")
    aud.add_argument(
        "--snapshots",
        action="store_true",
        help="add each event's full before/after JSON to the CSV (larger file, slower)",
    )
    _dates(aud, required=False, what=" of events (default: all)")
    aud.add_argument("--by-user", metavar="USERNAME", help="only the events of this user")
    old_name(aud, "--user", "--by-user", "by_user", metavar="USERNAME")  # its earlier name
    aud.add_argument("--action", help="only this action (session.cancel) or family (session.)")
    aud.add_argument(
        "--record",
        type=record_id(QT_TRANSLATE_NOOP("fields", "record")),
        metavar="ID",
        help="only this record or session id",
    )
    _common(aud, dates=False)


def _desk(args: argparse.Namespace) -> Any:
    """The signed-in user's desk; their role is checked by each report's service."""
    from app.cli_context import context
    from app.cli_signin import signed_in_desk

    return signed_in_desk(context(args), args)


def _cmd_report(args: argparse.Namespace) -> int:
    if args.report_kind == "day-sheet":
        return _day_sheet(args)
    from app.models.enums import CancelledBy
    from app.models.money import format_money
    from app.services.reports import (
        ReportFilters,
        cancellation_report,
        render_cancellation_pdf,
        write_cancellation_csv,
    )
    from app.services.reports import options as opt
    from app.services.reports.formatting import undone_line

    desk = _desk(args)

    def build(uow: Any) -> Any:
        f = ReportFilters(
            args.date_from,
            args.date_to,
            worker_id=opt.worker_id(uow, args.worker) if args.worker else None,
            service_id=opt.service_id(uow, args.service) if args.service else None,
            reason_id=opt.reason_id(uow, args.reason) if args.reason else None,
            cancelled_by=CancelledBy(args.by) if args.by else None,
            client_id=opt.client_id(uow, args.client) if args.client else None,
            include_undone=args.include_undone,
        )
        return cancellation_report(uow, f)

    report = desk.read(build)
    s = report.summary
    print(
        f"{len(report.shown_rows)} rows: {s.cancellations} cancellations, {s.no_shows} no-shows, "
        f"charges {format_money(s.charges_cents)}."
    )
    if report.undone_left_out:
        print(f"{undone_line(report.undone_left_out)} (--include-undone lists them).")
    if args.pdf:
        pages = render_cancellation_pdf(report, args.pdf)
        print(f"PDF written: {args.pdf} ({pages} pages)")
    if args.csv:
        count = write_cancellation_csv(report, args.csv)
        print(f"CSV written: {args.csv} ({count} rows)")
    if args.pdf or args.csv:
        desk.checkpoint("report export")
    return 0


def _day_sheet(args: argparse.Namespace) -> int:
    from zoneinfo import ZoneInfo

    from app.services.reports import options as opt
    from app.services.reports.day_sheet import (
        day_sheet,
        day_text,
        render_day_sheet_pdf,
        write_day_sheet_csv,
    )

    desk = _desk(args)
    when = args.day or desk.now().astimezone(ZoneInfo(desk.time_zone())).date()

    def build(uow: Any) -> Any:
        worker = opt.worker_id(uow, args.worker) if args.worker else None
        return day_sheet(uow, when, include_cancelled=not args.no_cancelled, worker_id=worker)

    sheet = desk.read(build)
    print(f"{day_text(when)}: {sheet.sessions} sessions for {len(sheet.workers)} workers.")
    if args.pdf:
        pages = render_day_sheet_pdf(sheet, args.pdf)
        print(f"PDF written: {args.pdf} ({pages} pages)")
    if args.csv:
        count = write_day_sheet_csv(sheet, args.csv)
        print(f"CSV written: {args.csv} ({count} rows)")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    handlers: dict[str, Handler] = {"sds": _export_sds, "ics": _export_ics, "audit": _export_audit}
    return handlers[args.export_kind](args)


def _export_sds(args: argparse.Namespace) -> int:
    from app.errors import ValidationError
    from app.services.reports.extraction import extract_sds, reexport_batch

    if args.batch is None and (args.date_from is None or args.date_to is None):
        raise ValidationError("Give --from and --to for a new extraction, or --batch ID.")
    desk = _desk(args)
    if args.batch is not None:
        result = desk.read(lambda uow: reexport_batch(uow, args.batch, args.csv))
    else:
        result = desk.write(lambda uow: extract_sds(uow, args.date_from, args.date_to, args.csv))
    desk.checkpoint("claim export")
    print(result.message)
    for line in result.skipped:
        print(f"  skipped: {line}")
    for locked in result.locked[:LIST_LIMIT]:
        print(f"  now blocked for session {locked.label}: {', '.join(locked.blocks)}")
    if len(result.locked) > LIST_LIMIT:
        print(f"  … and {len(result.locked) - LIST_LIMIT} more sessions.")
    return 0


def _export_ics(args: argparse.Namespace) -> int:
    from app.services.reports import options as opt
    from app.services.reports.ical import write_ics

    desk = _desk(args)

    def run(uow: Any) -> int:
        worker = opt.worker_id(uow, args.worker) if args.worker else None
        return write_ics(uow, args.date_from, args.date_to, args.out, worker)

    events = desk.read(run)
    print(f"iCalendar written: {args.out} ({events} events)")
    return 0


def _export_audit(args: argparse.Namespace) -> int:
    from app.errors import ValidationError
    from app.services.reports import audit_log as al
    from app.services.reports.pdf_audit import render_audit_pdf

    if not args.csv and not args.pdf:
        raise ValidationError("Give --csv FILE and/or --pdf FILE for the audit export.")
    if args.snapshots and not args.csv:
        raise ValidationError("--snapshots adds to the CSV: give --csv FILE as well.")
    flt = al.AuditFilter(args.by_user, args.action, args.date_from, args.date_to, None, args.record)

    def run(uow: Any) -> None:
        log = al.audit_log(uow, flt) if args.pdf else None
        if args.csv:  # the same events as the PDF when both are asked for
            export = al.AuditExport(flt, snapshots=args.snapshots)
            if log is not None:
                export = al.AuditExport.of(log, snapshots=args.snapshots)
            print(f"CSV written: {args.csv} ({al.write_audit_csv(uow, export, args.csv)} events)")
        if log is not None:
            print(f"PDF written: {args.pdf} ({render_audit_pdf(log, args.pdf)} pages)")

    desk = _desk(args)
    desk.read(run)
    desk.checkpoint("audit export")
    return 0
