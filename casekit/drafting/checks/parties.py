"""Party names as proper nouns, and what each mention does in its sentence.

"Labour" written with a capital and used as a party is a party; "labour costs" is not, nor
is the Labour Club (a venue), Green waste, the Green Flag Award, "an independent engineer"
or the Reform of a parking scheme. A capitalised name that is also an ordinary word
(Green, Reform, Independent, Liberal) counts only next to a word that makes it a party
("the Green group", "Reform colleagues", "the Green-led administration", "vote Green").

Then the sentence decides what the mention does:

- **procedural**: council business reported factually ("The Labour group has tabled a
  motion, which will be debated"; "Questions from the Liberal Democrat and Green groups
  were answered at Cabinet"): neutral, unless the sentence also praises or blames;
- **membership**: someone's party membership stated as a fact ("he is a Reform UK
  member") is their personal data (the confidentiality check's business), and partisan
  only when a favour is asked because of it;
- **partisan**: the sentence credits, blames, judges, campaigns or labels the writer
  with the party ("As a Liberal Democrat, I believe...", "our Labour council"): words of
  ``{evaluative}`` or any concept the sentence carries that takes a side (see
  :mod:`.signals`);
- **mention**: a party named with none of that ("Councillor Helen Patel (Conservative)
  and I, though we sit for different parties"): advice to keep it a plain fact.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from casekit.drafting.lemmas import lemma
from casekit.drafting.patterns import compile_all, families_of, find
from casekit.drafting.rules import words_list
from casekit.drafting.text import Sentence, Token

SECTION = "neutrality"
PROCEDURAL, MEMBERSHIP, FAVOUR, PARTISAN = "procedural", "membership", "favour", "partisan"
MENTION = "mention"
SELF = frozenset({"as", "i", "we"})  # "As a Liberal Democrat", "I am Labour"
# A party the writer owns ("our Labour council", "my Green colleagues"): the writer labels
# their own side with it, which is taking a side whatever the sentence says.
OWN = frozenset({"our", "my"})
VOTE = frozenset({lemma("vote"), lemma("voted"), lemma("voting")})
BE = frozenset({"be"})
# Nouns shown with the party name they follow ("the Labour group", "Reform councillors").
HEADS = frozenset(
    lemma(w)
    for w in ("group", "administration", "government", "councillors", "candidate", "cabinet")
)


@dataclass(frozen=True)
class PartyMention:
    sentence: Sentence
    first: int  # token indexes within the sentence
    last: int
    frame: str  # procedural, membership, favour or partisan

    @property
    def start(self) -> int:
        return self.sentence.tokens[self.first].start

    @property
    def end(self) -> int:
        return self.sentence.tokens[self.last].end


def _keys(rules: Mapping[str, Any], key: str) -> frozenset[str]:
    return frozenset(lemma(w) for w in words_list(rules, SECTION, key))


def _next_word(tokens: Sequence[Token], i: int) -> Token | None:
    """The word after token ``i``, stepping over a hyphen ("Green-led")."""
    j = i + 1
    if j < len(tokens) and tokens[j].text in "-–":
        j += 1
    return tokens[j] if j < len(tokens) else None


def _proper_nouns(
    tokens: Sequence[Token], rules: Mapping[str, Any], context: frozenset[str], taken: set[int]
) -> list[tuple[int, int]]:
    names = {w: lemma(w) for w in words_list(rules, SECTION, "party_proper_nouns")}
    keys = frozenset(names.values())
    needs = _keys(rules, "party_needs_context")
    not_before = _keys(rules, "party_not_before")
    found = []
    for i, tok in enumerate(tokens):
        if i in taken or tok.key not in keys or not tok.capitalised:
            continue
        nxt = _next_word(tokens, i)
        if nxt is not None and nxt.key in not_before and not tok.possessive:
            continue
        if tok.key in needs:
            prev = tokens[i - 1] if i > 0 else None
            plural_after_the = tok.text.endswith("s") and prev is not None and prev.low == "the"
            after_vote = prev is not None and prev.key in VOTE
            if not (after_vote or plural_after_the or (nxt is not None and nxt.key in context)):
                continue
        found.append((i, i))
    return found


def _frame(
    tokens: Sequence[Token],
    first: int,
    last: int,
    rules: Mapping[str, Any],
    fams: Mapping[str, frozenset[str]],
    sentence_keys: set[str],
    sides: bool,
) -> str:
    keys = sentence_keys
    after = [t.key for t in tokens[last + 1 : last + 4]]
    before = [t.key for t in tokens[max(0, first - 6) : first]]
    if any(k in _keys(rules, "membership") for k in after) and BE & set(before):
        return FAVOUR if keys & _keys(rules, "favour") else MEMBERSHIP
    evaluative = bool(keys & fams.get("evaluative", frozenset()))
    if keys & _keys(rules, "procedural") and not evaluative:
        return PROCEDURAL
    near = [t.low for t in tokens[max(0, first - 3) : first]]
    # "our Labour council", "our local Labour branch": the writer's own side
    own = bool(near) and (near[-1] in OWN or (len(near) >= 2 and near[-2] in OWN))
    if evaluative or sides or own or (near and near[0] in SELF) or "as" in near:
        return PARTISAN
    return MENTION


def party_mentions(
    sentences: Sequence[Sentence],
    rules: Mapping[str, Any],
    sides: Sequence[bool] = (),
) -> list[PartyMention]:
    """Every party mention in the letter with the frame its sentence puts it in;
    ``sides[i]`` says whether sentence ``i`` carries a concept that takes a side."""
    fams = families_of(rules.get("families") or {})
    context = fams.get("party_context", frozenset())
    names = compile_all(words_list(rules, SECTION, "party_names"), {}, "party_names")
    out = []
    for s_idx, sentence in enumerate(sentences):
        tokens = sentence.tokens
        spans = [(h.first, h.last) for h in find(tokens, names)]
        taken = {i for a, b in spans for i in range(a, b + 1)}
        spans += _proper_nouns(tokens, rules, context, taken)
        keys = {t.key for t in tokens}
        taking = sides[s_idx] if s_idx < len(sides) else True
        for first, last in sorted(spans):
            frame = _frame(tokens, first, last, rules, fams, keys, taking)
            shown = last + 1 if last + 1 < len(tokens) and tokens[last + 1].key in HEADS else last
            out.append(PartyMention(sentence, first, shown, frame))
    return out
