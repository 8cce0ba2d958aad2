"""The parts of a letter around its body: the salutation, the reader's address block and
the writer's sign-off, so a letter checked on its own still knows whom it is written to.

"Dear Mrs Patel," names the reader; the lines just above it (a name, a street, a postcode,
"Tel: ...") are the reader's own address block, so their postcode and phone there are not
someone else's data; everything from "Yours sincerely" on is the writer's signature, where
an officer's work number belongs. Each function reads the text line by line, once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

GREETINGS = ("dear", "hello", "hi", "hiya", "good morning", "good afternoon", "annwyl")
SIGN_OFFS = (
    "yours sincerely",
    "yours faithfully",
    "kind regards",
    "best regards",
    "warm regards",
    "best wishes",
    "with best wishes",
    "all the best",
    "regards",
    "many thanks",
    "thanks",
    "with thanks",
    "cheers",
    "best",
    "take care",
    "yn gywir",
    "yours",
    "thank you",
)
OPENING_LINES = 15
BLOCK_LINES = 8
POSTCODE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]?[ ]?[0-9][A-Z]{2}\b")


@dataclass(frozen=True)
class Layout:
    """Where the salutation, address block and signature are (character offsets)."""

    reader: str = ""  # the name in the salutation ("Mrs Patel"), or ""
    salutation: tuple[int, int] = (0, 0)
    address_block: tuple[int, int] = (0, 0)
    signature: tuple[int, int] = (0, 0)


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _greeting(line: str) -> str | None:
    """The name a salutation line greets, or None when the line is not a salutation."""
    low = line.strip().lower()
    if "/" in low[:12]:  # "Annwyl / Dear Mr Hughes,"
        low = low.split("/", 1)[1].strip()
        line = line.split("/", 1)[1]
    for word in GREETINGS:
        if low.startswith(word) and (len(low) == len(word) or not low[len(word)].isalpha()):
            rest = line.strip()[len(word) :].strip(" ,:;!")
            return rest[:80]
    return None


def layout(text: str) -> Layout:
    lines = _lines(text)
    reader, salutation, block = "", (0, 0), (0, 0)
    for index, (pos, line) in enumerate(lines[: OPENING_LINES * 2]):
        if not line.strip():
            continue
        name = _greeting(line)
        if name is None:
            continue
        reader, salutation = name, (pos, pos + len(line))
        # the contiguous non-blank lines just above: an address block if it looks like one
        above = []
        for back in range(index - 1, max(-1, index - BLOCK_LINES - 2), -1):
            if not lines[back][1].strip():
                if above:
                    break
                continue
            above.append(lines[back])
        above.reverse()
        joined = "\n".join(line for _, line in above)
        if above and (POSTCODE.search(joined) or re.search(r"^\s*\d+[A-Za-z]?\s+\w", joined, re.M)):
            start = above[0][0]
            block = (start, above[-1][0] + len(above[-1][1]))
        break
    signature = (0, 0)
    for pos, line in reversed(lines):
        low = line.strip().lower().rstrip(",.!")
        if low in SIGN_OFFS:
            signature = (pos, len(text))
            break
    return Layout(reader, salutation, block, signature)


def inside(span: tuple[int, int], start: int, end: int) -> bool:
    return span[1] > span[0] and span[0] <= start and end <= span[1]
