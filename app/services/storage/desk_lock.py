"""Which FrontDesk processes have a SQLite practice open: a shared OS lock beside the file.

Every process that opens the practice holds a shared lock on `<database>.desks` and leaves a
note saying who it is in `<database>.desks.d/`; a restore holds the lock exclusively, so it
never replaces a file another desk is still writing, and a desk never opens one mid-restore.
The OS drops a killed process's lock by itself; its note stays behind and is ignored.
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import json
import os
import socket
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.errors import PracticeInUseError, StorageError
from app.i18n import translate, when_text

LOCK_SUFFIX = ".desks"
NOTES_SUFFIX = ".desks.d"
RESTORE_WAIT_S = 10.0  # a desk starting during a restore waits this long before saying so
POLL_S = 0.05

if sys.platform == "win32":  # pragma: no cover - exercised on Windows desks only
    import ctypes
    import msvcrt
    from ctypes import wintypes

    class _Overlapped(ctypes.Structure):
        _fields_ = [
            ("Internal", ctypes.c_void_p),
            ("InternalHigh", ctypes.c_void_p),
            ("Offset", wintypes.DWORD),
            ("OffsetHigh", wintypes.DWORD),
            ("hEvent", wintypes.HANDLE),
        ]

    _kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    _FAIL_IMMEDIATELY, _EXCLUSIVE = 0x1, 0x2

    def _try_lock(fd: int, exclusive: bool) -> bool:
        flags = _FAIL_IMMEDIATELY | (_EXCLUSIVE if exclusive else 0)
        handle = wintypes.HANDLE(msvcrt.get_osfhandle(fd))
        return bool(_kernel32.LockFileEx(handle, flags, 0, 1, 0, ctypes.byref(_Overlapped())))

    def _unlock(fd: int) -> None:
        handle = wintypes.HANDLE(msvcrt.get_osfhandle(fd))
        _kernel32.UnlockFileEx(handle, 0, 1, 0, ctypes.byref(_Overlapped()))

    def pid_alive(pid: int) -> bool:
        """True while process `pid` of this computer runs."""
        handle = _kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.get_last_error() == 5  # access denied: it exists
        code = wintypes.DWORD()
        try:
            _kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        finally:
            _kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE

else:
    import fcntl

    def _try_lock(fd: int, exclusive: bool) -> bool:
        # flock, not lockf: the lock belongs to this open file, so two contexts of one process
        # (a test, the rescue) are two desks, and closing some other handle never drops it.
        try:
            fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

    def pid_alive(pid: int) -> bool:
        """True while process `pid` of this computer runs."""
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True


@dataclass(frozen=True)
class DeskNote:
    """Who holds the lock: the computer, the process, the user, since when, and what for."""

    host: str
    pid: int
    user: str
    since: datetime
    kind: str  # "desk" (a window or a command) or "restore"

    def describe(self, today: datetime | None = None) -> str:
        """'RECEPTION-2 (pid 4242, anna, since 09:12)'."""
        when = self.since.strftime("%H:%M")
        if (today or datetime.now()).date() != self.since.date():
            when = when_text(self.since, "%d %b %H:%M")
        return translate("storage", "{host} (pid {pid}, {user}, since {when})").format(
            host=self.host, pid=self.pid, user=self.user, when=when
        )

    def stale(self) -> bool:
        """A note left by a process of this computer that has ended (killed, crashed)."""
        return self.host == socket.gethostname() and not pid_alive(self.pid)


def lock_file(db_file: Path) -> Path:
    return db_file.with_name(db_file.name + LOCK_SUFFIX)


def notes_dir(db_file: Path) -> Path:
    return db_file.with_name(db_file.name + NOTES_SUFFIX)


def read_notes(db_file: Path) -> list[DeskNote]:
    """The notes of the processes that may hold the lock (stale ones of this computer left out)."""
    return [note for _path, note in _notes(db_file)]


def other_desks(db_file: Path, mine: DeskLock | None) -> list[DeskNote]:
    """Who else has the practice open: every live note but `mine` (this window's own hold)."""
    own = mine.note_path if mine is not None else None
    return [note for path, note in _notes(db_file) if path != own]


def _notes(db_file: Path) -> list[tuple[Path, DeskNote]]:
    found: list[tuple[Path, DeskNote]] = []
    folder = notes_dir(db_file)
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            note = DeskNote(
                str(raw["host"]),
                int(raw["pid"]),
                str(raw["user"]),
                datetime.fromisoformat(str(raw["since"])),
                str(raw.get("kind", "desk")),
            )
        except (OSError, ValueError, KeyError, TypeError):
            continue  # half-written by a process starting right now, or not ours
        if not note.stale():
            found.append((path, note))
    return found


def _read_only(folder: Path, exc: OSError | None = None) -> StorageError:
    if exc is not None and exc.strerror:
        said = translate(
            "storage",
            "The folder {folder} that holds the practice database cannot be written ({why}). "
            "FrontDesk has to write there to open the practice and keep it safe; ask your IT "
            "support to make the folder writable, or open a practice kept in a folder you can "
            "write.",
        )
    else:
        said = translate(
            "storage",
            "The folder {folder} that holds the practice database cannot be written. "
            "FrontDesk has to write there to open the practice and keep it safe; ask your IT "
            "support to make the folder writable, or open a practice kept in a folder you can "
            "write.",
        )
    return StorageError(said.format(folder=folder, why=exc.strerror if exc else ""))


class DeskLock:
    """This process's hold on a practice: the open lock file and its note."""

    def __init__(self, db_file: Path, kind: str = "desk") -> None:
        self.db_file = db_file
        self.kind = kind
        self.note_path: Path | None = None
        folder = db_file.parent
        try:
            self.fd: int | None = os.open(lock_file(db_file), os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                raise _read_only(folder, exc) from exc
            raise
        if not os.access(folder, os.W_OK):  # SQLite could not make its WAL beside the file
            self.close()
            raise _read_only(folder)

    def try_lock(self, exclusive: bool) -> bool:
        assert self.fd is not None
        return _try_lock(self.fd, exclusive)

    def unlock(self) -> None:
        if self.fd is not None:
            _unlock(self.fd)

    def write_note(self) -> None:
        """Say who holds the lock, for a restore (or a starting desk) to name."""
        folder = notes_dir(self.db_file)
        folder.mkdir(mode=0o700, exist_ok=True)
        host, pid = socket.gethostname(), os.getpid()
        note = {
            "host": host,
            "pid": pid,
            "user": _user(),
            "since": datetime.now().isoformat(timespec="seconds"),
            "kind": self.kind,
        }
        path = folder / f"{host}-{pid}-{id(self)}.json"
        path.write_text(json.dumps(note), encoding="utf-8")
        self.note_path = path

    def close(self) -> None:
        """Give the practice back: the note goes, then the lock."""
        if self.note_path is not None:
            self.note_path.unlink(missing_ok=True)
            self.note_path = None
        if self.fd is not None:
            os.close(self.fd)  # drops the lock
            self.fd = None


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown user"


def join(db_file: Path, needs_tidying: Callable[[], bool], tidy: Callable[[], None]) -> DeskLock:
    """Hold the practice shared, as one desk among others; waits out a restore in progress.

    When nobody else has the practice open, a restore cut short (`needs_tidying`) is finished
    or undone first (`tidy`), under the exclusive lock.
    """
    lock = DeskLock(db_file)
    deadline = time.monotonic() + RESTORE_WAIT_S
    try:
        while True:
            if lock.try_lock(exclusive=True):
                _forget_stale_notes(db_file)  # nobody else has it open: every note is stale
                if needs_tidying():
                    tidy()
                lock.unlock()  # then shared: a restore slipping in between is waited out below
            if lock.try_lock(exclusive=False):
                if not needs_tidying():
                    lock.write_note()
                    return lock
                lock.unlock()  # a restore was cut short meanwhile: round again to tidy it
            elif time.monotonic() > deadline:
                raise _restore_in_progress(db_file)
            time.sleep(POLL_S)
    except BaseException:
        lock.close()
        raise


def _restore_in_progress(db_file: Path) -> PracticeInUseError:
    who = [n.describe() for n in read_notes(db_file) if n.kind == "restore"]
    if who:
        said = translate(
            "storage",
            "A restore of the practice is in progress on {desk}. FrontDesk opens once it has "
            "finished: wait a minute, then open it again.",
        )
    else:
        said = translate(
            "storage",
            "A restore of the practice is in progress. FrontDesk opens once it has "
            "finished: wait a minute, then open it again.",
        )
    return PracticeInUseError(said.format(desk=who[0] if who else ""))


@contextlib.contextmanager
def exclusive(db_file: Path) -> Iterator[DeskLock]:
    """The practice to this process alone (a restore); refused at once while any desk has it."""
    lock = DeskLock(db_file, kind="restore")
    try:
        if not lock.try_lock(exclusive=True):
            raise in_use(db_file)
        _forget_stale_notes(db_file)
        lock.write_note()
        yield lock
    finally:
        lock.close()


def in_use(db_file: Path) -> PracticeInUseError:
    """The sentence naming what to close before a restore."""
    notes = read_notes(db_file)
    if not notes:
        return PracticeInUseError(
            translate(
                "storage",
                "FrontDesk is open at another desk or in another window — close it there first, "
                "then restore.",
            )
        )
    restoring = [n for n in notes if n.kind == "restore"]
    if restoring:
        return PracticeInUseError(
            translate(
                "storage", "Another restore is running on {desk}; wait for it to finish."
            ).format(desk=restoring[0].describe())
        )
    names = "; ".join(n.describe() for n in notes)
    return PracticeInUseError(
        translate(
            "storage", "FrontDesk is open on {desks} — close it there first, then restore."
        ).format(desks=names)
    )


def _forget_stale_notes(db_file: Path) -> None:
    """Under the exclusive lock every note left is a killed process's: remove them."""
    folder = notes_dir(db_file)
    for path in folder.glob("*.json") if folder.is_dir() else []:
        path.unlink(missing_ok=True)
