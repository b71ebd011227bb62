"""Writing finished exports: atomically to a path (never half a file), or to an open stream."""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

from app.paths import open_private
from app.services.storage.export_target import checked_target


def write_file(target: Path | BinaryIO, data: bytes) -> None:
    """Write `data` to a .part file renamed into place, or straight to a binary stream."""
    if not isinstance(target, Path):
        target.write(data)
        return
    checked_target(target)
    part = target.with_name(target.name + ".part")
    try:
        with open_private(part) as stream:  # 0600: exports name clients
            stream.write(data)
        os.replace(part, target)
    finally:
        if part.exists():
            part.unlink()
