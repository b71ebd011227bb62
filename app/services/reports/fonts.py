"""Fonts that print every name, whatever its script.

A PDF font draws only the letters it has; a missing letter prints as an empty box. Names at a
practice come in every script, so the reports' Unicode font is a *fallback chain*: one
reportlab font ("FrontDeskSans", "FrontDeskSans-Bold") that draws each run of text with the
first font of the chain that has its letters, and embeds (a subset of) each font it used.

The chain, first to last:

1. Noto Sans, bundled: Latin with every accent (Vietnamese too), Greek, Cyrillic.
2. Noto Sans Arabic, bundled: Arabic, Persian and Urdu letters and their joined forms.
3. WenQuanYi Micro Hei, bundled: Chinese (simplified and traditional), Japanese kana and
   kanji, Korean Hangul. It has no bold: bold CJK prints in the regular weight.
4. Any other TrueType font found *by glyph coverage* (its cmap read with fontTools, in
   font_search): first other files in resources/fonts/, then the folders named in
   FRONTDESK_FONT_DIRS, then the system's font folders (Windows: %WINDIR%\\Fonts and the
   user's fonts; macOS: /System/Library/Fonts, /Library/Fonts, ~/Library/Fonts; Linux: the
   XDG font folders such as /usr/share/fonts). This catches scripts nothing bundled has
   (Hebrew, Thai, Devanagari…): a machine that can show the name can usually print it.

Why bundle rather than only search the system: reportlab embeds TrueType outlines only, and
the CJK fonts most Linux desktops ship (Noto Sans CJK, Source Han) are CFF (PostScript
outlines), which reportlab cannot embed; so on Linux a CJK name would print as boxes even
where the screen shows it. The three bundled families are about 6 MB (the CJK one 4.6 MB,
a quarter of one weight of Noto Sans CJK) and give the same PDF on Windows, macOS and Linux.
Their licences (SIL OFL 1.1, Apache 2.0) are beside them in resources/fonts/. To add a
script: drop a TrueType font and its licence into resources/fonts/ (found by its letters),
or name it in BUNDLED_REGULAR / BUNDLED_BOLD to put it ahead of the search.

A PDF whose texts are all Western European (cp1252) keeps the core Helvetica fonts, which
embed nothing and measure fastest (pdf_base.choose_fonts); the chain is for the rest.

Right-to-left text: a PDF draws glyphs left to right, so Arabic and Hebrew runs are put in
visual order with python-bidi (the Unicode bidi algorithm) and Arabic letters are joined
with arabic-reshaper (the initial, medial, final forms and the lam-alef ligatures, as
presentation-form characters that Noto Sans Arabic has). This happens inside the font when a
line is measured or drawn, so every place that prints text (tables, paragraphs, charts, the
page header) gets it, after line breaking, one line at a time, as the bidi algorithm wants.
Text copied out of the PDF gives the joined forms, which Unicode normalisation (NFKC) maps
back to the letters. (reportlab's own shaping, through uharfbuzz, is applied only where a
call asks for it, so table cells and chart labels would stay unjoined, and its bidi step
needs rlbidi, which pip does not find on the package index.)
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.services.reports.font_search import FontSearch, fonts_dir, search_dirs

log = logging.getLogger(__name__)

REGULAR = "FrontDeskSans"
BOLD = "FrontDeskSans-Bold"

# The bundled chain (files in resources/fonts/), per weight.
BUNDLED_REGULAR = ("NotoSans-Regular.ttf", "NotoSansArabic-Regular.ttf", "WenQuanYiMicroHei.ttf")
BUNDLED_BOLD = ("NotoSans-Bold.ttf", "NotoSansArabic-Bold.ttf", "WenQuanYiMicroHei.ttf")

# A subset number of the composite font: which font of the chain, and that font's own subset.
_STRIDE = 1 << 20
# Letters written right to left: Hebrew, Arabic, Syriac, Thaana, NKo… and their presentation forms.
_RTL = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
)


@lru_cache(maxsize=4096)
def visual(text: str) -> str:
    """The text as a PDF draws it, left to right: right-to-left runs reversed (Unicode bidi
    algorithm, mirrored brackets) and Arabic letters joined; other text is returned as is."""
    if not _RTL.search(text):
        return text
    from arabic_reshaper import ArabicReshaper
    from bidi import get_display

    shaped = _reshaper(ArabicReshaper).reshape(text)
    return _mirror(str(get_display(shaped)))


_PAIRS = {"(": ")", "[": "]", "{": "}", "<": ">", "«": "»", "‹": "›"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}


def _mirror(drawn: str) -> str:
    """Brackets of right-to-left runs turned round (the bidi algorithm's rule L4, which
    python-bidi leaves out): reversed, such a pair comes closing bracket first."""
    chars = list(drawn)
    stack: list[int] = []
    for i, ch in enumerate(chars):
        if ch in _PAIRS:  # an opening bracket: closes a reversed pair, or opens an upright one
            if stack and chars[stack[-1]] == _PAIRS[ch]:
                j = stack.pop()
                chars[i], chars[j] = _PAIRS[ch], ch
            else:
                stack.append(i)
        elif ch in _CLOSERS:
            if stack and chars[stack[-1]] == _CLOSERS[ch]:
                stack.pop()  # an upright pair: left as is
            else:
                stack.append(i)
    return "".join(chars)


@lru_cache(maxsize=1)
def _reshaper(kind: Any) -> Any:
    # Vowel marks are names' letters too: kept, not deleted as the reshaper does by default.
    return kind(configuration={"delete_harakat": False})


def logical(text: str) -> str:
    """Text copied out of a PDF back to the letters as typed: joined Arabic forms (and other
    compatibility forms) normalised, right-to-left runs in reading order. For checks."""
    from bidi import get_display

    return unicodedata.normalize("NFKC", _mirror(str(get_display(text))))


_loaded: dict[tuple[Path, int], TTFont] = {}
_load_lock = threading.Lock()


def _load(path: Path, index: int = 0) -> TTFont:
    """A font file loaded once for the whole process (both weights may share one)."""
    key = (path, index)
    with _load_lock:
        font = _loaded.get(key)
        if font is None:
            name = f"{REGULAR}~{path.stem}" + (f"-{index}" if index else "")
            font = TTFont(name, str(path), subfontIndex=index, shapable=False)
            _loaded[key] = font
        return font


class FallbackFont(TTFont):  # type: ignore[misc]
    """A reportlab TrueType font that draws each letter with the first font of its chain that
    has it; the first font is its own (its metrics are the line's), the rest are delegated to.

    reportlab asks a font to split a string into (subset, bytes) pieces and later for each
    subset's PDF name; here a subset number also says which font of the chain it belongs to.
    """

    def __init__(
        self, name: str, chain: Sequence[Path], search: FontSearch, *, bold: bool = False
    ) -> None:
        super().__init__(name, str(chain[0]), shapable=False)
        # The rest of the chain, loaded when a letter first needs it (most reports never do).
        self._chain: list[tuple[Path, int]] = [(p, 0) for p in chain[1:]]
        self._fonts: list[TTFont | None] = [None] * len(self._chain)
        self.search = search
        self.bold = bold
        self._choice: dict[int, int] = {}
        self._lock = threading.Lock()

    def member(self, i: int) -> TTFont:
        """The chain's font number `i` (0: this font itself)."""
        if i == 0:
            return self
        font = self._fonts[i - 1]
        if font is None:
            font = self._fonts[i - 1] = _load(*self._chain[i - 1])
        return font

    def _has(self, member: int, code: int) -> bool:
        return code in self.member(member).face.charToGlyph

    def _pick(self, code: int) -> int:
        """The chain's first font that has the character; -1 when none has it."""
        for i in range(len(self._chain) + 1):
            if self._has(i, code):
                return i
        return -1

    def chain(self) -> list[str]:
        """The files of the chain as it stands, for the log and the tests."""
        return [Path(self.face.filename).name, *(p.name for p, _ in self._chain)]

    def prepare(self, texts: Iterable[str]) -> None:
        """Work out the font of every character of these texts now, looking for fonts in the
        coverage search for characters nothing loaded has (one search for all of them)."""
        missing: set[int] = set()
        with self._lock:
            for text in texts:
                for ch in visual(text):
                    code = ord(ch)
                    if code not in self._choice:
                        pick = self._pick(code)
                        if pick < 0:
                            missing.add(code)
                        else:
                            self._choice[code] = pick
            if not missing:
                return
            if not self.search.skip:  # what the chain has is never sought: not kept per font
                covered = (self.member(i).face.charToGlyph for i in range(len(self._chain) + 1))
                self.search.skip = frozenset().union(*covered)
            for face in self.search.best(missing, self.bold):
                try:
                    font = _load(face.path, face.index)
                except Exception:  # noqa: BLE001 - a font reportlab refuses: try no further
                    log.warning("The font %s could not be used for printing", face.path.name)
                    continue
                self._chain.append((face.path, face.index))
                self._fonts.append(font)
                log.info("Printing U+%04X… with %s", min(missing), face.path.name)
            for code in missing:
                pick = self._pick(code)
                if pick < 0:
                    log.warning("No font has the character U+%04X: it prints as a box", code)
                self._choice[code] = max(pick, 0)

    def _member_of(self, code: int) -> int:
        found = self._choice.get(code)
        if found is None:
            self.prepare([chr(code)])
            found = self._choice[code]
        return found

    def runs(self, text: str) -> list[tuple[int, str]]:
        """(font of the chain, text) runs of visual text. Spaces, digits and punctuation stay
        with the run they are in when its font has them, so "محمد عبد" is one run."""
        out: list[tuple[int, str]] = []
        current, start = -1, 0
        for i, ch in enumerate(text):
            code = ord(ch)
            if current >= 0 and not ch.isalpha() and self._has(current, code):
                continue
            member = self._member_of(code)
            if member != current:
                if current >= 0:
                    out.append((current, text[start:i]))
                current, start = member, i
        if current >= 0:
            out.append((current, text[start:]))
        return out

    def stringWidth(self, text: str | bytes, size: float, encoding: str = "utf8") -> float:  # noqa: N802
        if isinstance(text, bytes):
            text = text.decode(encoding)
        if text.isascii():
            return float(super().stringWidth(text, size, encoding))
        total = 0.0
        for member, run in self.runs(visual(text)):
            if member == 0:
                total += super().stringWidth(run, size, encoding)
            else:
                total += self.member(member).stringWidth(run, size, encoding)
        return total

    def splitString(  # noqa: N802 - reportlab's name
        self, text: str | bytes, doc: Any, encoding: str = "utf-8"
    ) -> list[tuple[int, bytes]]:
        if isinstance(text, bytes):
            text = text.decode(encoding)
        if text.isascii():
            return list(super().splitString(text, doc, encoding))
        out: list[tuple[int, bytes]] = []
        for member, run in self.runs(visual(text)):
            if member == 0:
                out += super().splitString(run, doc, encoding)
            else:
                pieces = self.member(member).splitString(run, doc, encoding)
                out += [(member * _STRIDE + subset, data) for subset, data in pieces]
        return out

    def getSubsetInternalName(self, subset: int, doc: Any) -> str:  # noqa: N802
        member, own = divmod(subset, _STRIDE)
        if member == 0:
            return str(super().getSubsetInternalName(own, doc))
        return str(self.member(member).getSubsetInternalName(own, doc))


_register_lock = threading.Lock()


def register(font: FallbackFont) -> None:
    """Register the font under its name. reportlab gives a second font of a face already
    registered the first one's object; a fallback font must stay itself."""
    pdfmetrics.registerFont(font)
    if pdfmetrics.getFont(font.fontName) is not font:
        pdfmetrics._fonts[font.fontName] = font


def unicode_fonts() -> tuple[str, str]:
    """The names of the registered fallback fonts (regular, bold), registering them once."""
    with _register_lock:
        if REGULAR not in pdfmetrics.getRegisteredFontNames():
            folder = fonts_dir()
            # A file missing from an odd install leaves its script to the search by letters.
            regular = [folder / name for name in BUNDLED_REGULAR if (folder / name).is_file()]
            bold = [folder / name for name in BUNDLED_BOLD if (folder / name).is_file()]
            if not regular or regular[0].name != BUNDLED_REGULAR[0] or not bold:
                raise FileNotFoundError(f"FrontDesk's fonts are missing from {folder}")
            search = FontSearch(search_dirs())
            register(FallbackFont(REGULAR, regular, search))
            register(FallbackFont(BOLD, bold, search, bold=True))
            pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD,
                                          italic=REGULAR, boldItalic=BOLD)  # fmt: skip
    return REGULAR, BOLD


def prepare(texts: Iterable[str]) -> None:
    """Find fonts for every character of these texts before a PDF is laid out."""
    items = list(texts)
    for name in unicode_fonts():
        font = pdfmetrics.getFont(name)
        assert isinstance(font, FallbackFont)
        font.prepare(items)
