"""Where an export may be written: an existing folder, and a new or ordinary file in it.

Exports are written to a `.part` file renamed over the target. Renaming replaces whatever the
name points at — a device such as /dev/full, a pipe, a link — so anything but an ordinary file
is refused, and a missing folder is not created behind the user's back (a typing slip would
otherwise leave the file somewhere nobody looks).
"""

from __future__ import annotations

import stat
from pathlib import Path

from app.errors import ValidationError
from app.i18n import translate

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISLNK, "a link to another file"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISFIFO, "a pipe"),
    (stat.S_ISSOCK, "a socket"),
)


def checked_target(path: Path) -> Path:
    """`path` when it may be written (its folder exists; it is absent or an ordinary file)."""
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise ValidationError(
            translate(
                "storage",
                "The folder {folder} does not exist; choose an existing folder for the file (FrontDesk does not create folders for exports).",
            ).format(folder=folder),
            field="file",
        )
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return path
    if stat.S_ISREG(mode):
        return path
    kind = next((name for test, name in _KINDS if test(mode)), "not an ordinary file")
    raise ValidationError(
        translate(
            "storage",
            "{path} is {kind}, not an ordinary file, so FrontDesk will not replace it; choose another file name.",
        ).format(path=path, kind=kind),
        field="file",
    )
