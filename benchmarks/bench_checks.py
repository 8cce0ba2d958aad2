"""The drafting checks against the labelled letter corpus, and a linear-time probe.

Usage::

    python benchmarks/bench_checks.py                          # the tuning set
    python benchmarks/bench_checks.py --set heldout            # round 1's held-out set (spent)
    python benchmarks/bench_checks.py --set development --split train       # tune on this
    python benchmarks/bench_checks.py --set development --split validation  # score it once
                                                               # at the end of each round
    python benchmarks/bench_checks.py --set all-dev            # every set above, one by one
    python benchmarks/bench_checks.py --set heldout2           # the second held-out set
                                                               # (scored once in round 2; spent)
    python benchmarks/bench_checks.py --probe-only             # just the linear-time probe

The development set's validation split is every fifth letter (D005, D010, ...; see
``tests/corpus/loader.py``); ``--split`` applies to any set but only the development set
is split by design.

Each letter goes through :func:`casekit.drafting.check_draft`, the function
``casekit draft check`` calls, with what its ``[context]`` gives a case record: the
addressee and the reader's role, the member (and their own published number), the
constituent, the officers' work contacts, the consents, the other people in the case and
whether the pre-election period is on (see ``tests/corpus/loader.py``).

Decision rule (how a set of findings becomes a label):

- a letter is flagged **partisan** when the neutrality check has a finding at ``warning``
  or ``breach`` severity;
- a letter is flagged as a **leak** when the confidentiality check has a finding at
  ``warning`` or ``breach`` severity.

Advice-level findings never count: they are prompts for the learner, not judgements.

Printed: precision and recall per label (partisan for the neutrality check, leak for the
confidentiality check), the confusion counts, the letters each check got wrong, the time
per letter and per 1,000 characters; then the probe: long random and adversarial texts
(repeated '@', '.', digits, spaces, 'a' * n, nested brackets, e-mail- and phone-like runs)
at growing sizes, with the time per character at each size and the ratio of the largest
size's time per character to the smallest's (flat, about 1, means linear).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from casekit.drafting import check_draft  # noqa: E402
from casekit.rules.profile import load_profile  # noqa: E402
from tests.corpus.loader import SETS, SPLITS, Letter, check_kwargs, load, split  # noqa: E402

FLAGGING = ("warning", "breach")
RESEMBLANCE = "_resemblance"  # the checks of the resemblance models' findings
PROBE_SIZES = (2_000, 8_000, 32_000)


def flags(letter: Letter, profile: object) -> tuple[bool, bool, list[object]]:
    """(partisan?, leak?, findings) for one letter under the decision rule."""
    findings = check_draft(letter.text, profile=profile, **check_kwargs(letter))
    partisan = any(f.kind == "neutrality" and f.severity in FLAGGING for f in findings)
    leak = any(f.kind == "confidentiality" and f.severity in FLAGGING for f in findings)
    return partisan, leak, findings


def _scores(truth: list[bool], said: list[bool]) -> tuple[int, int, int, int, float, float]:
    tp = sum(t and s for t, s in zip(truth, said, strict=True))
    fp = sum(s and not t for t, s in zip(truth, said, strict=True))
    fn = sum(t and not s for t, s in zip(truth, said, strict=True))
    tn = sum(not t and not s for t, s in zip(truth, said, strict=True))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return tp, fp, fn, tn, precision, recall


ALL_DEV = (
    ("tuning", "all"),
    ("heldout", "all"),
    ("development", "train"),
    ("development", "validation"),
)


def score(name: str, verbose: bool, part: str = "all") -> None:
    profile = load_profile("default")
    letters = split(load(name), part)
    if not letters:
        print(f"corpus set: {name} has no letters here (it may be kept outside the repository)")
        return
    rows = []
    start = time.perf_counter()
    for letter in letters:
        rows.append((letter, *flags(letter, profile)))
    elapsed = time.perf_counter() - start
    chars = sum(len(letter.text) for letter in letters)
    shown = name if part == "all" else f"{name}, {part} split"
    print(f"corpus set: {shown} ({len(letters)} letters, {chars:,} characters)")
    print("decision rule: flagged when the check has a finding at warning or breach")
    for label, check, truth_of, said_at in (
        ("partisan", "neutrality", lambda lt: lt.partisan, 1),
        ("leak", "confidentiality", lambda lt: lt.leak, 2),
    ):
        truth = [truth_of(r[0]) for r in rows]
        said = [bool(r[said_at]) for r in rows]
        tp, fp, fn, tn, precision, recall = _scores(truth, said)
        print(
            f"{label:<9} ({check} check): precision {precision:.3f}  recall {recall:.3f}  "
            f"[tp {tp}, fp {fp}, fn {fn}, tn {tn}]"
        )
        for part, keep in (
            ("the concept rules", lambda f: not f.check.endswith(RESEMBLANCE)),
            ("the resemblance model", lambda f: f.check.endswith(RESEMBLANCE)),
        ):
            alone = [
                any(f.kind == check and f.severity in FLAGGING and keep(f) for f in r[3])
                for r in rows
            ]
            a_tp, a_fp, a_fn, _tn, a_p, a_r = _scores(truth, alone)
            print(
                f"    by {part} alone: precision {a_p:.3f}  recall {a_r:.3f}  "
                f"[tp {a_tp}, fp {a_fp}, fn {a_fn}]"
            )
        if verbose:
            for r, t, s in zip(rows, truth, said, strict=True):
                if t != s:
                    print(f"    {'missed' if t else 'false alarm'}: {r[0].id} {r[0].path.name}")
    print(
        f"time: {elapsed / len(letters) * 1000:.2f} ms per letter, "
        f"{elapsed / chars * 1_000_000:.2f} ms per 1,000 characters"
    )


def learn_without(held: str) -> None:
    """Point the checks at resemblance models learnt from every set but ``held`` (with the
    packaged thresholds), so the set is scored as letters the models have not seen."""
    import dataclasses
    import tempfile

    from casekit.drafting.checks import resemblance
    from casekit.drafting.learn import learn
    from tests.corpus import train

    folder = Path(tempfile.mkdtemp(prefix="casekit-unseen-"))
    for name, (label, table, _target) in train.MODELS.items():
        rest = [train.example(x, table) for s in SETS if s != held for x in load(s)]
        packaged = resemblance.load_model(name)
        model = dataclasses.replace(
            learn(rest, name=name, label=label),
            letters=packaged.letters,
            threshold=packaged.threshold,
        )
        (folder / f"{name}.toml").write_text(resemblance.model_toml(model, []), "utf-8")
    resemblance.MODELS_DIR = folder
    print(f"resemblance models learnt without {held} (packaged thresholds)")


def _texts(size: int, rng: random.Random) -> dict[str, str]:
    """Random and adversarial texts of about ``size`` characters."""
    words = [
        "the",
        "council",
        "labour",
        "Green",
        "vote",
        "party",
        "promise",
        "delivered",
        "Mr",
        "Mrs",
        "at",
        "number",
        "12",
    ]
    return {
        "random words": " ".join(rng.choice(words) for _ in range(size // 6))[:size],
        "random printable": "".join(chr(rng.randrange(32, 127)) for _ in range(size)),
        "'@' * n": "@" * size,
        "'.' * n": "." * size,
        "digits": "0" * size,
        "spaces": "a" + " " * size + "b",
        "'a' * n": "a" * size,
        "nested brackets": "(" * (size // 2) + ")" * (size // 2),
        "email-like run": "a." * (size // 2),
        "'a@' * n": "a@" * (size // 2),
        "phone-like run": "0 " * (size // 2),
        "'+44 ' * n": "+44 " * (size // 4),
        "newlines": "Dear\n" * (size // 5),
        "apostrophes": "we've'" * (size // 6),
        "hyphens": "re-" * (size // 3),
        "title run": "Mr " * (size // 3),
        "cc lines": "cc: Cllr A\n" * (size // 11),
        # many real matches in one sentence: overlaps must be resolved in n log n
        "e-mails": "x.y@example.com " * (size // 16),
        "phone numbers": "0116 496 0212 " * (size // 14),
        "special terms": "cancer and PIP " * (size // 15),
        "party names": "Labour Tories vote for " * (size // 23),
        "names and addresses": "Mr Ali at number 12, " * (size // 21),
        "pronouns": "he told her that she said they " * (size // 31),
        # the concepts and whose data it is, in one long sentence each
        "concept words": "the old guard finally let the voters down before May " * (size // 53),
        "untitled names": "Jayden Reilly and Callum told Priya " * (size // 36),
        "holders": "your company owes arrears to your depression " * (size // 45),
        "homes": "he lives on Marsh Road near number 4 " * (size // 38),
    }


def probe() -> float:
    """Time per character at each size for each text; returns the worst ratio."""
    profile = load_profile("default")
    rng = random.Random(2026)
    texts = {size: _texts(size, rng) for size in PROBE_SIZES}
    per_char: dict[str, list[float]] = {}
    for name in texts[PROBE_SIZES[0]]:
        # sizes measured in turn, best of three each, so a busy machine slows them alike
        best = dict.fromkeys(PROBE_SIZES, float("inf"))
        for _ in range(3):
            for size in PROBE_SIZES:
                text = texts[size][name]
                run: Callable[[], object] = lambda t=text: check_draft(t, profile=profile)  # noqa: E731
                best[size] = min(best[size], _timed(run) / max(1, len(text)))
        per_char[name] = [best[size] for size in PROBE_SIZES]
    print(f"\nlinear-time probe (sizes {', '.join(f'{s:,}' for s in PROBE_SIZES)} characters)")
    worst = 0.0
    for name, values in per_char.items():
        ratio = values[-1] / values[0] if values[0] > 0 else float("inf")
        worst = max(worst, ratio)
        shown = "  ".join(f"{v * 1e6:7.2f}" for v in values)
        print(f"  {name:<17} us per character: {shown}   ratio largest/smallest {ratio:.2f}")
    print(
        f"worst ratio: {worst:.2f} (about 1 is linear; quadratic would be about "
        f"{PROBE_SIZES[-1] / PROBE_SIZES[0]:.0f})"
    )
    return worst


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--set",
        default="tuning",
        choices=(*SETS, "all-dev"),
        help="all-dev: tuning, heldout, and the development set's train and validation splits",
    )
    parser.add_argument(
        "--split",
        default="all",
        choices=SPLITS,
        help="part of the set: train (four letters in five) or validation (every fifth)",
    )
    parser.add_argument(
        "--unseen",
        action="store_true",
        help="score with resemblance models learnt from every set but the one scored",
    )
    parser.add_argument("--quiet", action="store_true", help="do not list the errors")
    parser.add_argument("--probe-only", action="store_true")
    parser.add_argument("--no-probe", action="store_true")
    args = parser.parse_args(argv)
    if not args.probe_only:
        runs = ALL_DEV if args.set == "all-dev" else ((args.set, args.split),)
        for n, (name, part) in enumerate(runs):
            if n:
                print()
            if args.unseen:
                learn_without(name)
            score(name, verbose=not args.quiet, part=part)
    if not args.no_probe:
        probe()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
