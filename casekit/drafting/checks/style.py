"""Style: does the draft sound like the member? Greeting, sign-off, register, their recurring
phrases, and plain English (a Flesch reading-ease figure).

Unit criterion AC3 asks for drafts that reflect the member's style; a generic letter is the
common mistake. Only the greeting, the sign-off and an out-of-register word are warnings:
phrases and readability are advice, because a good letter may still miss them.
"""

from __future__ import annotations

import re
from typing import Any

from casekit.drafting.checks.context import MEMBER, DraftContext
from casekit.drafting.checks.matching import contains, find_phrases, phrase_regex
from casekit.drafting.findings import Finding
from casekit.drafting.people import fill_greeting, greeting_regex, opening_words
from casekit.drafting.readability import WORD, flesch_reading_ease
from casekit.drafting.rules import fill, message, setting, source, words_list

SECTION = "style"
# How far into the letter a greeting is looked for, and how far from its end a sign-off.
OPENING_LINES = 12
CLOSING_LINES = 12


def check_style(ctx: DraftContext) -> list[Finding]:
    """The member's own style applies to letters in their name, not to an officer's
    update written to the member."""
    findings = []
    if ctx.style and ctx.role != MEMBER:
        findings += _greeting(ctx)
        findings += _sign_off(ctx)
        findings += _formality(ctx)
        findings += _phrases(ctx)
        findings += _stance(ctx)
    findings += _readability(ctx)
    return findings


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) for every non-blank line."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, line))
        pos += len(line) + 1
    return out


def _opening_at(line: str, phrases: list[str]) -> re.Match[str] | None:
    for phrase in sorted(phrases, key=len, reverse=True):
        m = phrase_regex(phrase).match(line.lstrip())
        if m:
            return m
    return None


def _greeting(ctx: DraftContext) -> list[Finding]:
    rules, text = ctx.rules[SECTION], ctx.text
    pattern = str(ctx.style.get("greeting") or "").strip()
    if not pattern:
        return []
    filled = fill_greeting(pattern, ctx.addressee)
    known = {k: v for k, v in ctx.addressee.items() if isinstance(v, str) and v}
    expected = filled or fill(pattern, known)
    # Unknown fields match any name ("Dear {title} Patel"); a reader with no name parts at
    # all (a service, an organisation) is greeted with the member's opening words and
    # whatever fits ("Dear colleague").
    named = filled or ctx.addressee.get("surname") or ctx.addressee.get("first_name")
    wanted = greeting_regex(pattern if named else opening_words(pattern), ctx.addressee)
    words = words_list(rules, SECTION, "greeting_words")
    for offset, line in _lines(text)[:OPENING_LINES]:
        if wanted.match(line):
            return []
        hit = _opening_at(line, words)
        if hit:
            lead = len(line) - len(line.lstrip())
            said = line.strip().rstrip(",:;")
            start = offset + lead
            return [
                _style_finding(
                    ctx,
                    "greeting",
                    "greeting_severity",
                    start,
                    start + len(said),
                    expected=expected,
                )
            ]
    return [_style_finding(ctx, "greeting_missing", "greeting_severity", expected=expected)]


def _sign_off(ctx: DraftContext) -> list[Finding]:
    rules, text = ctx.rules[SECTION], ctx.text
    own = str(ctx.style.get("sign_off") or "").strip()
    if not own:
        return []
    phrases = [*words_list(rules, SECTION, "sign_off_phrases"), own]
    for offset, line in reversed(_lines(text)[-CLOSING_LINES:]):
        hit = _opening_at(line, phrases)
        if not hit:
            continue
        if phrase_regex(own).match(line.lstrip()):
            return []
        lead = len(line) - len(line.lstrip())
        start = offset + lead
        return [
            _style_finding(
                ctx, "sign_off", "sign_off_severity", start, start + hit.end(), expected=own
            )
        ]
    return [_style_finding(ctx, "sign_off_missing", "sign_off_severity", expected=own)]


def _formality(ctx: DraftContext) -> list[Finding]:
    rules = ctx.rules[SECTION]
    formality = str(ctx.style.get("formality") or "")
    avoid = setting(rules, SECTION, "formality_avoid")
    severities = setting(rules, SECTION, "formality_severity")
    if formality not in avoid or formality not in severities:
        return []
    own_words = " ".join(
        [str(ctx.style.get("greeting") or ""), str(ctx.style.get("sign_off") or "")]
        + [str(p) for p in ctx.style.get("recurring_phrases") or ()]
    )
    markers = [
        m for m in words_list(rules, SECTION, str(avoid[formality])) if not contains(own_words, m)
    ]
    return [
        ctx.finding(
            SECTION,
            kind="style",
            check="formality",
            severity=str(severities[formality]),
            message=message(rules, SECTION, "formality", words=m.words, formality=formality),
            start=m.start,
            end=m.end,
            rule=source(rules, SECTION, "formality"),
        )
        for m in find_phrases(ctx.text, markers)
    ]


def _phrases(ctx: DraftContext) -> list[Finding]:
    phrases = [str(p) for p in ctx.style.get("recurring_phrases") or () if str(p).strip()]
    if not phrases or any(contains(ctx.text, p.strip().rstrip(".!")) for p in phrases):
        return []
    listed = "', '".join(phrases)
    return [
        _style_finding(
            ctx, "phrases", "phrases_severity", expected=listed, values={"expected": f"'{listed}'"}
        )
    ]


def _stance(ctx: DraftContext) -> list[Finding]:
    """A reply should carry the member's policy stance on the matter (AC3: "style and
    policy stance"): advice when it shares none of the stance's words."""
    rules = ctx.rules[SECTION]
    letters = words_list(rules, SECTION, "stance_letters")
    if str(ctx.case.get("letter_kind") or "") not in letters:
        return []
    stances = ctx.style.get("stance")
    category = str(ctx.case.get("category") or "")
    stance = str(stances.get(category) or "").strip() if isinstance(stances, dict) else ""
    if not stance:
        return []
    stop = {w.casefold() for w in words_list(rules, SECTION, "stance_stopwords")}
    keys = [w for w in WORD.findall(stance.casefold()) if len(w) >= 4 and w not in stop]
    # A shared stem is enough: "potholes" in the stance, "pothole" in the letter.
    if not keys or any(
        re.search(rf"\b{re.escape(k[: max(4, len(k) - 2)])}", ctx.text, re.IGNORECASE) for k in keys
    ):
        return []
    return [
        _style_finding(
            ctx,
            "stance",
            "stance_severity",
            expected=stance,
            values={"matter": category.replace("_", " ")},
        )
    ]


def _readability(ctx: DraftContext) -> list[Finding]:
    rules = ctx.rules[SECTION]
    figure = flesch_reading_ease(ctx.text)
    minimum = float(setting(rules, SECTION, "min_reading_ease"))
    if figure is None or figure >= minimum:
        return []
    start, end = _longest_sentence(ctx.text)
    return [
        ctx.finding(
            SECTION,
            kind="style",
            check="readability",
            severity=str(setting(rules, SECTION, "readability_severity")),
            message=message(rules, SECTION, "readability", figure=figure, minimum=minimum),
            start=start,
            end=end,
            rule=str(rules.get("readability_source") or setting(rules, SECTION, "source")),
            expected=str(minimum),
        )
    ]


def _longest_sentence(text: str) -> tuple[int, int]:
    """Offsets of the sentence with the most words: the first place to simplify."""
    best, best_words = (0, 0), 0
    for m in re.finditer(r"[^.!?\n]+", text):
        count = len(WORD.findall(m.group(0)))
        if count > best_words:
            lead = len(m.group(0)) - len(m.group(0).lstrip())
            start = m.start() + lead
            best, best_words = (start, start + len(m.group(0).strip())), count
    return best


def _style_finding(
    ctx: DraftContext,
    check: str,
    severity_key: str,
    start: int = 0,
    end: int = 0,
    *,
    expected: str = "",
    values: dict[str, Any] | None = None,
) -> Finding:
    rules = ctx.rules[SECTION]
    words = ctx.text[start:end]
    fill = {"words": words, "expected": expected, **(values or {})}
    return ctx.finding(
        SECTION,
        kind="style",
        check=check,
        severity=str(setting(rules, SECTION, severity_key)),
        message=message(rules, SECTION, check, **fill),
        start=start,
        end=end,
        rule=source(rules, SECTION, check),
        expected=expected,
    )
