"""Who a letter speaks of: every person it mentions, and whom each "she" or "their" means.

Confidentiality turns on whose data a sentence gives. "Your diabetes", written to the
reader, is theirs; "her depression", in a letter to a daughter about her mother, is the
mother's; "Mr Granger at number 14 is registered blind" is a neighbour's. This module finds
the mentions of people in a letter (names with titles, people the case knows, "you", "I",
pronouns, and descriptions such as "the man at number 40" or "your neighbour's son"), works
out who each one is (the reader, the writer, the member, an officer, the constituent, a
person covered by consent, someone else, or nobody in particular) and which mention a
piece of data belongs to.

It is deliberately simple (the nearest fitting mention, bounded look-backs), so it stays
linear in the letter's length; where it cannot tell, it says so and the checks hold back.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from casekit.drafting.text import Sentence

READER, WRITER, MEMBER, OFFICIAL = "reader", "writer", "member", "official"
CONSTITUENT, COVERED, OTHER, GENERIC = "constituent", "covered", "other", "generic"
PRIVATE = (CONSTITUENT, COVERED, OTHER)

AFTER_WINDOW = 8  # words after a phrase in which its person may be named
POSSESSIVE_DETERMINERS = frozenset({"your", "my", "our"})
HOLDER_LOOK_BACK = 8  # mentions a phrase may look back over for its holder (bounded)


@dataclass(frozen=True)
class Known:
    """A person the case knows, and who they are to this letter."""

    who: str
    name: str
    title: str = ""
    first: str = ""
    surname: str = ""
    gender: str = ""
    relation: str = ""  # how the case describes them to the constituent ("son", "brother")


@dataclass(frozen=True)
class Mention:
    sentence: int
    first: int  # token indexes within the sentence
    last: int
    start: int  # character offsets in the letter
    end: int
    kind: str  # name, pronoun, relative, you, self, descriptor
    who: str = ""
    gender: str = ""
    plural: bool = False
    label: str = ""
    after_preposition: bool = False
    key: str = ""  # the pronoun or descriptor word
    possessor: int = -1  # index (in the letter's mentions) of the possessor, or -1
    titled: bool = True  # False for a name found without a title ("Jayden Reilly")


@dataclass
class People:
    """The mentions of a letter, resolved, with a fast way to find whose a phrase is."""

    mentions: list[Mention] = field(default_factory=list)
    by_sentence: dict[int, list[Mention]] = field(default_factory=dict)
    _firsts: dict[int, list[int]] = field(default_factory=dict)

    def index(self) -> None:
        self.by_sentence = {}
        for m in self.mentions:
            self.by_sentence.setdefault(m.sentence, []).append(m)
        self._firsts = {s: [m.first for m in ms] for s, ms in self.by_sentence.items()}

    def in_sentence(self, sentence: int) -> list[Mention]:
        return self.by_sentence.get(sentence, [])

    def before(self, sentence: int, tok_index: int, window: int) -> list[Mention]:
        """Mentions ending before token ``tok_index`` and no more than ``window`` tokens
        back, nearest first."""
        ms = self.by_sentence.get(sentence)
        if not ms:
            return []
        hi = bisect.bisect_left(self._firsts[sentence], tok_index)
        out = []
        for m in reversed(ms[max(0, hi - window) : hi]):
            if m.first < tok_index - window:
                break
            if m.last < tok_index:
                out.append(m)
        return out

    def after(self, sentence: int, tok_index: int, window: int) -> list[Mention]:
        """Mentions starting at or after token ``tok_index``, within ``window`` tokens."""
        ms = self.by_sentence.get(sentence)
        if not ms:
            return []
        lo = bisect.bisect_left(self._firsts[sentence], tok_index)
        out = []
        for m in ms[lo:]:
            if m.first > tok_index + window:
                break
            out.append(m)
        return out

    def covering(self, sentence: int, first: int, last: int) -> list[Mention]:
        """Mentions that start before token ``first`` and run to ``last`` or beyond (the
        "Dean Foster" a word is part of), looking back a bounded number of mentions."""
        ms = self.by_sentence.get(sentence)
        if not ms:
            return []
        hi = bisect.bisect_left(self._firsts[sentence], first)
        return [m for m in ms[max(0, hi - HOLDER_LOOK_BACK) : hi] if m.last >= last]

    def holder(self, sentence: int, first: int, last: int) -> Mention | None:
        """Whose a phrase (tokens ``first``..``last`` of a sentence) is: a mention inside it
        ("the Polish family", "behind on her rent"; a description only as the phrase's last
        word, so the "child" of "a child protection plan" is nobody; an official named
        inside, "her social worker", is not whose it is), else a name just after it in
        apposition ("the Unison rep, Ann Lee"), else the nearest before it (a
        "your" or "my" only just before it: "your company" is nobody), else the nearest
        after it in the same sentence; None when the sentence names nobody."""
        ms = self.by_sentence.get(sentence)
        if not ms:
            return None
        firsts = self._firsts[sentence]
        lo = bisect.bisect_left(firsts, first)
        hi = bisect.bisect_right(firsts, last)
        inside = [
            m
            for m in ms[lo:hi]
            if (m.kind != "descriptor" or (m.last == last and m.who != OFFICIAL))
            and m.kind != "self"  # "our branch chair", "one of ours": the person's, not ours
        ]
        if inside:
            return inside[-1]
        if hi < len(ms) and ms[hi].kind == "name" and ms[hi].first == last + 2:
            return ms[hi]  # a role and the name in apposition: "the union rep, Gary Hart"
        for m in reversed(ms[max(0, lo - HOLDER_LOOK_BACK) : lo]):
            if m.key in POSSESSIVE_DETERMINERS and m.kind in ("you", "self") and m.last < first - 2:
                continue  # "owes £1,870 to your company, has council tax arrears": not yours
            if m.kind == "self" and m.after_preposition:
                continue  # "she delivers for us and is a party member": hers, not ours
            return m
        for m in ms[hi:]:
            if m.first - last > AFTER_WINDOW:
                break
            if m.kind == "descriptor" and m.who == OFFICIAL:
                continue
            return m
        return None


def match_known(
    people: Sequence[Known], surname: str, first: str = "", gender: str = ""
) -> Known | None:
    """The known person with this surname (and first name, when given), if any."""
    surname, first = surname.lower(), first.lower()
    found = [
        p
        for p in people
        if surname
        and p.surname.lower() == surname
        and (not first or not p.first or p.first.lower() == first)
        and (not gender or not p.gender or p.gender == gender)
    ]
    if not found and first:
        found = [
            p
            for p in people
            if p.first.lower() == surname or (p.first.lower() == first and not p.surname)
        ]
    return found[0] if found else None


def find_people(
    sentences: Sequence[Sentence],
    people: Sequence[Known],
    families: Mapping[str, frozenset[str]],
    reader_is_constituent: bool = True,
    acting_for: str = "",
    signature_start: int = 0,
) -> People:
    """Every mention of a person in the letter, resolved against ``people``."""
    from casekit.drafting.finder import Finder

    found = People(
        Finder(
            sentences, people, families, reader_is_constituent, acting_for, signature_start
        ).run()
    )
    found.index()
    return found
