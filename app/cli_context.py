"""The database a command works on, shared by every command module below `app/cli.py`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.bootstrap import AppContext


def context(args: argparse.Namespace) -> AppContext:
    """The database the command line works on (checked whole, backed up and upgraded)."""
    from app.bootstrap import build

    return build(args.db, Path(args.data_dir) if args.data_dir else None, verify=True)
