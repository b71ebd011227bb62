"""Where FrontDesk keeps its data, backups and exports (platformdirs), with overrides."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "FrontDesk"
APP_AUTHOR = "FrontDesk"


@dataclass(frozen=True)
class AppPaths:
    """The folders one running FrontDesk uses."""

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
        for folder in (self.data_dir, self.backup_dir, self.export_dir, self.log_dir):
            folder.mkdir(parents=True, exist_ok=True)
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
    """Icons, templates and styles: inside a frozen bundle, or beside the source tree."""
    import sys

    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"
