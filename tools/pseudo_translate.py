"""The pseudo-translation: every sentence of app/ wrapped "[!! … !!]", to find text that is not
translated. A sentence shown without the brackets never went through the catalogue.

    python tools/pseudo_translate.py [folder]   # frontdesk_pseudo.ts and .qm (default:
                                                # resources/translations), then
    FRONTDESK_LANG=pseudo frontdesk             # the window in pseudo-translation

Placeholders ({name}, %1, %n) are kept as they are, so the filled sentence still formats.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from translations import BUILT, lrelease, lupdate  # noqa: E402

OPEN, CLOSE = "[!! ", " !!]"


def wrap(text: str) -> str:
    return f"{OPEN}{text}{CLOSE}"


def fill(ts: Path) -> int:
    """Every message of `ts` translated as its wrapped source; returns how many."""
    tree = ET.parse(ts)
    count = 0
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        translation.attrib.pop("type", None)
        if message.get("numerus") == "yes":
            forms = translation.findall("numerusform") or [
                ET.SubElement(translation, "numerusform")
            ]
            for form in forms:
                form.text = wrap(source)
        else:
            translation.text = wrap(source)
        count += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return count


# Qt's own words the window shows (standard buttons, the wizard's), under Qt's contexts: a
# language gets them from Qt's qtbase catalogue; the pseudo-translation wraps them as well.
QT_WORDS = {
    "QPlatformTheme": (
        "OK", "Save", "Save All", "Open", "&Yes", "Yes to &All", "&No", "N&o to All", "Abort",
        "Retry", "Ignore", "Close", "Cancel", "Discard", "Help", "Apply", "Reset",
        "Restore Defaults",
    ),
    "QWizard": ("< &Back", "&Next >", "&Finish", "Cancel", "Help", "Go Back", "Continue",
                "Commit", "Done", "&Next", "&Back"),
}  # fmt: skip


def add_qt_words(ts: Path) -> None:
    """Qt's own words (QT_WORDS) added to `ts` as contexts of their own."""
    tree = ET.parse(ts)
    root = tree.getroot()
    for name, words in QT_WORDS.items():
        context = ET.SubElement(root, "context")
        ET.SubElement(context, "name").text = name
        for word in words:
            message = ET.SubElement(context, "message")
            ET.SubElement(message, "source").text = word
            ET.SubElement(message, "translation")
    tree.write(ts, encoding="utf-8", xml_declaration=True)


def make_pseudo(folder: Path = BUILT) -> Path:
    """frontdesk_pseudo.ts collected afresh from app/ and filled, and its .qm, in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    ts, qm = folder / "frontdesk_pseudo.ts", folder / "frontdesk_pseudo.qm"
    ts.unlink(missing_ok=True)
    lupdate(ts)
    add_qt_words(ts)
    fill(ts)
    lrelease(ts, qm)
    return qm


if __name__ == "__main__":
    out = make_pseudo(Path(sys.argv[1]) if len(sys.argv) > 1 else BUILT)
    print(out)
