"""The given-names data file: current with its generator, read without Faker, and used
only where a letter uses a name as one."""

from __future__ import annotations

import subprocess
import sys

import pytest

from casekit.drafting.given_names import DATA, generate, given_names, render
from casekit.drafting.patterns import families_of
from casekit.drafting.text import analyse
from casekit.drafting.untitled import untitled_name
from casekit.rules.profile import load_profile

FAMILIES = families_of(load_profile("default").drafting["confidentiality"]["families"])


def test_the_data_file_is_what_the_generator_makes() -> None:
    assert DATA.read_text(encoding="utf-8") == render(generate())


def test_reading_the_names_does_not_import_faker() -> None:
    code = (
        "import sys\n"
        "from casekit.drafting.given_names import given_names\n"
        "assert 'callum' in given_names()\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'faker']\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_names_of_many_backgrounds_are_known() -> None:
    names = given_names()
    for name in ("callum", "kayleigh", "jayden", "priya", "tomasz", "fatima"):
        assert name in names


def found(text: str, after_description: bool = False) -> list[str]:
    tokens = analyse(text)[1][0].tokens
    out, i = [], 0
    while i < len(tokens):
        n = untitled_name(tokens, i, FAMILIES, after_description)
        if n:
            out.append(" ".join(t.text for t in tokens[i : i + n]))
            i += n
        else:
            i += 1
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I spoke to Jayden Reilly yesterday.", ["Jayden Reilly"]),
        ("Yesterday Priya is coming.", ["Priya"]),
        ("The Jubilee Park play area reopens in May.", []),
        ("St Mary's Church Hall is the polling station.", []),
        ("It opens in May and Grace period ends in June.", []),
        ("We met at Victoria Road.", []),
    ],
)
def test_a_given_name_counts_only_where_it_is_used_as_a_name(
    text: str, expected: list[str]
) -> None:
    assert found(text) == expected
