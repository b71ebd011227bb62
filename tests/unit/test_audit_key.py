"""The audit key file: made once, private, damaged files refused, found beside the backups."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import AuditKeyError
from app.services.audit.key import KEY_ENV, AuditKeys, write_private


def test_the_key_is_made_on_first_use_readable_by_the_user_only(tmp_path: Path) -> None:
    keys = AuditKeys(tmp_path / "data")
    assert keys.all_keys() == ()  # looking does not make one
    key = keys.current()
    assert len(key.secret) == 32 and len(key.key_id) == 16
    assert keys.key_file.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "data").stat().st_mode & 0o777 == 0o700
    assert AuditKeys(tmp_path / "data").current() == key  # another desk process reads it


def test_a_second_desk_making_the_key_at_the_same_time_keeps_the_first(tmp_path: Path) -> None:
    first, second = AuditKeys(tmp_path), AuditKeys(tmp_path)
    made = first.current()
    assert not write_private(first.key_file, b"00" * 32 + b"\n", replace=False)
    assert second.current() == made


def test_a_damaged_key_file_is_refused_with_what_to_do(tmp_path: Path) -> None:
    (tmp_path / "audit.key").write_text("not a key\n")
    with pytest.raises(AuditKeyError) as refused:
        AuditKeys(tmp_path).current()
    assert refused.value.message == (
        f"The audit key file {tmp_path / 'audit.key'} is damaged. Put back the copy from the "
        "backups folder (audit.key) or from another desk of the practice, then try again."
    )


def test_a_lost_key_comes_back_from_beside_the_backups(tmp_path: Path) -> None:
    (tmp_path / "backups").mkdir()
    keys = AuditKeys(tmp_path)
    key = keys.current()
    assert keys.backup_copy.read_bytes() == keys.key_file.read_bytes()
    keys.key_file.unlink()
    assert AuditKeys(tmp_path).current() == key


def test_a_new_key_keeps_the_old_ones_below_it(tmp_path: Path) -> None:
    keys = AuditKeys(tmp_path)
    old = keys.current()
    new = keys.new_key()
    reread = AuditKeys(tmp_path)
    assert reread.current() == new and reread.find(old.key_id) == old


def test_a_shared_key_file_can_be_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shared = tmp_path / "share" / "practice.key"
    monkeypatch.setenv(KEY_ENV, str(shared))
    one, two = AuditKeys(tmp_path / "desk1"), AuditKeys(tmp_path / "desk2")
    assert one.current() == two.current() and shared.exists()
    assert not (tmp_path / "desk1" / "audit.key").exists()
