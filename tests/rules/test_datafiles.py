"""Reading a centre-editable data file: the TOML, or an error naming the file and the fault."""

from __future__ import annotations

import pytest

from casekit.errors import CasekitError
from casekit.rules.datafiles import read_toml


def test_reads_toml(tmp_path):
    file = tmp_path / "ours.toml"
    file.write_text('[catalogue]\nname = "Ours"\n', encoding="utf-8")
    assert read_toml(file, "criteria catalogue", rule="r", source="s") == {
        "catalogue": {"name": "Ours"}
    }


@pytest.mark.parametrize(
    ("content", "field", "words"),
    [
        (None, "path", "There is no criteria catalogue"),
        (b"\xff\xfe not text", "file", "cannot be read"),
        (b"[catalogue\nname = ", "file", "not valid TOML"),
    ],
)
def test_missing_unreadable_and_broken_files_are_named(tmp_path, content, field, words):
    file = tmp_path / "ours.toml"
    if content is not None:
        file.write_bytes(content)
    with pytest.raises(CasekitError) as err:
        read_toml(file, "criteria catalogue", rule="criteria-format", source="casekit criteria")
    assert err.value.field == field and words in err.value.message
    assert str(file) in err.value.message and err.value.rule == "criteria-format"
