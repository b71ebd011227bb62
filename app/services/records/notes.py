"""A session's clinical note: written as a draft, edited, finalized (then read-only for good).

Any user may write a session's note and is recorded as its author; only the author or a manager
edits or finalizes it. A finalized note is part of the clinical record: it blocks a permanent
delete of its session (app/services/sessions/deletion.py) and can no longer be changed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from app.db import Actor, UnitOfWork
from app.errors import ConflictError, NotAllowedError, PermissionDeniedError, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate, when_text
from app.models import ClinicalNote, Session, User
from app.services import practice
from app.services.audit import chain as audit
from app.services.auth import Permission, can, require
from app.services.boundary import checked_text
from app.services.dto import ChangeSet
from app.services.sessions.common import load_session

NOTE_MAX = 20_000


@dataclass(frozen=True)
class NoteView:
    """A session's note as the window shows it, and whether the reader may change it."""

    id: int
    session_id: int
    body: str
    finalized: bool
    author_id: int
    author: str
    created_at: datetime
    updated_at: datetime | None
    finalized_at: datetime | None
    finalized_by: str | None
    revision: str  # what the desk loaded; a save against an older one is a conflict
    read_only_because: str | None = None  # None: the reader may edit and finalize it


@dataclass(frozen=True)
class NoteSaved:
    message: str
    changes: ChangeSet
    note: NoteView


def _revision(note: ClinicalNote) -> str:
    """The note as a desk read it: when it was last saved, whether it is finalized, and its text
    (two saves within one tick of the clock still differ)."""
    saved = (note.updated_at or note.created_at).astimezone(UTC).isoformat()
    digest = hashlib.sha256(note.body.encode("utf-8")).hexdigest()[:16]
    return f"{saved}|{'final' if note.finalized else 'draft'}|{digest}"


def _latest(uow: UnitOfWork, session_id: int) -> ClinicalNote | None:
    return uow.session.scalar(
        select(ClinicalNote)
        .where(ClinicalNote.session_id == session_id)
        .order_by(ClinicalNote.id.desc())
        .limit(1)
    )


def _name(uow: UnitOfWork, user_id: int | None) -> str:
    if user_id is None:
        return "?"
    return uow.session.scalar(select(User.full_name).where(User.id == user_id)) or "?"


def _why_read_only(uow: UnitOfWork, note: ClinicalNote, actor: Actor) -> str | None:
    """None when `actor` may change the note; else the sentence a refusal gives."""
    if note.finalized:
        tz = practice.time_zone(uow)
        when = note.finalized_at.astimezone(tz) if note.finalized_at else None
        by = _name(uow, note.finalized_by_id or note.author_id)
        if when is None:
            return translate(
                "notes",
                "This note was finalized by {by} and is part of the clinical record: it can "
                "no longer be changed. Anything to add belongs in the next session's note.",
            ).format(by=by)
        return translate(
            "notes",
            "This note was finalized by {by} on {when} and is part of the clinical record: it "
            "can no longer be changed. Anything to add belongs in the next session's note.",
        ).format(by=by, when=when_text(when, "%d %b %Y %H:%M"))
    if note.author_id != actor.user_id and not can(actor, Permission.FINALIZE_ANY_NOTE):
        return translate(
            "notes",
            "This note was written by {name}; only they or a manager may change or finalize it.",
        ).format(name=_name(uow, note.author_id))
    return None


def _view(uow: UnitOfWork, note: ClinicalNote, actor: Actor) -> NoteView:
    return NoteView(
        note.id,
        note.session_id,
        note.body,
        note.finalized,
        note.author_id,
        _name(uow, note.author_id),
        note.created_at,
        note.updated_at,
        note.finalized_at,
        _name(uow, note.finalized_by_id or note.author_id) if note.finalized else None,
        _revision(note),
        _why_read_only(uow, note, actor),
    )


def session_note(uow: UnitOfWork, session_id: int) -> NoteView | None:
    """The session's note (None when nobody has written one yet)."""
    load_session(uow, session_id)
    note = _latest(uow, session_id)
    return None if note is None else _view(uow, note, uow.actor)


def _checked_body(body: str) -> str:
    text = checked_text(body or "", "note", QT_TRANSLATE_NOOP("fields", "note"), limit=NOTE_MAX)
    if not text:
        raise ValidationError(
            translate("notes", "The note is empty; write what happened in the session."),
            field="note",
        )
    return text


def save_note(
    uow: UnitOfWork,
    session_id: int,
    body: str,
    *,
    revision: str | None = None,
    finalize: bool = False,
    by: Actor | None = None,
    at: datetime | None = None,
) -> NoteSaved:
    """Write the session's note, or change the draft loaded at `revision`; optionally finalize.

    `revision` is the `NoteView.revision` the desk loaded (None: it saw no note): a note written,
    changed or finalized at another desk meanwhile is a conflict, never overwritten.
    """
    actor = by if by is not None else uow.actor
    require(actor, Permission.WRITE_NOTES)
    load_session(uow, session_id)
    text = _checked_body(body)
    now = at or uow.now()
    # One save of the session's note at a time (PostgreSQL; SQLite writes one at a time): a desk
    # saving meanwhile waits, then reads the note as the other desk left it.
    uow.session.execute(select(Session.id).where(Session.id == session_id).with_for_update())
    note = _latest(uow, session_id)
    _check_current(uow, note, actor, revision)
    if note is None:
        note = _write(uow, session_id, text, actor, now)
        message = translate("notes", "The note was saved as a draft.")
    else:
        _edit(uow, note, text, actor, now)
        message = translate("notes", "The note was saved.")
    if finalize:
        _finalize(uow, note, actor, now)
        message = translate("notes", "The note was finalized; it can no longer be changed.")
    return NoteSaved(
        message,
        ChangeSet(frozenset({session_id}), topics=frozenset({"note"})),
        _view(uow, note, actor),
    )


def _check_current(
    uow: UnitOfWork, note: ClinicalNote | None, actor: Actor, revision: str | None
) -> None:
    """Refuse a save over a note written, changed or finalized since `revision`, or over a
    finalized note."""
    stored = None if note is None else _revision(note)
    if revision != stored:
        raise ConflictError(
            translate(
                "notes",
                "This session's note was written, changed or finalized at another desk since you opened it, so nothing was saved. Read the note as it is now before you save your text.",
            )
        )
    if note is not None and note.finalized:
        raise NotAllowedError(_why_read_only(uow, note, actor) or "")


def _write(
    uow: UnitOfWork, session_id: int, text: str, actor: Actor, now: datetime
) -> ClinicalNote:
    """The session's first note, a draft by `actor`; audited."""
    note = ClinicalNote(
        session_id=session_id, author_id=actor.user_id, body=text, finalized=False,
        created_at=now,
    )  # fmt: skip
    uow.session.add(note)
    uow.session.flush()
    audit.record(uow, "note.write", "note", note.id, session_id=session_id,
                 after={"body": text, "author_id": actor.user_id})  # fmt: skip
    return note


def _edit(uow: UnitOfWork, note: ClinicalNote, text: str, actor: Actor, now: datetime) -> None:
    """Change the draft's text (audited when it changed); refused to one who may not."""
    refusal = _why_read_only(uow, note, actor)
    if refusal is not None:
        raise PermissionDeniedError(refusal)
    if note.body != text:
        before = {"body": note.body}
        note.body, note.updated_at = text, now
        uow.session.flush()
        audit.record(uow, "note.edit", "note", note.id, session_id=note.session_id,
                     before=before, after={"body": text})  # fmt: skip


def _finalize(uow: UnitOfWork, note: ClinicalNote, actor: Actor, now: datetime) -> None:
    if note.author_id != actor.user_id:
        require(actor, Permission.FINALIZE_ANY_NOTE)
    note.finalized, note.finalized_at, note.finalized_by_id = True, now, actor.user_id
    uow.session.flush()
    audit.record(uow, "note.finalize", "note", note.id, session_id=note.session_id,
                 before={"finalized": False},
                 after={"finalized": True, "finalized_by_id": actor.user_id})  # fmt: skip
