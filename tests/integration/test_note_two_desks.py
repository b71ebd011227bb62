"""SPEC section 6: two desks acting on one session never lose an update. Here two desks save the
session's clinical note at the same moment, on PostgreSQL (SQLite desks write one at a time):
both read the same draft, and the second waits for the first's save, then is told the note was
changed at another desk instead of writing over it."""

from __future__ import annotations

from sqlalchemy import select

from app.errors import ConflictError
from app.models import ClinicalNote
from app.services.records import notes
from tests.factory import World
from tests.integration.test_payment_delete_two_desks import _session, _while_open


def test_a_note_saved_while_another_desk_saves_it_is_refused_as_changed(world: World) -> None:
    sid, _client = _session(world)
    draft = world.run(world.reception, lambda uow: notes.save_note(uow, sid, "Seen."))
    read = draft.note.revision

    def there(uow: object) -> object:
        return notes.save_note(uow, sid, "Seen; plan agreed.", revision=read)  # type: ignore[arg-type]

    def here(uow: object) -> object:
        return notes.save_note(uow, sid, "Seen; call GP.", revision=read)  # type: ignore[arg-type]

    outcome = _while_open(world, (world.manager, there), (world.reception, here))

    assert isinstance(outcome, ConflictError), outcome
    assert "at another desk" in outcome.message
    body = world.read(lambda uow: uow.session.scalar(select(ClinicalNote.body)))
    assert body == "Seen; plan agreed."
