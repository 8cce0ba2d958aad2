"""``casekit draft check``: plain-English findings or JSON, exit 0/1/2."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casekit.cli import main
from casekit.cli.draft import member_from_pack
from casekit.errors import CasekitError

LETTERS = Path(__file__).parents[1] / "data" / "letters"
PEOPLE = json.loads((LETTERS / "people.json").read_text())


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    path = tmp_path / "pack.json"
    path.write_text(json.dumps({"council": {"members": list(PEOPLE["members"].values())}}))
    return path


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["draft", "check", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_good_reply_exits_zero(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    letter = str(LETTERS / "good_reply.txt")
    code, out, _ = run(
        [
            letter,
            "--pack",
            str(pack),
            "--member",
            "M1",
            "--ref",
            "NF-2026-0007",
            "--official",
            "01632 960123",
        ],
        capsys,
    )
    assert code == 0
    assert "no findings" in out
    # without being told the officer's number is official, the checks cannot tell whose it
    # is: advice to check it, not a warning (a landline given as "contact Sam Okafor on")
    code, out, _ = run([letter, "--pack", str(pack), "--member", "M1", "--json"], capsys)
    assert code == 0
    assert [(f["check"], f["words"], f["severity"]) for f in json.loads(out)] == [
        ("contact_details", "01632 960123", "advice")
    ]


def test_a_partisan_letter_exits_one_in_plain_english(
    pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        [
            str(LETTERS / "partisan_party.txt"),
            "--pack",
            str(pack),
            "--member",
            "M1",
            "--pre-election",
        ],
        capsys,
    )
    assert code == 1
    assert "BREACH (neutrality, criterion AC5)" in out
    assert 'words: "Labour group"' in out
    assert "rule: Local Government Act 1986 s2" in out


def test_json_output_shape(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        [str(LETTERS / "style_informal.txt"), "--pack", str(pack), "--member", "M1", "--json"],
        capsys,
    )
    assert code == 1
    findings = json.loads(out)
    assert findings and all(
        {"kind", "severity", "message", "criterion", "words", "start", "end", "rule"} <= set(f)
        for f in findings
    )
    assert {f["check"] for f in findings} >= {"greeting", "sign_off", "formality"}


def test_advice_only_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        [str(LETTERS / "style_hard_going.txt"), "--official", "01632 960123", "--json"], capsys
    )
    assert code == 0
    assert [f["check"] for f in json.loads(out)] == ["readability"]


def test_recipient_and_consent(capsys: pytest.CaptureFixture[str]) -> None:
    letter = str(LETTERS / "no_consent.txt")
    official = ["--official", "priya.shah@council.example.gov.uk"]
    code, out, _ = run([letter, "--recipient", "Ms Grace Okoro", "--json", *official], capsys)
    assert code == 1 and [f["check"] for f in json.loads(out)] == ["no_consent"]
    code, out, _ = run(
        [letter, "--recipient", "Ms Grace Okoro", "--consent", "Grace Okoro", *official], capsys
    )
    assert code == 0, out


def test_addressee_and_reader_say_whose_data_is_whose(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text(
        "Dear Mrs Robertson,\n\nYour mother's social worker says her depression has got "
        "worse. The review is on 3 May.\n\nYours sincerely,\nAbdi Warsame\n"
    )
    # on its own: the salutation names the reader, taken to be the constituent; her mother's
    # health is someone else's data
    code, out, _ = run([str(letter), "--json"], capsys)
    assert code == 1
    assert [
        (f["check"], f["severity"], f["about"])
        for f in json.loads(out)
        if f["kind"] == "confidentiality"
    ] == [("special_category", "warning", "Your mother")]
    # the reader is the constituent's daughter, a third party with no consent
    args = [str(letter), "--addressee", "Ms Fiona Robertson", "--reader", "third-party"]
    code, out, _ = run([*args, "--json"], capsys)
    found = [f for f in json.loads(out) if f["kind"] == "confidentiality"]
    assert code == 1
    assert {(f["check"], f["severity"]) for f in found} == {
        ("no_consent", "breach"),
        ("special_category", "breach"),
    }
    consent = ["--consent", "Ms Fiona Robertson (lasting power of attorney)", "--json"]
    code, out, _ = run([*args, *consent], capsys)
    assert [f for f in json.loads(out) if f["kind"] == "confidentiality"] == []


def test_an_officers_update_to_the_member_may_carry_the_constituents_health(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    letter = tmp_path / "update.txt"
    letter.write_text("Cllr Hale,\n\nMr Bashir is receiving treatment for lung cancer.\n")
    code, out, _ = run([str(letter), "--reader", "member", "--json"], capsys)
    assert [f for f in json.loads(out) if f["kind"] == "confidentiality"] == []
    code, out, _ = run([str(letter), "--reader", "third-party", "--json"], capsys)
    assert code == 1
    found = {f["check"] for f in json.loads(out) if f["kind"] == "confidentiality"}
    assert found == {"no_consent", "special_category"}


def test_a_letter_over_the_size_limit_is_refused_with_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from casekit.cli.draft import MAX_CHARS

    letter = tmp_path / "huge.txt"
    letter.write_text("Dear Mrs Patel, " + "ok " * (MAX_CHARS // 3 + 10))
    code, out, err = run([str(letter)], capsys)
    assert code == 2 and out == ""
    assert "50,000 characters" in err and "huge.txt" in err
    (tmp_path / "fits.txt").write_text("Dear Mrs Patel, " + "ok " * (MAX_CHARS // 4))
    assert run([str(tmp_path / "fits.txt")], capsys)[0] in (0, 1)


def test_an_unknown_reader_role_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["draft", "check", str(LETTERS / "good_reply.txt"), "--reader", "neighbour"])
    assert "invalid choice" in capsys.readouterr().err


@pytest.mark.parametrize("problem", ["missing", "binary", "not-utf8", "member", "pack", "half"])
def test_bad_input_exits_two(
    problem: str, pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    letter = LETTERS / "good_reply.txt"
    args = [str(letter)]
    if problem == "missing":
        args = [str(tmp_path / "nope.txt")]
    elif problem == "binary":
        (tmp_path / "x.bin").write_bytes(b"Dear\x00\x01")
        args = [str(tmp_path / "x.bin")]
    elif problem == "not-utf8":
        (tmp_path / "x.txt").write_bytes(b"Dear \xff\xfe")
        args = [str(tmp_path / "x.txt")]
    elif problem == "member":
        args += ["--pack", str(pack), "--member", "M9"]
    elif problem == "pack":
        (tmp_path / "bad.json").write_text('{"council": {"members": 3}}')
        args += ["--pack", str(tmp_path / "bad.json"), "--member", "M1"]
    elif problem == "half":
        args += ["--member", "M1"]
    code, out, err = run(args, capsys)
    assert code == 2
    assert err.startswith("casekit: ") and out == ""


def test_draft_without_subcommand_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["draft"]) == 2
    assert "check" in capsys.readouterr().out


@settings(max_examples=60, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=6),
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(
                st.sampled_from(["council", "members", "id", "style", "x"]), inner, max_size=3
            )
        ),
        max_leaves=10,
    )
)
def test_reading_a_pack_gives_the_member_or_a_named_error(tmp_path_factory: Any, data: Any) -> None:
    path = tmp_path_factory.mktemp("pack") / "pack.json"
    path.write_text(json.dumps(data))
    try:
        member = member_from_pack(path, "M1")
    except CasekitError as err:
        assert err.field in ("--member", "council.members", "council.members[].style")
    else:
        assert member["id"] == "M1"
