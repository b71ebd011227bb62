"""Every window, dialog and wizard page fits the screens front desks use: nothing clipped, no
widget below its minimum size, no window larger than the screen.

Each screen runs in a fresh process (Qt fixes the screen's size when it starts) that opens
everything through the real menus on the demo practice (`tests/ui/walk.py`).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCREENS = {
    "1366x768 at 100 %": ["1366", "768"],
    "1366x768 at 125 %": ["1366", "768", "1.25"],
    "1366x768 at 150 %": ["1366", "768", "1.5"],
    "1280x720 at 100 %": ["1280", "720"],
    "1920x1080 at 150 %": ["1920", "1080", "1.5"],
    "1366x768 with 150 % fonts": ["1366", "768", "1", "1.5"],
}


@pytest.mark.parametrize("screen", list(SCREENS))
def test_nothing_is_clipped_or_squeezed(screen: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "QT_SCALE_FACTOR")}
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.walk", *SCREENS[screen]],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    found = [line for line in done.stdout.splitlines() if line.startswith("[")]
    checked = [line for line in done.stdout.splitlines() if line.startswith("checked:")]
    assert checked, f"the walk did not finish:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
    assert int(checked[0].split()[1]) >= 25, checked  # every menu's windows were opened
    assert not found, "\n".join(found)
