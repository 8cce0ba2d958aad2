"""Untrusted JSON: every leniency of Python's json module is refused with a place to look."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casekit.errors import CasekitError
from casekit.inputs.jsonfile import json_path, parse_json, read_json


def refused(data: bytes | str, **limits: int) -> CasekitError:
    with pytest.raises(CasekitError) as err:
        parse_json(data, name="pack.json", **limits)
    assert err.value.message.startswith("pack.json")
    return err.value


def test_plain_json_reads():
    assert parse_json(b'{"a": [1, 2.5, "x", null, true]}') == {"a": [1, 2.5, "x", None, True]}
    assert parse_json('"\\ud83d\\ude00"') == "\U0001f600"  # a proper surrogate pair is fine


def test_a_byte_order_mark_is_refused_by_name():
    err = refused(b'\xef\xbb\xbf{"a": 1}')
    assert "byte order mark" in err.message and err.field == "encoding"
    assert "byte order mark" in refused('\ufeff{"a": 1}').message
    assert "UTF-16" in refused('{"a": 1}'.encode("utf-16")).message


def test_non_utf8_names_the_line():
    err = refused(b'{\n"a":\n"\xff"}')
    assert "not UTF-8" in err.message and "line 3" in err.message


def test_invalid_json_names_line_and_column():
    err = refused('{\n  "a": 1,\n  "b" 2\n}')
    assert "not valid JSON" in err.message and "line 3" in err.message
    assert err.field == "line 3"


def test_duplicate_keys_are_refused_with_their_path():
    err = refused('{"cases": [{"id": "C001", "id": "C002"}], "x": 1, "x": 2}')
    assert "$.cases[0]: the key 'id' appears more than once" in err.message
    assert "$: the key 'x' appears more than once" in err.message
    assert err.field == "$"  # the outer object first, then inside it


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "\\ud83d x", "\\ude00\\ud83d"])
def test_lone_surrogates_are_refused(escape):
    err = refused('{"cases": [{"name": "A' + escape + '"}]}')
    assert "$.cases[0].name" in err.message and "surrogate" in err.message


def test_a_lone_surrogate_in_a_key_is_refused():
    assert "surrogate" in refused('{"a\\udc00": 1}').message


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e400", "-1e999"])
def test_non_numbers_are_refused_with_their_path(number):
    err = refused(f'{{"a": {{"b": [0, {number}]}}}}')
    assert "$.a.b[1]" in err.message and number in err.message


def test_size_and_depth_limits():
    assert "limit" in refused(b"[" + b" " * 100 + b"]", max_bytes=50).message
    assert "nested" in refused("[" * 10 + "]" * 10, max_depth=5).message
    assert "nested" in refused("[" * 100_000 + "]" * 100_000).message  # no RecursionError
    assert parse_json("[" * 5 + "]" * 5, max_depth=5) == [[[[[]]]]]


def test_a_huge_integer_is_a_clean_refusal():
    assert "not valid JSON" in refused("1" * 5000).message


def test_read_json_names_missing_and_oversized_files(tmp_path: Path):
    with pytest.raises(CasekitError, match="no pack file"):
        read_json(tmp_path / "nope.json", what="pack")
    big = tmp_path / "big.json"
    big.write_bytes(b"[]" + b" " * 100)
    with pytest.raises(CasekitError, match="limit"):
        read_json(big, max_bytes=10)
    good = tmp_path / "good.json"
    good.write_text('{"a": 1}', encoding="utf-8")
    assert read_json(good) == {"a": 1}
    with pytest.raises(CasekitError, match="no file"):
        read_json(tmp_path)  # a folder is not a file


def test_json_paths():
    assert json_path(()) == "$"
    assert json_path(("cases", 0, "id")) == "$.cases[0].id"
    assert json_path(("a b", 1)) == '$["a b"][1]'


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(blacklist_categories=("Cs",))),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.text(st.characters(blacklist_categories=("Cs",)), max_size=6), children, max_size=4
        )
    ),
    max_leaves=25,
)


@settings(max_examples=150, deadline=None)
@given(json_values)
def test_whatever_json_writes_reads_back_the_same(value):
    for text in (json.dumps(value), json.dumps(value, ensure_ascii=False)):
        assert parse_json(text.encode("utf-8"), max_depth=100) == value


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=200))
def test_arbitrary_input_parses_or_is_a_casekit_error(data):
    try:
        parse_json(data)
    except CasekitError as err:
        assert err.message and err.field
