"""Every name prints: clients and workers named in Latin with accents, Vietnamese, Greek,
Cyrillic, Arabic, Chinese, Japanese and Korean, in the cancellation report, the client
account and the audit log. Each PDF embeds the fonts it draws them with, and the names come
back out of it as typed (read by pypdf, and by poppler's pdftotext and pdffonts, readers
FrontDesk did not write)."""

from __future__ import annotations

import subprocess
import unicodedata
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from app.services.money import packs
from app.services.money.account_pdf import write_account_pdf
from app.services.money.packs import PackSale
from app.services.reports import (
    ReportFilters,
    cancellation_report,
    font_search,
    render_cancellation_pdf,
)
from app.services.reports import fonts as report_fonts
from app.services.reports.audit_log import AuditFilter, AuditLog, AuditRow
from app.services.reports.day_sheet import day_sheet, render_day_sheet_pdf
from app.services.reports.pdf_audit import render_audit_pdf
from app.services.sessions.cancel import cancel_booking
from tests.factory import World, local

# (client, worker): every script the practice may meet, on both sides of a session.
PEOPLE = [
    ("Zoë Ångström-Núñez", "Dr François Œuvray"),
    ("Nguyễn Thị Ánh", "Trần Đức Thắng"),
    ("Γιώργος Παπαδόπουλος", "Ελένη Γεωργίου"),
    ("Анна Иванова", "Фёдор Щербаков"),
    ("محمد عبد الله", "فاطمة الزهراء"),
    ("王 小明", "李华"),
    ("山田 さくら", "佐藤 ハルト"),
    ("김 민준", "이서연"),
]
CLIENTS = [client for client, _ in PEOPLE]
USERS = [
    "Œuvray",
    "Thắng",
    "Ελένη",
    "Фёдор",
    "فاطمة",
    "李华",
    "ハルト",
    "이서연",
]  # short: fit the column
BIDI_MARKS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u200e\u200f"))
BUNDLED = {"NotoSans-Regular", "NotoSans-Bold", "NotoSansArabic-Regular", "WenQuanYiMicroHei"}
STANDARD_14 = {"Helvetica", "Helvetica-Bold", "Symbol", "ZapfDingbats"}


def _fonts(path: Path) -> dict[str, bool]:
    """Every font the pages use: its name (without the subset tag) -> embedded or not."""
    found: dict[str, bool] = {}
    for page in PdfReader(str(path)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            name = str(font["/BaseFont"]).lstrip("/").split("+")[-1]
            desc = font.get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            found[name] = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return found


def _pdftotext(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout  # fmt: skip
    return _flat(unicodedata.normalize("NFKC", out).translate(BIDI_MARKS))


def _flat(text: str) -> str:
    """Spaces and line breaks as one space: a long name may wrap in its column."""
    return " ".join(text.split())


def _pypdf_text(path: Path) -> str:
    """pypdf gives glyphs in the order drawn: a right-to-left run comes out reversed, in its
    joined forms. The lines are given as drawn and as read right to left, normalised."""
    lines = "\n".join(p.extract_text() for p in PdfReader(str(path)).pages).splitlines()
    drawn = _flat(" ".join(unicodedata.normalize("NFKC", x) for x in lines))
    return drawn + " | " + _flat(" ".join(report_fonts.logical(x) for x in lines))


def _assert_prints(path: Path, names: list[str]) -> None:
    fonts = _fonts(path)
    assert set(fonts) >= BUNDLED, fonts  # Latin, Arabic and CJK each drawn by a bundled font
    assert all(embedded or name in STANDARD_14 for name, embedded in fonts.items()), fonts
    poppler = _pdftotext(path)
    pypdf = _pypdf_text(path)
    for name in names:
        assert name in poppler, name
        assert name in pypdf, name
    listed = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True,
                            text=True).stdout  # fmt: skip
    for line in listed.splitlines()[2:]:
        fields = line.split()
        if fields[0].split("+")[-1] in STANDARD_14:
            continue
        # name, type, encoding, then emb sub uni: every font embedded with a Unicode map
        assert fields[-5:-2] == ["yes", "yes", "yes"], line


def _cancel(world: World, client: str | int, worker: str, day: int) -> None:
    cid = world.client(client) if isinstance(client, str) else client
    wid = world.worker(worker)
    svc = world.service(code=f"SVC{day}")
    sid = world.session(wid, svc, local(2026, 4, day, 9), [cid])
    req = world.client_request(sid, [cid], "ndis_health", world.clock())
    world.run(world.manager, lambda uow: cancel_booking(uow, req))


def test_the_cancellation_report_prints_every_name_in_every_script(
    world: World, tmp_path: Path
) -> None:
    for day, (client, worker) in enumerate(PEOPLE, start=2):
        _cancel(world, client, worker, day)
    f = ReportFilters(date(2026, 4, 1), date(2026, 4, 30))
    report = world.run(world.manager, lambda uow: cancellation_report(uow, f))
    out = tmp_path / "report.pdf"
    render_cancellation_pdf(report, out)
    _assert_prints(out, [n for pair in PEOPLE for n in pair])


def test_a_frequent_canceller_with_no_row_in_the_period_prints_too(
    world: World, tmp_path: Path
) -> None:
    wang = world.client("王 小明")
    for day in (2, 3, 6):  # three cancellations early in April: "cancels often"
        _cancel(world, wang, f"Coach {day}", day)
    _cancel(world, "Ann Lee", "Coach 20", 20)
    f = ReportFilters(date(2026, 4, 10), date(2026, 4, 30))  # only Ann's row in the period
    report = world.run(world.manager, lambda uow: cancellation_report(uow, f))
    assert [r.client_name for r in report.rows] == ["Ann Lee"]
    assert [c.client_name for c in report.frequent] == ["王 小明"]
    out = tmp_path / "report.pdf"
    render_cancellation_pdf(report, out)
    assert "王 小明" in _pdftotext(out)


def test_the_client_account_prints_every_name_in_every_script(world: World, tmp_path: Path) -> None:
    accounts = []
    for client, _ in PEOPLE:
        cid = world.client(client)
        sale = PackSale(cid, "课程 10 次", 10, "$150")  # a pack named in another script again
        world.run(world.reception, lambda uow, sale=sale: packs.sell_pack(uow, sale))
        out = tmp_path / f"account-{cid}.pdf"
        world.read(lambda uow, cid=cid, out=out: write_account_pdf(uow, cid, out))
        text = _pdftotext(out)
        assert f"Account of {client}" in text and "课程 10 次" in text
        accounts.append(out)
    merged = tmp_path / "all.pdf"
    subprocess.run(["pdfunite", *map(str, accounts), str(merged)], check=True)
    _assert_prints(merged, [c for c, _ in PEOPLE])


def test_the_day_sheet_prints_every_name_in_every_script(world: World, tmp_path: Path) -> None:
    service = world.service(code="DAY")
    for hour, (client, worker) in enumerate(PEOPLE, start=8):
        world.session(
            world.worker(worker), service, local(2026, 4, 2, hour), [world.client(client)]
        )
    sheet = world.read(lambda uow: day_sheet(uow, date(2026, 4, 2)))
    out = tmp_path / "day.pdf"
    assert render_day_sheet_pdf(sheet, out) == len(PEOPLE)  # one worker a page
    _assert_prints(out, [n for pair in PEOPLE for n in pair])


def test_the_audit_log_prints_user_names_in_every_script(tmp_path: Path) -> None:
    when = datetime(2026, 4, 1, 9, tzinfo=UTC)
    rows = tuple(
        AuditRow(i, when, user, "session.cancel", "session", i, i, "ok", f"client: {client}")
        for i, (client, user) in enumerate(zip(CLIENTS, USERS, strict=True), start=1)
    )
    log = AuditLog(rows, False, "Australia/Sydney", "诊所 Clinic", AuditFilter(), when, "김 관리자")
    out = tmp_path / "audit.pdf"
    render_audit_pdf(log, out)
    _assert_prints(out, ["诊所 Clinic", "김 관리자", *CLIENTS, *USERS])


def test_a_right_to_left_name_is_drawn_joined_and_in_visual_order() -> None:
    drawn = report_fonts.visual("محمد")
    # Joined forms (initial, medial, final), left to right: the last letter first.
    assert [unicodedata.name(c) for c in drawn] == [
        "ARABIC LETTER DAL FINAL FORM", "ARABIC LETTER MEEM MEDIAL FORM",
        "ARABIC LETTER HAH MEDIAL FORM", "ARABIC LETTER MEEM INITIAL FORM"]  # fmt: skip
    # In a left-to-right line the right-to-left run is turned round, its brackets with it.
    mixed = report_fonts.visual("Account of محمد (12)")
    assert mixed == "Account of (12) " + drawn
    for name in ("محمد عبد الله", "فاطمة الزهراء", "שרה [כהן]"):
        assert report_fonts.logical(report_fonts.visual(name)) == name
    assert report_fonts.visual("Nguyễn 王小明") == "Nguyễn 王小明"  # left to right: untouched


def _tiny_font(path: Path, letters: str, *, cff: bool = False) -> None:
    """A font with a square glyph for each of `letters` (TrueType outlines, or CFF ones)."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    names = [".notdef", "space", *(f"g{ord(c):04X}" for c in letters)]
    fb = FontBuilder(1000, isTTF=not cff)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({32: "space", **{ord(c): f"g{ord(c):04X}" for c in letters}})

    def square(pen: Any) -> Any:
        pen.moveTo((100, 0))
        pen.lineTo((100, 600))
        pen.lineTo((500, 600))
        pen.lineTo((500, 0))
        pen.closePath()
        return pen

    if cff:
        charstrings = {n: square(T2CharStringPen(600, None)).getCharString() for n in names}
        fb.setupCFF("TinyCFF", {"FullName": "Tiny CFF"}, charstrings, {})
    else:
        fb.setupGlyf({n: square(TTGlyphPen(None)).glyph() for n in names})
    fb.setupHorizontalMetrics({n: (600, 100) for n in names})
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    family = "TinyCFF" if cff else "TinyHebrew"
    fb.setupNameTable({"familyName": family, "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=800, usWinAscent=800, usWinDescent=200, fsType=0)
    fb.setupPost()
    fb.save(str(path))


def test_a_script_nothing_bundled_has_prints_with_a_font_found_by_its_letters(
    tmp_path: Path,
) -> None:
    """Hebrew is not in the bundled fonts: the coverage search finds a TrueType font that has
    its letters in the font folders (here a made-up folder standing for the system's), skips
    a CFF font reportlab cannot embed, and the PDF embeds what it found."""
    hebrew = "שרה כהן"
    folder = tmp_path / "fonts"
    (folder / "sub").mkdir(parents=True)
    _tiny_font(folder / "a-cff.otf", "שרהכן", cff=True)  # first in order, but CFF
    _tiny_font(folder / "sub" / "tiny.ttf", "שרהכן")
    search = font_search.FontSearch([folder])
    assert [f.path.name for f in search.faces()] == ["tiny.ttf"]
    bundled = font_search.fonts_dir()
    font = report_fonts.FallbackFont("TestScripts", [bundled / "NotoSans-Regular.ttf"], search)
    report_fonts.register(font)  # Noto Sans is FrontDeskSans's too: still a font of its own
    out = tmp_path / "hebrew.pdf"
    canvas = Canvas(str(out))
    canvas.setFont("TestScripts", 14)
    canvas.drawString(72, 720, f"Client: {hebrew}")
    canvas.save()
    assert font.chain() == ["NotoSans-Regular.ttf", "tiny.ttf"]
    used = {name: embedded for name, embedded in _fonts(out).items() if name not in STANDARD_14}
    assert used == {"NotoSans-Regular": True, "TinyHebrew": True}, used
    assert f"Client: {hebrew}" in _pdftotext(out)


def test_the_coverage_search_looks_in_each_systems_font_folders(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("WINDIR", "C:\\Windows")
    monkeypatch.setenv("LOCALAPPDATA", "C:\\Users\\reception\\AppData\\Local")
    windows = [str(p).replace("/", "\\") for p in font_search.system_font_dirs("win32")]
    assert windows == ["C:\\Windows\\Fonts",
                       "C:\\Users\\reception\\AppData\\Local\\Microsoft\\Windows\\Fonts"]  # fmt: skip
    mac = [str(p) for p in font_search.system_font_dirs("darwin")]
    assert mac[:3] == ["/System/Library/Fonts", "/System/Library/Fonts/Supplemental",
                       "/Library/Fonts"]  # fmt: skip
    monkeypatch.setenv("XDG_DATA_DIRS", "/usr/local/share:/usr/share")
    assert Path("/usr/share/fonts") in font_search.system_font_dirs("linux")
    monkeypatch.setenv("FRONTDESK_FONT_DIRS", "/opt/practice-fonts")
    dirs = font_search.search_dirs()
    assert dirs[:2] == [font_search.fonts_dir(), Path("/opt/practice-fonts")]


@pytest.mark.parametrize("locale", ["vi_VN", "el_GR", "zh_CN", "fr_FR"])
def test_a_practice_in_another_locale_prints_its_day_and_month_names(locale: str) -> None:
    """Western names, but day and month names (Thứ Năm, Πέμπτη, 星期四) or money (1 234,56 €
    with its narrow space) in the practice's locale: the Unicode fonts, not Helvetica."""
    from app import i18n
    from app.services.reports.pdf_base import CORE, Fonts, choose_fonts

    assert choose_fonts(["Ann Lee"]) == Fonts(*CORE)
    i18n.use_practice(locale, "EUR")
    try:
        assert choose_fonts(["Ann Lee"]) == Fonts(report_fonts.REGULAR, report_fonts.BOLD)
    finally:
        i18n.use_practice(None, None)
    assert choose_fonts(["Ann Lee"]) == Fonts(*CORE)
