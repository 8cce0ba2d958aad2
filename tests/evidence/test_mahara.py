"""Mahara SmartEvidence export: the .matrix file Mahara's importer reads."""

from __future__ import annotations

import copy
import json
import tomllib
from pathlib import Path

import pytest

from casekit.errors import CasekitError
from casekit.evidence.mahara import export_matrix, matrix
from casekit.rules.criteria import DEFAULT_PATH, load_criteria, parse_criteria


def test_export_writes_the_version_2_matrix_shape(tmp_path: Path):
    cat = load_criteria()
    out = export_matrix(cat, tmp_path / "out" / "casework.matrix")
    doc = json.loads(out.read_text(encoding="utf-8"))
    fw = doc["framework"]
    # Mahara's importer rejects a file without framework.name.
    assert set(fw) == {
        "institution",
        "name",
        "description",
        "selfassess",
        "evidencestatuses",
        "standards",
        "standardelements",
    }
    assert fw["name"].startswith("Support elected members' casework")
    assert fw["institution"] == "all" and fw["selfassess"] is False
    assert "Provisional" in fw["description"]
    assert fw["evidencestatuses"] == [
        {"begun": "Ready for assessment"},
        {"incomplete": "Not met"},
        {"partialcomplete": "Partly met"},
        {"completed": "Met"},
    ]
    [standard] = fw["standards"]
    assert set(standard) == {"shortname", "name", "description", "standardid"}
    elements = fw["standardelements"]
    assert [e["shortname"] for e in elements] == ["AC1", "AC2", "AC3", "AC4", "AC5"]
    for element in elements:
        assert set(element) == {"shortname", "name", "description", "standardid", "elementid"}
        # every element hangs off an existing standard (the importer joins on standardid)
        assert element["standardid"] == standard["standardid"]
        assert len(element["shortname"]) <= 100 and len(element["name"]) <= 255
    assert "LO1" in elements[0]["description"] and "LO2" in elements[0]["description"]
    assert elements[3]["name"] == cat.criteria["AC4"].text


def test_export_is_deterministic(tmp_path: Path):
    cat = load_criteria()
    a = export_matrix(cat, tmp_path / "a.matrix").read_bytes()
    b = export_matrix(cat, tmp_path / "b.matrix").read_bytes()
    assert a == b


def test_wrong_suffix_is_refused_and_nothing_written(tmp_path: Path):
    with pytest.raises(CasekitError) as err:
        export_matrix(load_criteria(), tmp_path / "casework.json")
    assert err.value.field == "path" and ".matrix" in str(err.value)
    assert list(tmp_path.iterdir()) == []


def test_overlong_name_is_refused_naming_the_field():
    raw = copy.deepcopy(tomllib.loads(DEFAULT_PATH.read_text(encoding="utf-8")))
    raw["criteria"][2]["text"] = "x" * 256
    with pytest.raises(CasekitError) as err:
        matrix(parse_criteria(raw))
    assert err.value.field == "criteria.AC3.text" and "255" in str(err.value)


def test_statuses_follow_the_catalogue():
    raw = copy.deepcopy(tomllib.loads(DEFAULT_PATH.read_text(encoding="utf-8")))
    raw["mahara"] = {
        "institution": "mycollege",
        "selfassess": True,
        "evidencestatuses": {"completed": "Achieved"},
    }
    fw = matrix(parse_criteria(raw))["framework"]
    assert fw["institution"] == "mycollege" and fw["selfassess"] is True
    assert fw["evidencestatuses"] == [{"completed": "Achieved"}]
