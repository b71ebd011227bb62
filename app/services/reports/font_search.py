"""Where the reports look for fonts and which font files have given letters: the bundled
folder, then the folders named in FRONTDESK_FONT_DIRS, then the operating system's font folders;
`FontSearch` reads each file's small tables once (fontTools, loaded on first use) and a font's
character map only when the Unicode ranges it declares meet the letters sought, skipping fonts
reportlab cannot embed (PostScript outlines, or a licence that forbids it). The fallback fonts
of app.services.reports.fonts call it for letters nothing of their chain has."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.paths import resources_dir

FONT_SUFFIXES = (".ttf", ".ttc", ".otf")


def fonts_dir() -> Path:
    """The bundled fonts and their licences."""
    return resources_dir() / "fonts"


def system_font_dirs(platform: str | None = None) -> list[Path]:
    """The folders this operating system keeps fonts in, for the coverage search."""
    platform = platform or sys.platform
    home = Path.home()
    if platform.startswith("win"):
        windir = Path(os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT") or "C:\\Windows")
        local = os.environ.get("LOCALAPPDATA")
        user = [Path(local) / "Microsoft" / "Windows" / "Fonts"] if local else []
        return [windir / "Fonts", *user]
    if platform == "darwin":
        return [
            Path("/System/Library/Fonts"),
            Path("/System/Library/Fonts/Supplemental"),
            Path("/Library/Fonts"),
            home / "Library" / "Fonts",
        ]
    data_home = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    data_dirs = os.environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share"
    dirs = [data_home / "fonts", home / ".fonts"]
    dirs += [Path(d) / "fonts" for d in data_dirs.split(":") if d]
    return dirs


def search_dirs() -> list[Path]:
    """Where the coverage search looks, in order: bundled, FRONTDESK_FONT_DIRS, the system."""
    extra = [Path(p) for p in os.environ.get("FRONTDESK_FONT_DIRS", "").split(os.pathsep) if p]
    seen: set[Path] = set()
    out = []
    for d in [fonts_dir(), *extra, *system_font_dirs()]:
        if d not in seen:
            seen.add(d)
            out.append(d)
    return out


@dataclass
class Face:
    """One font face the coverage search may use: TrueType outlines, embedding allowed."""

    path: Path
    index: int  # the face's number in a .ttc collection
    weight: int
    italic: bool
    ranges: frozenset[int]  # the Unicode ranges (OS/2 bits) the font says it covers
    codes: frozenset[int] | None = None  # the characters it has, read when first needed


def _open(path: Path) -> list[Any]:
    from fontTools.ttLib import TTCollection
    from fontTools.ttLib import TTFont as ToolsFont

    # fontTools imports a table's module by the table's tag when it is first read; named here
    # so that a frozen build (PyInstaller) carries the ones the search reads.
    from fontTools.ttLib.tables import (  # noqa: F401
        D_S_I_G_,
        O_S_2f_2,
        _c_m_a_p,
        _m_a_x_p,
        _p_o_s_t,
    )

    if path.suffix.lower() == ".ttc":
        return list(TTCollection(str(path), lazy=True).fonts)
    return [ToolsFont(str(path), lazy=True)]


def _read_faces(path: Path) -> list[Face]:
    """The faces of one font file that reportlab can embed, from their small tables only."""
    try:
        fonts = _open(path)
    except Exception:  # noqa: BLE001 - a broken or odd file is skipped, not fatal
        return []
    faces = []
    for index, font in enumerate(fonts):
        try:
            if "glyf" not in font or "cmap" not in font:
                continue  # PostScript (CFF) outlines: reportlab cannot embed them
            if "OS/2" in font:
                os2 = font["OS/2"]
                if os2.fsType & 0x0202:
                    continue  # the licence forbids embedding, or allows a bitmap only
                weight, italic = os2.usWeightClass, bool(os2.fsSelection & 1)
                ranges = frozenset(os2.getUnicodeRanges())
            else:
                weight, italic, ranges = 400, False, frozenset()
        except Exception:  # noqa: BLE001
            continue
        faces.append(Face(path, index, weight, italic, ranges))
    return faces


def _codes(face: Face, skip: frozenset[int]) -> frozenset[int]:
    if face.codes is None:
        try:
            cmap = _open(face.path)[face.index].getBestCmap() or {}
        except Exception:  # noqa: BLE001
            cmap = {}
        face.codes = frozenset(cmap) - skip
    return face.codes


class FontSearch:
    """Finds fonts that have given characters. Each file's small tables are read once; a
    font's character map (slow for a CJK font) only when the Unicode ranges it declares meet
    the characters sought, or when those fonts did not have them all."""

    def __init__(self, dirs: Sequence[Path], skip: frozenset[int] = frozenset()) -> None:
        self.dirs = list(dirs)
        self.skip = skip  # characters never sought (the bundled fonts have them): not kept
        self._faces: list[Face] | None = None
        self._lock = threading.Lock()

    def _files(self) -> Iterator[Path]:
        seen: set[Path] = set()
        for d in self.dirs:
            if not d.is_dir():
                continue
            for path in sorted(d.rglob("*")):
                if path.suffix.lower() in FONT_SUFFIXES and path.is_file():
                    real = path.resolve()
                    if real not in seen:
                        seen.add(real)
                        yield real

    def faces(self) -> list[Face]:
        if self._faces is None:
            self._faces = [f for p in self._files() for f in _read_faces(p)]
        return self._faces

    def best(self, codes: Iterable[int], bold: bool) -> list[Face]:
        """Faces that together have as many of `codes` as can be had: each pick has the most
        still missing; then the weight asked for, upright, earlier folder."""
        from fontTools.ttLib.tables.O_S_2f_2 import intersectUnicodeRanges

        wanted = set(codes)
        with self._lock:
            faces = self.faces()
            hinted = intersectUnicodeRanges(wanted)
            likely = [f for f in faces if f.ranges & hinted]
            others = [f for f in faces if not f.ranges & hinted]
            picks = self._pick(wanted, likely, bold)
            for face in picks:
                wanted -= _codes(face, self.skip)
            if wanted:  # some fonts declare their ranges wrongly: look at every font
                picks += self._pick(wanted, others, bold)
            return picks

    def _pick(self, wanted: set[int], faces: list[Face], bold: bool) -> list[Face]:
        wanted = set(wanted)
        order = {id(f): i for i, f in enumerate(faces)}
        picks: list[Face] = []
        while wanted:
            missing = frozenset(wanted)

            def score(f: Face, missing: frozenset[int] = missing) -> tuple[int, int, int, int]:
                return (
                    len(missing & _codes(f, self.skip)),
                    -abs(f.weight - (700 if bold else 400)),
                    0 if f.italic else 1,
                    -order[id(f)],
                )

            best = max(faces, key=score, default=None)
            if best is None or not (wanted & _codes(best, self.skip)):
                break
            picks.append(best)
            wanted -= _codes(best, self.skip)
        return picks
