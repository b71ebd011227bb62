"""What a client's text reply means: one place for the words FrontDesk acts on by itself.

Case, spaces, a hyphen and end punctuation are ignored ("Yes please!", "STOP ALL", "opt-out").

- **Opt out** (looked at first, so it wins): STOP, STOP ALL, UNSUBSCRIBE, UNSUB, OPT OUT, END,
  QUIT, or any text that starts with STOP or says "unsubscribe", "opt out", "stop texting",
  "stop sending", "stop messaging", "stop contacting", "no more texts", "no more messages",
  "do not text" or "don't text" (Australia's Spam Act: an opt-out in any reasonable form counts).
- **Opt back in** (texts on again after an opt-out): START, UNSTOP, OPT IN, SUBSCRIBE,
  RESUBSCRIBE, START TEXTING — the whole reply, nothing else in it.
- **No** (cancels a booking, declines an offer): C, CANCEL, N, NO, NO THANKS, NO THANK YOU,
  PLEASE CANCEL, CANCEL PLEASE.
- **Yes** (confirms a booking, takes an offered place): Y, YES, YES PLEASE, YES THANKS,
  YES THANK YOU, CONFIRM, CONFIRMED.

Anything else waits on the Replies queue for staff.
"""

from __future__ import annotations

import re
from enum import StrEnum


class Meaning(StrEnum):
    OPT_OUT = "opt_out"
    OPT_IN = "opt_in"
    NO = "no"
    YES = "yes"


OPT_OUT_WORDS = ("stop", "stop all", "unsubscribe", "unsub", "opt out", "end", "quit")
OPT_OUT_PHRASES = (
    "unsubscribe", "opt out", "optout", "stop texting", "stop sending", "stop messaging",
    "stop contacting", "no more texts", "no more messages", "do not text", "don't text",
)  # fmt: skip
OPT_IN_WORDS = ("start", "unstop", "opt in", "subscribe", "resubscribe", "start texting")
NO_WORDS = (
    "c", "cancel", "n", "no", "no thanks", "no thank you", "please cancel", "cancel please",
)  # fmt: skip
YES_WORDS = (
    "y", "yes", "yes please", "yes thanks", "yes thank you", "confirm", "confirmed",
)  # fmt: skip


def _compact(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w.replace(" ", "") for w in words)


_OPT_OUT, _NO, _YES = _compact(OPT_OUT_WORDS), _compact(NO_WORDS), _compact(YES_WORDS)
_OPT_IN = _compact(OPT_IN_WORDS)
_PUNCT = re.compile(r"[^\w' ]+")


def normalised(body: str) -> str:
    """The reply in lower case, punctuation and hyphens as spaces, single-spaced."""
    text = body.casefold().replace("’", "'").replace("-", " ")
    return " ".join(_PUNCT.sub(" ", text).split())


def meaning(body: str) -> Meaning | None:
    """What the reply asks for by itself, or None when a person must read it."""
    text = normalised(body)
    compact = text.replace(" ", "")
    padded = f" {text} "
    if (
        compact in _OPT_OUT
        or text.split(" ", 1)[0] == "stop"
        or any(f" {phrase} " in padded for phrase in OPT_OUT_PHRASES)
    ):
        return Meaning.OPT_OUT
    if compact in _OPT_IN:
        return Meaning.OPT_IN
    if compact in _NO:
        return Meaning.NO
    if compact in _YES:
        return Meaning.YES
    return None
