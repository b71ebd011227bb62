"""How money came in, as a sentence names it: the stored word ("card", "EFTPOS", "bank transfer")
in the practice's language, so "Payment of $95.00 (card) recorded …" is said whole in it.

The words are kept as they are stored (lower case but for EFTPOS); the lists a window offers
name the same methods with capitals ("Card") in their own tables."""

from __future__ import annotations

from app.i18n import QT_TRANSLATE_NOOP, translate

METHOD_WORD = {
    "card": QT_TRANSLATE_NOOP("money", "card"),
    "cash": QT_TRANSLATE_NOOP("money", "cash"),
    "EFTPOS": QT_TRANSLATE_NOOP("money", "EFTPOS"),
    "bank transfer": QT_TRANSLATE_NOOP("money", "bank transfer"),
    "cheque": QT_TRANSLATE_NOOP("money", "cheque"),
    "voucher": QT_TRANSLATE_NOOP("money", "voucher"),
    "other": QT_TRANSLATE_NOOP("money", "other"),
}
_BY_CASE = {stored.casefold(): word for stored, word in METHOD_WORD.items()}


def method_word(stored: str) -> str:
    """A stored payment method ("card", "eftpos" of older records) as a sentence says it in the
    practice's language; a word FrontDesk does not know, as it was stored."""
    word = _BY_CASE.get(stored.casefold())
    return stored if word is None else translate("money", word)
