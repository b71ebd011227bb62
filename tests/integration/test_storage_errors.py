"""A full disk or a read-only database gives a sentence and loses nothing already saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import event, func, select

from app.bootstrap import AppContext
from app.db import Database, make_engine
from app.errors import StorageError
from app.models import Client


def _clients(db: Database) -> int:
    with db.read() as uow:
        return int(uow.session.scalar(select(func.count(Client.id))) or 0)


def test_a_full_disk_is_a_sentence_and_earlier_work_stays(ctx: AppContext) -> None:
    with ctx.db.write(_admin(ctx)) as uow:
        uow.session.add(Client(first_name="Saved", last_name="Before"))
    before = _clients(ctx.db)
    full = Database(make_engine(ctx.url), ctx.db.clock)

    @event.listens_for(full.engine, "connect")
    def _no_room(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")  # the file may not grow: a full disk

    with pytest.raises(StorageError) as err, full.write(_admin(ctx)) as uow:
        for n in range(5000):
            uow.session.add(Client(first_name="Big", last_name=f"Family {n}", notes="x" * 500))
        uow.session.flush()
    assert (
        err.value.message == "The disk is full. Nothing was changed; free some space and try again."
    )
    full.dispose()
    assert _clients(ctx.db) == before


def test_a_read_only_database_is_a_sentence(ctx: AppContext) -> None:
    path = ctx.url.removeprefix("sqlite:///")
    readonly = Database(make_engine(f"sqlite:///file:{path}?mode=ro&uri=true"), ctx.db.clock)
    with pytest.raises(StorageError) as err, readonly.write(_admin(ctx)) as uow:
        uow.session.add(Client(first_name="Never", last_name="Saved"))
    assert "cannot be written" in err.value.message and "Nothing was changed" in err.value.message
    readonly.dispose()


def _admin(ctx: AppContext):  # type: ignore[no-untyped-def]
    from app.services.desk import open_desk

    return open_desk(ctx.db).actor


OPEN = (
    "import sys\n"
    "from pathlib import Path\n"
    "from app.bootstrap import build\n"
    "from app.errors import FrontDeskError\n"
    "try:\n"
    "    build(data_dir=Path(sys.argv[1])).close()\n"
    "except FrontDeskError as exc:\n"
    "    print(exc.message)\n"
)


def _open_read_only(data: Path) -> str:
    """What a start says when the practice's folder cannot be written (a read-only share)."""
    import os
    import shutil
    import subprocess
    import sys

    command = [sys.executable, "-c", OPEN, str(data)]
    if os.geteuid() != 0:
        data.chmod(0o555)
    else:  # root writes anywhere, except on a read-only mount: make one, in its own namespace
        unshare = shutil.which("unshare")
        probe = subprocess.run([unshare, "-rm", "true"], capture_output=True) if unshare else None
        if probe is None or probe.returncode != 0:
            pytest.skip("running as root without user namespaces: no read-only folder to try")
        mount = f'mount -o bind,ro "{data}" "{data}" && exec "$0" "$@"'
        command = [str(unshare), "-rm", "sh", "-c", mount, *command]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    finally:
        data.chmod(0o755)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_read_only_practice_folder_says_so_and_not_that_the_file_is_damaged(
    demo_ctx: AppContext,
) -> None:
    data = Path(demo_ctx.url.removeprefix("sqlite:///")).parent
    demo_ctx.close()  # the desk has closed; someone made its folder read-only since
    said = _open_read_only(data)
    assert said.startswith(f"The folder {data} that holds the practice database cannot be written")
    assert "ask your IT support to make the folder writable" in said and "damaged" not in said
