"""Problems found in a file, and the one way to turn them into an error a person reads.

Every validator in casekit (data files, scenario packs, untrusted JSON) collects *all* the
problems it finds before saying anything, so that a person mends a file in one go rather
than one complaint at a time. A problem says where (a dotted field such as
``service_levels.complaint.respond_wd`` or a JSON path such as ``$.cases[0].id``) and what
is wrong, in words; :func:`problems_error` lists them in one :class:`CasekitError`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from casekit.errors import CasekitError

# How many problems one error message lists before it says "and N more".
SHOWN = 20


@dataclass(frozen=True)
class Problem:
    """One thing wrong: where it is and what is wrong, in words.

    Parameters
    ----------
    where:
        A dotted field (``rules.unknown-case.message``) or a JSON path (``$.cases[0].id``);
        empty when the problem is with the whole file.
    message:
        What is wrong, for the person who edits the file.
    file:
        The file it was found in, when the problem is reported away from its file.
    """

    where: str
    message: str
    file: str = ""

    @property
    def path(self) -> str:
        """The JSON path (the name scenario packs have always used for ``where``)."""
        return self.where

    def __str__(self) -> str:
        return f"{self.where or '(file)'}: {self.message}"


def listing(problems: Sequence[Problem], limit: int = SHOWN) -> str:
    """The problems one a line (``  - where: what``), at most ``limit`` then a count."""
    lines = [f"  - {p}" for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"  - (and {len(problems) - limit} more)")
    return "\n".join(lines)


def problems_error(
    problems: Sequence[Problem],
    *,
    title: str,
    rule: str,
    source: str | None = None,
    advice: str | None = None,
    limit: int = SHOWN,
) -> CasekitError:
    """One :class:`CasekitError` listing every problem (``field`` is the first one's place).

    Parameters
    ----------
    problems:
        What was found; must not be empty.
    title:
        Names the file and what it is, e.g. ``"The protocol profile ours.toml"``; the
        message reads "<title> has 2 problems:" and lists them.
    rule, source, advice:
        As for :class:`CasekitError`: the rule applied, where it comes from, what to do.
    limit:
        How many problems to list before summarising the rest as a count.
    """
    count = len(problems)
    message = f"{title} has {count} problem{'s' * (count != 1)}:\n{listing(problems, limit)}\n"
    return CasekitError(
        message,
        rule=rule,
        source=source,
        advice=advice,
        field=(problems[0].where or None) if problems else None,
    )
