"""The Windows (.ico) and macOS (.icns) icons, made from the PNG sizes in resources/icons/.

Run after changing the artwork: `python packaging/make_icons.py` (Pillow, which reportlab already
brings). Each size is drawn from its own PNG, so the small ones keep their hand-tuned pixels.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512)


def _png(size: int) -> Image.Image:
    return Image.open(ICONS / f"frontdesk-{size}.png").convert("RGBA")


def main() -> None:
    largest = _png(256)
    largest.save(
        ICONS / "frontdesk.ico",
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[_png(s) for s in ICO_SIZES if s != 256],
    )
    _png(512).save(
        ICONS / "frontdesk.icns",
        format="ICNS",
        append_images=[_png(s) for s in ICNS_SIZES if s != 512],
    )


if __name__ == "__main__":
    main()
