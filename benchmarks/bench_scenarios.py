"""Benchmark: a class pack of 30 learners x 12 cases against plain Faker people.

The baseline makes the same number of Faker en_GB people (name, address, phone, email) as
the class pack has constituents, in the same run, so the ratio says what the scenario
engine costs on top of Faker itself. Goal: ratio under 2.

Times are CPU seconds (``time.process_time``), best of five interleaved runs.

Run: ``.venv/bin/python benchmarks/bench_scenarios.py``
"""

from __future__ import annotations

import time

LEARNERS = 30
CASES = 12
SEED = 4242
REPEATS = 5


def baseline(count: int) -> float:
    """Seconds to make ``count`` Faker en_GB people."""
    from faker import Faker

    fake = Faker("en_GB")
    fake.seed_instance(SEED)
    started = time.process_time()
    people = [
        {
            "name": fake.name(),
            "address": fake.address(),
            "phone": fake.phone_number(),
            "email": fake.email(),
        }
        for _ in range(count)
    ]
    elapsed = time.process_time() - started
    assert len(people) == count
    return elapsed


def class_pack() -> float:
    """Seconds to build a whole class pack (every pack, key and the class list) in memory."""
    from casekit.scenarios import generate
    from casekit.scenarios.classpack import Learner, build_files

    learners = [Learner(f"L{n:03d}", f"Learner {n}") for n in range(LEARNERS)]
    generate._council.cache_clear()  # the council is part of the class pack's cost
    generate._council_text.cache_clear()
    started = time.process_time()
    files = build_files(learners, SEED, CASES, "standard")
    elapsed = time.process_time() - started
    assert len(files) == 2 * LEARNERS + 1
    return elapsed


def main() -> None:
    # Warm up imports, Faker's providers and the data files so neither side pays for them.
    baseline(10)
    from casekit.scenarios.generate import generate

    generate(1, 1, "standard")
    people = LEARNERS * CASES
    # Interleaved, best of several, in CPU time: other work on the machine (a shared CI
    # runner) then slows neither side more than the other.
    bases, ours_all = [], []
    for _ in range(REPEATS):
        bases.append(baseline(people))
        ours_all.append(class_pack())
    base, ours = min(bases), min(ours_all)
    print(f"baseline: {people} Faker en_GB people in {base:.3f} s")
    print(f"class pack: {LEARNERS} learners x {CASES} cases in {ours:.3f} s")
    print(f"ratio: {ours / base:.2f} (goal < 2)")


if __name__ == "__main__":
    main()
