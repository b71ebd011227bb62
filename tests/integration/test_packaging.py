"""Packaging: a wheel built from the source carries everything under resources/, and FrontDesk
installed from it alone (not the source tree) sends a templated e-mail and shows its window icon;
the frozen build's spec names icon files that exist; the desktop entry names an icon we ship."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from app.services.outbox.templates import render
from tests.integration.outbox_helpers import SmtpSink

ROOT = Path(__file__).resolve().parents[2]
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc")

FACTS = {
    "practice": "Harbour Physio",
    "first_name": "Olivia",
    "client": "Olivia Smith",
    "service": "Physiotherapy",
    "worker": "Sam Lee",
    "starts_local": "Mon 6 Apr 2026 09:00",
    "reason": "Unwell",
    "practice_phone": "02 9000 0000",
}

# Runs in a fresh interpreter that sees the installed wheel and the dependencies only: no site
# processing (so no editable install of the source tree), not started in the source tree.
SEND = textwrap.dedent(
    """
    import json, sys
    from datetime import UTC, datetime

    import app
    from app.models.enums import OutboxChannel
    from app.paths import resources_dir
    from app.services.outbox.dto import OutgoingMessage
    from app.services.outbox.email import SmtpConfig, SmtpTransport, build_message

    now = datetime(2026, 4, 1, 8, 0, tzinfo=UTC)
    msg = OutgoingMessage(
        id=1, channel=OutboxChannel.EMAIL, topic="cancel", key="cancel:session:1:wheel",
        recipient="olivia@example.org", subject="Your appointment is cancelled",
        payload=json.loads(sys.argv[2]), attempts=0, created_at=now,
    )
    config = SmtpConfig(host="127.0.0.1", port=int(sys.argv[1]), security="none",
                        from_address="desk@harbour.example")
    transport = SmtpTransport(config)
    transport.send(build_message(msg, config, "Harbour Physio", now, with_reason=True))
    transport.close()

    from PySide6.QtWidgets import QMainWindow
    from app.ui.start.qapp import make_application

    qt = make_application(["frontdesk"])
    window = QMainWindow()
    icon = window.windowIcon()
    print(json.dumps({
        "app": app.__file__,
        "resources": str(resources_dir()),
        "icon_null": icon.isNull(),
        "icon_sizes": [s.width() for s in icon.availableSizes()],
        "pixmap_32": icon.pixmap(32).width(),
        "desktop_file": qt.desktopFileName(),
    }))
    """
)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """FrontDesk installed from a wheel built from (a copy of) this source tree.

    About 5 s, once for the module: building the wheel is what is under test.
    """
    work = tmp_path_factory.mktemp("wheel")
    src = work / "src"
    for folder in ("app", "resources"):
        shutil.copytree(ROOT / folder, src / folder, ignore=SKIP)
    for name in ("setup.py", "pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run(
        [
            *pip,
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-w",
            work / "dist",
            src,
        ],
        check=True,
        cwd=work,
    )
    (wheel,) = (work / "dist").glob("frontdesk-*.whl")
    site = work / "site"
    subprocess.run(
        [*pip, "install", "--no-deps", "--no-index", "--no-compile", "--target", site, wheel],
        check=True,
        cwd=work,
    )
    yield site


def test_the_wheel_carries_every_file_under_resources(installed: Path) -> None:
    source = {p.relative_to(ROOT / "resources") for p in (ROOT / "resources").rglob("*")}
    source = {
        p for p in source if (ROOT / "resources" / p).is_file() and "__pycache__" not in str(p)
    }
    carried = {
        p.relative_to(installed / "app" / "resources")
        for p in (installed / "app" / "resources").rglob("*")
    }
    assert {"templates", "icons"} <= {p.parts[0] for p in source}
    assert source <= carried, sorted(map(str, source - carried))


def test_frontdesk_installed_from_the_wheel_sends_a_templated_email_and_shows_its_icon(
    installed: Path, tmp_path: Path
) -> None:
    sink = SmtpSink().start()
    try:
        paths = sysconfig.get_paths()
        deps = [paths["purelib"], paths["platlib"]]
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "FRONTDESK_"))}
        env.update(
            PYTHONPATH=os.pathsep.join([str(installed), *dict.fromkeys(deps)]),
            QT_QPA_PLATFORM="offscreen",
            HOME=str(tmp_path),
        )
        done = subprocess.run(
            [sys.executable, "-S", "-c", SEND, str(sink.port), json.dumps(FACTS)],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        seen = json.loads(done.stdout.strip().splitlines()[-1])
        # FrontDesk ran from the wheel, and found its resources inside it.
        assert Path(seen["app"]).is_relative_to(installed), seen["app"]
        assert Path(seen["resources"]) == installed / "app" / "resources"
        assert len(sink.messages) == 1
        text, html = sink.text(0), sink.html(0)
        for fact in ("Olivia", "Physiotherapy", "Sam Lee", "Mon 6 Apr 2026 09:00", "Unwell"):
            assert fact in text and fact in html, fact
        assert "Harbour Physio" in text and "$" not in text
        # The very templates of this source tree, rendered the same way.
        expected = render("cancel", FACTS, with_reason=True).text
        assert text.strip().splitlines() == expected.strip().splitlines()
        assert not seen["icon_null"] and seen["pixmap_32"] == 32
        assert {16, 32, 48, 256} <= set(seen["icon_sizes"])
        assert seen["desktop_file"] == "frontdesk"  # packaging/frontdesk.desktop: Wayland's icon
    finally:
        sink.stop()


def test_the_frozen_builds_icons_exist_and_hold_every_size() -> None:
    spec = (ROOT / "packaging" / "frontdesk.spec").read_text(encoding="utf-8")
    named = set(re.findall(r'ICONS / "([^"]+)"', spec))
    assert {"frontdesk.ico", "frontdesk.icns"} <= named
    for name in named:
        assert (ROOT / "resources" / "icons" / name).is_file(), name
    with Image.open(ROOT / "resources" / "icons" / "frontdesk.ico") as ico:
        assert {(s, s) for s in (16, 24, 32, 48, 64, 128, 256)} <= set(ico.info["sizes"])
    with Image.open(ROOT / "resources" / "icons" / "frontdesk.icns") as icns:
        assert icns.format == "ICNS" and icns.size[0] >= 512


def test_the_linux_install_puts_the_desktop_entrys_icon_in_the_theme_at_every_size(
    tmp_path: Path,
) -> None:
    entry = (ROOT / "packaging" / "frontdesk.desktop").read_text(encoding="utf-8")
    (icon,) = re.findall(r"^Icon=(.+)$", entry, re.M)
    bundle = tmp_path / "dist" / "FrontDesk"
    bundle.mkdir(parents=True)
    (bundle / "frontdesk").write_text("#!/bin/sh\necho FrontDesk\n")
    (bundle / "frontdesk").chmod(0o755)
    prefix = tmp_path / "prefix"
    subprocess.run(
        [ROOT / "packaging" / "install-linux.sh", prefix],
        env={**os.environ, "BUNDLE": str(bundle), "PATH": "/usr/bin:/bin"},
        check=True,
        capture_output=True,
    )
    theme = prefix / "share" / "icons" / "hicolor"
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        with Image.open(theme / f"{size}x{size}" / "apps" / f"{icon}.png") as png:
            assert png.size == (size, size)
    assert (theme / "scalable" / "apps" / f"{icon}.svg").is_file()
    installed = (prefix / "share" / "applications" / "frontdesk.desktop").read_text()
    assert f"Icon={icon}\n" in installed and f"Exec={prefix}/bin/frontdesk\n" in installed
    ran = subprocess.run([prefix / "bin" / "frontdesk"], capture_output=True, text=True)
    assert ran.stdout.strip() == "FrontDesk"
