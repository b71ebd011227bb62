"""The Qt Linguist catalogues: `make translations` runs this.

Every `tr(context, text)` of the window and every `translate(context, text)` of the services in
app/ is collected into translations/frontdesk_<lang>.ts (pyside6-lupdate; new sentences are
added, the translations kept, sentences no longer used dropped), and each catalogue is built
into resources/translations/frontdesk_<lang>.qm (pyside6-lrelease), which ships with the app.
The pseudo-translation (tools/pseudo_translate.py) is built beside them.

    python tools/translations.py            # every catalogue in translations/
    python tools/translations.py fr_FR      # start (or update) frontdesk_fr_FR.ts as well
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "translations"
BUILT = ROOT / "resources" / "translations"
BIN = Path(sys.executable).parent
# `tr` is QCoreApplication.translate (app/ui/i18n.py): (context, text), not a class's tr(text).
ALIAS = ["-tr-function-alias", "translate+=tr"]


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease beside this Python (the venv's), else on the PATH."""
    found = BIN / name
    return str(found) if found.exists() else name


def source_files() -> list[str]:
    """The Python files lupdate reads: app/, migrations left out."""
    return sorted(
        str(p.relative_to(ROOT))
        for p in (ROOT / "app").rglob("*.py")
        if "migrations" not in p.relative_to(ROOT).parts
    )


def lupdate(ts: Path, *, keep_obsolete: bool = False) -> None:
    """Collect every sentence of app/ into `ts` (made when missing)."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
        listing.write("\n".join(source_files()))
    cmd = [tool("pyside6-lupdate"), *ALIAS, "-locations", "relative", f"@{listing.name}"]
    if not keep_obsolete:
        cmd.append("-no-obsolete")
    language = ts.stem.removeprefix("frontdesk_")
    cmd += ["-target-language", language, "-ts", str(ts)]
    try:
        subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True)
    finally:
        Path(listing.name).unlink()
    mark_plurals(ts)


def mark_plurals(ts: Path) -> int:
    """Every sentence with a count ("%n hour(s)") made a plural ("numerus") message.

    lupdate's Python reader marks a call numerus only when its count is a literal number, while
    `translate(context, text, None, n)` passes a variable; the "%n" in the sentence says it all.
    """
    tree = ET.parse(ts)
    marked = 0
    for message in tree.iter("message"):
        if "%n" not in (message.findtext("source") or "") or message.get("numerus") == "yes":
            continue
        message.set("numerus", "yes")
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation", type="unfinished")
        text, translation.text = translation.text, None
        ET.SubElement(translation, "numerusform").text = text or None
        marked += 1
    if marked:
        tree.write(ts, encoding="utf-8", xml_declaration=True)
    return marked


def lrelease(ts: Path, qm: Path) -> None:
    """Build the catalogue the app loads (unfinished sentences stay English)."""
    qm.parent.mkdir(parents=True, exist_ok=True)
    cmd = [tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)]
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True)


def main(argv: list[str]) -> int:
    SOURCES.mkdir(exist_ok=True)
    wanted = {SOURCES / f"frontdesk_{lang}.ts" for lang in argv}
    for ts in sorted(set(SOURCES.glob("frontdesk_*.ts")) | wanted):
        lupdate(ts)
        lrelease(ts, BUILT / f"{ts.stem}.qm")
        print(f"{ts.relative_to(ROOT)} → {(BUILT / f'{ts.stem}.qm').relative_to(ROOT)}")
    sys.path.insert(0, str(ROOT / "tools"))
    from pseudo_translate import make_pseudo

    qm = make_pseudo(BUILT)
    print(f"pseudo-translation → {qm.relative_to(ROOT)} (FRONTDESK_LANG=pseudo)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
