"""Where FrontDesk keeps its data, backups and exports (platformdirs), with overrides."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, NamedTuple

import platformdirs

APP_NAME = "FrontDesk"
APP_AUTHOR = "FrontDesk"


class AppPaths(NamedTuple):
    """The folders one running FrontDesk uses (a named tuple rather than a frozen dataclass:
    this module loads with every start, and a dataclass compiles its methods as it loads)."""

    data_dir: Path

    @property
    def database_file(self) -> Path:
        return self.data_dir / "frontdesk.sqlite3"

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def export_dir(self) -> Path:
        return self.data_dir / "exports"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    def ensure(self) -> AppPaths:
        """The folders made (0700 on POSIX), and tightened when an older version made them."""
        for folder in (self.data_dir, self.backup_dir, self.export_dir, self.log_dir):
            private_folder(folder, tighten=True)
        return self


def default_paths() -> AppPaths:
    """`FRONTDESK_DATA_DIR` wins; otherwise the user's data folder for this platform."""
    override = os.environ.get("FRONTDESK_DATA_DIR")
    if override:
        return AppPaths(Path(override).expanduser().resolve())
    return AppPaths(Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)))


def default_database_url(paths: AppPaths) -> str:
    """`FRONTDESK_DB_URL` wins; otherwise the SQLite file in the data folder."""
    return os.environ.get("FRONTDESK_DB_URL") or f"sqlite:///{paths.database_file}"


def resources_dir() -> Path:
    """The one home of everything under resources/ (templates, icons, fonts, translations).

    An installed wheel and the frozen bundle carry the folder inside the package, as
    app/resources/ (setup.py and packaging/frontdesk.spec put it there); a source tree
    or an editable install keeps it beside app/. Look things up through this, never by a path
    of your own: `resources_dir() / "templates" / "undo.txt"`.
    """
    package = Path(__file__).resolve().parent
    inside = package / "resources"
    return inside if inside.is_dir() else package.parent / "resources"


# Files and folders only this user can read: the practice database, its backups, exports,
# logs and keys hold client details and secrets (0600 files, 0700 folders on POSIX; Windows
# keeps the user's own profile private already).
POSIX = os.name == "posix"
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def private_folder(folder: Path, *, tighten: bool = False) -> Path:
    """Create `folder` (and missing parents) 0700; with `tighten`, an existing one of ours too."""
    made = not folder.exists()
    folder.mkdir(parents=True, mode=PRIVATE_FOLDER, exist_ok=True)
    if POSIX and (made or tighten) and folder.stat().st_uid == os.getuid():
        with contextlib.suppress(OSError):  # not ours to change (a shared mount): leave it
            folder.chmod(PRIVATE_FOLDER)
    return folder


def private_file(path: Path) -> Path:
    """Make `path` (an empty file when missing) readable and writable by this user only."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    except FileExistsError:
        pass
    except OSError:  # a read-only or missing folder: whoever writes next says so in its words
        return path
    if POSIX:
        with contextlib.suppress(OSError):  # another user's file: theirs to change
            if path.stat().st_mode & 0o777 != PRIVATE_FILE:
                path.chmod(PRIVATE_FILE)
    return path


@contextlib.contextmanager
def open_private(path: Path, mode: str = "wb", **kwargs: object) -> Iterator[IO[Any]]:
    """`open(path, mode)` for writing a new or replaced file that is 0600 from its first byte."""
    private_file(path)
    with open(path, mode, **kwargs) as stream:  # type: ignore[call-overload]
        yield stream


def write_private(path: Path, data: bytes, *, replace: bool = True) -> bool:
    """Write `path` as 0600 through a synced temporary file; without `replace`, never overwrite.

    Returns False when `path` already existed and was left alone (another desk made it first).
    """
    private_folder(path.parent)
    import secrets  # here, not at the top: the start's first paint does not wait for OpenSSL's hashes

    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if replace:
            os.replace(tmp, path)
            return True
        try:
            os.link(tmp, path)  # fails when another desk made the file first: keep theirs
        except FileExistsError:
            return False
        except OSError:  # a file system without hard links: create it in place, exclusively
            return _create_exclusive(path, data)
        return True
    finally:
        tmp.unlink(missing_ok=True)


def _create_exclusive(path: Path, data: bytes) -> bool:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        return False
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    return True
