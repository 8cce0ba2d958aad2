"""``docs/events.md``, generated from the event catalogue and the criteria catalogue.

``make docs`` writes it; a test fails when the file no longer matches the catalogue, so
the documentation of the log cannot drift from what the log accepts.
"""

from __future__ import annotations

import sys
from pathlib import Path

from casekit.record.events import GROUPS, Catalogue, catalogue

HEADER = """# The event catalogue

Generated from `casekit/data/events.toml` by `make docs`; do not edit by hand.

Every learner action, every delivery of the simulation and every step of the portfolio is
one event in the workspace's append-only, hash-chained log. The log refuses an event of a
kind not listed here, or one missing a required field. *Personal* values are kept apart
from the chain (only their salted digest is hashed) so that retention can erase them.
*Criteria* are the criteria an event of the kind counts towards, from the criteria
catalogue a centre edits (`casekit/data/criteria.toml`).
"""


def _names(values: tuple[str, ...], optional: tuple[str, ...]) -> str:
    parts = [f"`{v}`" for v in values] + [f"`{v}`?" for v in optional]
    return ", ".join(parts) or "none"


def catalogue_markdown(events: Catalogue | None = None) -> str:
    """The whole page, grouped as the catalogue groups kinds."""
    from casekit.rules.criteria import load_criteria

    events = events or catalogue()
    criteria = load_criteria()
    lines = [HEADER]
    for group in GROUPS:
        kinds = events.in_group(group)
        if not kinds:
            continue
        lines += [f"## {group.capitalize()}", ""]
        lines += ["| kind | what it records | fields | personal | case | by | criteria |"]
        lines += ["|---|---|---|---|---|---|---|"]
        for kind in kinds:
            spec = events[kind]
            rule = criteria.evidence.get(kind)
            evidences = ", ".join(rule.criteria) if rule and rule.criteria else ""
            if rule and rule.from_data:
                evidences = f"named in `{rule.from_data}`"
            case = {True: "yes", False: "no"}.get(spec.case, "optional")  # type: ignore[call-overload]
            lines.append(
                f"| `{kind}` | {spec.about} | {_names(spec.fields, spec.optional)} | "
                f"{_names(spec.personal, spec.personal_optional)} | {case} | "
                f"{', '.join(spec.actors)} | {evidences or '-'} |"
            )
        lines.append("")
    lines.append("A `?` marks a field an event of the kind may leave out.")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    text = catalogue_markdown()
    if args:
        Path(args[0]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
