"""One size fits all: replies to different cases that are nearly the same text.

Names, references and numbers are taken out, then replies are compared by the Jaccard
similarity of their word triples. Only pairs that can reach the threshold are compared
(prefix filtering), so a class's merged workspace is not compared pair by pair.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from typing import Any

from casekit.record.projection import Case, State


def normalise(text: str, case: Case) -> str:
    """The reply without the constituent's details, case references and numbers."""
    text = text.casefold()
    for value in case.constituent.values():
        for part in str(value).casefold().split():
            if len(part) > 2:
                text = text.replace(part, " ")
    text = re.sub(r"ck-\d+|\d+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def shingles(text: str) -> frozenset[str]:
    words = text.split()
    return frozenset(" ".join(words[i : i + 3]) for i in range(max(len(words) - 2, 1)))


def candidate_pairs(sets: list[frozenset[str]], threshold: float) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, that can reach Jaccard similarity ``threshold``.

    Prefix filtering (Chaudhuri et al., 2006): with every set's items in one global order
    (rarest first), two sets whose overlap reaches the threshold share an item in their
    first ``|s| - ceil(threshold * |s|) + 1`` items. So only pairs meeting in those short
    prefixes are compared, instead of every pair of replies in the workspace.
    """
    frequency = Counter(item for items in sets for item in items)
    rank = {item: n for n, item in enumerate(sorted(frequency, key=lambda i: (frequency[i], i)))}
    seen: dict[str, list[int]] = defaultdict(list)
    pairs: set[tuple[int, int]] = set()
    for j, items in enumerate(sets):
        ordered = sorted(items, key=rank.__getitem__)
        # The overlap needed, rounded down a hair so float error never shortens the prefix.
        needed = max(math.ceil(threshold * len(ordered) - 1e-9), 0)
        for item in ordered[: max(len(ordered) - needed + 1, 1)]:
            pairs.update((i, j) for i in seen[item])
            seen[item].append(j)
    return sorted(pairs)


def same_answer(a: Case, b: Case) -> bool:
    """Two constituents with the same problem, to whom the service gave the same answer,
    may rightly get much the same letter: that is not one size fitting all."""
    if a.category != b.category or not a.service_replies or not b.service_replies:
        return False
    return a.service_replies[-1].get("text") == b.service_replies[-1].get("text")


def same_texts(state: State, spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Pairs of replies to different cases at or above ``spec["similarity"]``, each as the
    values the ``same_text`` wording needs plus the two replies' events."""
    replies = []
    for case in state.cases.values():
        for reply in case.replies:
            text = str(reply.get("text", ""))
            if len(text) >= spec["min_characters"]:
                replies.append((case, reply.seq, shingles(normalise(text, case))))
    out = []
    threshold = spec["similarity"]
    for i, j in candidate_pairs([s for _, _, s in replies], threshold):
        (a, seq_a, sa), (b, seq_b, sb) = replies[i], replies[j]
        if a.ref == b.ref or not sa or not sb or same_answer(a, b):
            continue
        small, large = sorted((len(sa), len(sb)))
        if small / large < threshold:
            continue  # Jaccard cannot reach the threshold
        ratio = len(sa & sb) / len(sa | sb)
        if ratio >= threshold:
            what = (
                f"{a.category.replace('_', ' ')} and {b.category.replace('_', ' ')}"
                if a.category != b.category
                else "different constituents' needs"
            )
            out.append(
                {
                    "case": a.ref,
                    "other": b.ref,
                    "percent": round(ratio * 100),
                    "what": what,
                    "events": (seq_a, seq_b),
                }
            )
    return out
