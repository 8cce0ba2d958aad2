"""UK phone numbers: accepted in every common written form, refused when nonsense, found in
free text.

People write one number many ways: ``0113 496 0155``, ``(0113) 496 0155``,
``+44 (0)113 496 0155``, ``+44 113 496 0155``, ``0044 113 496 0155``, ``0113-496-0155``.
All of them are the same number, and a letter that leaks any of them leaks it. This module
is the one place that reads them: :func:`parse` checks and normalises one number a learner
typed, :func:`find` lists every number in a text (for the confidentiality check and
pseudonymisation), and :func:`same_number` compares two.

Every pattern here runs in linear time: each repeated group consumes at least one digit
and the repetition counts are bounded, so no input makes the matcher backtrack without
end (a draft of a megabyte is scanned in one pass).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from casekit.errors import CasekitError

_SEP = r"[ \-\u00a0]"
# A number as written: an international prefix (+44 or 0044, perhaps with (0)), an area
# code in brackets, or a national 0; then digits with at most one separator between two.
_NUMBER = (
    r"(?:"
    rf"(?P<intl>\+|00)44{_SEP}?(?:\(0\){_SEP}?)?\d(?:{_SEP}?\d){{8,9}}"
    rf"|\(0\d{{2,4}}\){_SEP}?\d(?:{_SEP}?\d){{4,7}}"
    rf"|0\d(?:{_SEP}?\d){{8,9}}"
    r")"
)
_FIND = re.compile(rf"(?<![\w+(]){_NUMBER}(?![\w])")
_WHOLE = re.compile(rf"\s*{_NUMBER}\s*")
_NOT_DIGIT = re.compile(r"\D")
# Ranges Ofcom does not use for ordinary numbers: 04 and 06 are unallocated, 00 is
# the international prefix.
_NO_RANGE = ("00", "04", "06")
MAX_INPUT = 40


@dataclass(frozen=True)
class PhoneMatch:
    """A phone number found in a text: where it is, as written, and normalised."""

    start: int
    end: int
    text: str
    number: str


def _national_digits(text: str, international: bool) -> str | None:
    """The number's national digits (``01134960155``), or None when it is not a UK number."""
    digits = _NOT_DIGIT.sub("", text.replace("(0)", ""))
    if international:
        digits = digits[4:] if digits.startswith("0044") else digits[2:]
        digits = "0" + (digits[1:] if digits.startswith("0") else digits)
    if digits[:2] in _NO_RANGE:
        return None
    if len(digits) == 11:
        return digits
    if len(digits) != 10:
        return None
    # Ten digits: 01 numbers with a five-digit area code (not 011x or 01x1, whose local
    # numbers have seven digits), 0800 freephone, and the ten-digit 028/029 drama-range
    # layouts Faker writes (so a generated constituent's number is accepted as given).
    if digits.startswith("01") and digits[2] != "1" and digits[3] != "1":
        return digits
    if digits.startswith(("02", "0800")):
        return digits
    return None


def layout(digits: str) -> str:
    """National digits grouped as Ofcom writes them: ``020 7946 0123``, ``0113 496 0155``,
    ``01632 960123``, ``07700 900123``, ``0300 123 4567``."""
    if len(digits) == 10:
        return (
            f"{digits[:4]} {digits[4:]}"
            if digits.startswith("0800")
            else (f"{digits[:5]} {digits[5:]}")
        )
    if digits.startswith("02"):
        return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
    if digits.startswith(("011", "03", "08", "09")) or (digits[:2] == "01" and digits[3] == "1"):
        return f"{digits[:4]} {digits[4:7]} {digits[7:]}"
    return f"{digits[:5]} {digits[5:]}"


def normalise(text: str) -> str | None:
    """The number in ``text`` written the standard way, or None when ``text`` is not one UK
    phone number (letters, too few or too many digits, a range not in use)."""
    if not isinstance(text, str) or len(text) > MAX_INPUT:
        return None
    match = _WHOLE.fullmatch(text)
    if match is None:
        return None
    digits = _national_digits(match.group(0), bool(match.group("intl")))
    return layout(digits) if digits else None


def is_uk_phone(text: Any) -> bool:
    """Whether ``text`` is one UK phone number in any common written form."""
    return isinstance(text, str) and normalise(text) is not None


def parse(value: Any, name: str = "phone") -> str:
    """A UK phone number a person typed, normalised (``+44 (0)113 496 0155`` ->
    ``0113 496 0155``).

    Parameters
    ----------
    value:
        The text as typed.
    name:
        The form field, for the message and the error's ``field``.

    Raises :class:`CasekitError` naming the field when the text is not a UK number.
    """
    number = normalise(value) if isinstance(value, str) else None
    if number is None:
        shown = str(value)[:MAX_INPUT]
        raise CasekitError(
            f"{name} '{shown}' is not a UK phone number.",
            rule="uk-phone",
            advice=(
                "Give the number with its area code, for example 0113 496 0155, "
                "(0113) 496 0155, +44 113 496 0155 or 07700 900123."
            ),
            field=name,
        )
    return number


def find(text: str) -> list[PhoneMatch]:
    """Every UK phone number in a text, in order, with where it is and its normal form.

    Digits that only look like part of a number (a longer run of digits, a reference such
    as ``REF01134960155``) are not reported.
    """
    found = []
    for match in _FIND.finditer(text):
        digits = _national_digits(match.group(0), bool(match.group("intl")))
        if digits:
            found.append(PhoneMatch(match.start(), match.end(), match.group(0), layout(digits)))
    return found


def same_number(a: str, b: str) -> bool:
    """Whether two written numbers are the same UK number (False if either is not one)."""
    first, second = normalise(a), normalise(b)
    return first is not None and first == second


class PhoneCheck:
    """A drop-in for the compiled pattern ``inputs.UK_PHONE`` once was: ``.match(text)`` is
    truthy exactly when ``text`` is a UK phone number in a common written form."""

    def match(self, text: Any) -> re.Match[str] | None:
        if not is_uk_phone(text):
            return None
        return _WHOLE.fullmatch(text)

    fullmatch = match

    def search(self, text: str) -> PhoneMatch | None:
        hits = find(text)
        return hits[0] if hits else None


class PhoneFinder:
    """A drop-in for a compiled phone regex in text scrubbing: ``finditer`` and ``sub``
    over the numbers :func:`find` reports."""

    def finditer(self, text: str) -> list[re.Match[str]]:
        out = []
        for hit in find(text):
            match = _FIND.match(text, hit.start)
            if match is not None:
                out.append(match)
        return out

    def sub(self, replace: Any, text: str) -> str:
        parts, last = [], 0
        for match in self.finditer(text):
            parts.append(text[last : match.start()])
            parts.append(replace(match) if callable(replace) else str(replace))
            last = match.end()
        parts.append(text[last:])
        return "".join(parts)
