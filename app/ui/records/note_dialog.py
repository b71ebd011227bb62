"""A session's clinical note: write or edit the draft, save it, finalize it (asked first).
Escape, Close or the window's close button with text typed and not saved ask first (Save draft /
Discard / Cancel, Cancel the default): a note is never lost to one key. Read-only beside text
this desk typed and could not save, they ask too (Discard / Cancel) unless all of it was copied.

A finalized note — or one the reader may not change — opens read-only, saying who finalized it
and when (or who may change it).

Like every session dialog one write finishes (`WriteDialog`), it closes when another desk wrote,
changed or finalized the note meanwhile, so its opener says so and opens it again on the note as
it is now, keeping the text this desk typed: in the editor beside what the other desk saved, or,
when the note can no longer be changed, beside it to copy from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.i18n import day_time
from app.number_text import number_text
from app.services.records.notes import NOTE_MAX, NoteView
from app.ui.i18n import tr
from app.ui.messages import Destructive, ask_destructive, ask_discard_unsaved
from app.ui.note_field import NoteField
from app.ui.ops import OneCall, Reply
from app.ui.sessions.common import ErrorLine, WriteDialog, banner
from app.ui.setup.common import GuardedDialog, Unsaved, ask_before_leaving

# (body, the revision the desk loaded, reply)
SaveNote = Callable[[str, str | None, Reply], None]


@dataclass(frozen=True)
class NoteContext:
    label: str  # the session, as dialogs name it
    note: NoteView | None  # None: nobody has written one yet
    tz: ZoneInfo
    save: SaveNote
    finalize: SaveNote  # saves the text as it stands and finalizes it, in one step
    kept: str | None = None  # this desk's text, not saved: the note was changed at another desk


def _when(moment: datetime | None, tz: ZoneInfo) -> str:
    return day_time(moment, tz) if moment else "—"


def state_text(note: NoteView | None, tz: ZoneInfo) -> str:
    """The note's state in one line: new, a draft by whom, or finalized by whom and when."""
    if note is None:
        return tr("note", "New note: nobody has written this session's note yet.")
    if note.finalized:
        return tr("note", "Finalized by {who} on {when} (written by {author}).").format(
            who=note.finalized_by or "?", when=_when(note.finalized_at, tz), author=note.author
        )
    return tr("note", "Draft by {author}, last saved {when}.").format(
        author=note.author, when=_when(note.updated_at or note.created_at, tz)
    )


class NoteDialog(WriteDialog, GuardedDialog):
    """The note of one session; leaving it with unsaved text asks first."""

    def __init__(self, ctx: NoteContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.typed: str | None = None  # the text of the last save tried: kept on a conflict
        # The question before finalizing (replaceable in tests that drive it without a loop).
        self.ask: Callable[[Destructive], str | None] = lambda q: ask_destructive(self, q)
        self.setWindowTitle(tr("note", "Clinical note"))
        self.setObjectName("noteDialog")
        self.resize(620, 460)
        self._build_ui()
        self.unsaved = Unsaved(self.text.toPlainText)
        # Reopened with this desk's text in the editor: it is unsaved until saved.
        self.unsaved.mark(self._saved_body() if self._kept_in_editor() else None)

    @property
    def read_only_because(self) -> str | None:
        note = self.ctx.note
        return None if note is None else note.read_only_because

    def _saved_body(self) -> str:
        return self.ctx.note.body if self.ctx.note else ""

    def _kept_in_editor(self) -> bool:
        """Reopened after another desk's change, on a note this desk may still change."""
        return self.ctx.kept is not None and self.read_only_because is None

    def _build_ui(self) -> None:
        layout = QVBoxLayout(self)
        session = QLabel(self.ctx.label, self)
        session.setWordWrap(True)
        layout.addWidget(session)
        self.state = QLabel(state_text(self.ctx.note, self.ctx.tz), self)
        self.state.setObjectName("noteState")
        self.state.setWordWrap(True)
        layout.addWidget(self.state)
        self.text = NoteField(parent=self)
        self.text.setAccessibleName(tr("note", "Clinical note"))
        editor_text = self.ctx.kept if self._kept_in_editor() else self._saved_body()
        self.text.setPlainText(editor_text or "")
        self.text.setPlaceholderText(tr("note", "What happened in the session, the plan, …"))
        layout.addWidget(self.text, 1)
        self._add_kept(layout)
        self.count = QLabel(self)
        self.count.setObjectName("noteCount")
        layout.addWidget(self.count)
        self.error = ErrorLine(self)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(self)
        self.call = OneCall(self, self.buttons, self.error.show_message)
        self.save_button = self.buttons.addButton(
            tr("note", "&Save draft"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.finalize_button = self.buttons.addButton(
            tr("note", "&Finalize…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.save_button.clicked.connect(self._on_save)
        self.finalize_button.clicked.connect(self._on_finalize)
        self.close_button.clicked.connect(self.cancel)
        layout.addWidget(self.buttons)
        self.text.textChanged.connect(self._on_text_changed)
        why = self.read_only_because
        if why is not None:
            self.text.setReadOnly(True)
            layout.insertWidget(2, banner(why, parent=self))
            for b in (self.save_button, self.finalize_button):
                b.setEnabled(False)
                b.setToolTip(why)
            self.close_button.setDefault(True)
        self._on_text_changed()

    def _add_kept(self, layout: QVBoxLayout) -> None:
        """After another desk's change: what it saved beside this desk's text in the editor, or
        — the note can no longer be changed — this desk's text beside the note, to copy from."""
        if self.ctx.kept is None:
            return
        if self._kept_in_editor():
            title = tr("note", "The note as saved at another desk (your text is above):")
            other = self._saved_body()
        else:
            title = tr("note", "Your text, not saved (copy what you need):")
            other = self.ctx.kept
        label = QLabel(title, self)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.other = NoteField(parent=self)
        self.other.setObjectName("noteKept")
        self.other.setAccessibleName(title.rstrip(":"))
        self.other.setPlainText(other)
        self.other.setReadOnly(True)
        layout.addWidget(self.other, 1)

    def _on_text_changed(self) -> None:
        n = len(self.text.toPlainText())
        self.count.setText(
            tr("note", "{n} of {max} characters").format(
                n=number_text(n), max=number_text(NOTE_MAX)
            )
        )

    def may_close(self) -> bool:
        """Nothing typed since it opened: close. Else ask Save draft / Discard / Cancel; a save
        that is refused (or still running) keeps the note open with its text."""
        if self.call.busy:
            return False
        if self.read_only_because is not None:
            return self._may_drop_kept()
        return ask_before_leaving(
            self, tr("note", "the clinical note"), self.unsaved, self._on_save
        )

    def _may_drop_kept(self) -> bool:
        """Read-only with this desk's text kept below it: closing throws that text away, so ask
        (Cancel the default) — unless all of it is on the clipboard, copied."""
        kept = (self.ctx.kept or "").strip()
        if not kept or kept in QGuiApplication.clipboard().text():
            return True
        return ask_discard_unsaved(
            self,
            tr("note", "Discard the text you typed?"),
            tr(
                "note",
                "It was not saved, and this note can no longer be changed. Cancel goes back to "
                "it so you can copy what you need; Discard throws it away.",
            ),
        )

    def _revision(self) -> str | None:
        return self.ctx.note.revision if self.ctx.note else None

    def _on_save(self) -> None:
        self._run(self.ctx.save)

    def _on_finalize(self) -> None:
        answer = self.ask(
            Destructive(
                tr("note", "Finalize note"),
                tr("note", "Finalize this note? It can't be changed afterwards."),
                tr("note", "Finalize note"),
                tr("note", "Keep editing"),
                (
                    tr(
                        "note",
                        "The note is saved as it stands and becomes part of the clinical record.",
                    ),
                    tr("note", "A session with a finalized note can't be permanently deleted."),
                ),
            )
        )
        if answer is not None:
            self._run(self.ctx.finalize)

    def _run(self, call: SaveNote) -> None:
        body, revision = self.text.toPlainText(), self._revision()
        self.typed = body
        self.call.start(lambda reply: call(body, revision, reply), self._on_reply)
