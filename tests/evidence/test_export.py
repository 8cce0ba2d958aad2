"""Exporting an evidence pack: content and order, determinism, the declaration rule,
answer keys, pseudonymisation, templates, and the golden HTML."""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casekit.cli import main
from casekit.errors import CasekitError
from casekit.evidence.declaration import sign_declaration
from casekit.evidence.export import export_pack
from casekit.evidence.template import contrast
from casekit.evidence.verify import verify_pack
from casekit.record.log import NewEvent
from tests.worked import worked_workspace

GOLDEN = Path(__file__).parents[1] / "golden" / "evidence_index.html"


@pytest.fixture(scope="module")
def one_case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A signed one-case workspace, exported from (never changed) by several tests."""
    path = tmp_path_factory.mktemp("one") / "ws"
    worked_workspace(path, cases=1).close()
    return path


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("export")
    with worked_workspace(root / "ws", cases=2) as ws:
        export_pack(ws, root / "pack")
    return root / "pack"


def _all_text(folder: Path) -> str:
    return "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    )


def test_pack_has_the_files_an_assessor_expects(pack: Path) -> None:
    manifest = json.loads((pack / "manifest.json").read_text())
    listed = {f["path"] for f in manifest["files"]}
    for name in (
        "index.html",
        "audit.csv",
        "cases.csv",
        "coverage.csv",
        "evidence/log.jsonl",
        "evidence/personal.jsonl",
        "evidence/coaching.json",
        "evidence/items/E01.json",
    ):
        assert name in listed
    assert manifest["schema_version"] == 1
    assert manifest["chain"]["events"] == len(
        (pack / "evidence/log.jsonl").read_text().splitlines()
    )
    assert set(manifest["coverage"]) == {"AC1", "AC2", "AC3", "AC4", "AC5"}
    for entry in manifest["files"]:
        assert hashlib.sha256((pack / entry["path"]).read_bytes()).hexdigest() == entry["sha256"]


def test_index_follows_the_assessors_order(pack: Path) -> None:
    html = (pack / "index.html").read_text()
    order = [
        'id="front"',
        'id="matrix"',
        'id="summary"',
        'id="evidence"',
        'id="cases"',
        'id="coaching"',
        'id="assessment"',
        'id="declaration"',
        'id="record"',
    ]
    positions = [html.index(marker) for marker in order]
    assert positions == sorted(positions)
    front = html[html.index('id="front"') : html.index('id="matrix"')]
    for value in ("Sam Learner", "REG-0042", "Loughborough College", "Pat Assessor"):
        assert value in front
    # The front sheet is the learner's: no development notes, no software details.
    for value in ("4242", "0.1.0", "provisional", "chain head", "ws-"):
        assert value not in front, value
    banner = html[html.index('<header class="site">') : html.index("</header>")]
    assert "Loughborough College" in banner and "casekit training centre" not in banner
    record = html[html.index('id="record"') :]
    assert "4242" in record and "0.1.0" in record
    summary = html[html.index('id="summary"') : html.index('id="evidence"')]
    assert "provisional" in summary.lower()
    assert "E01" in html[html.index('id="matrix"') : html.index('id="summary"')]
    assert html.index('class="skip" href="#matrix"') < html.index('<header class="site">')
    assert html.count('href="#matrix">Back to the evidence location matrix') >= 2
    assert not re.search(r"\b(?:M|W)\d\d\b", html), re.findall(r".{40}\b(?:M|W)\d\d\b", html)


def test_index_is_self_contained_and_accessible(pack: Path) -> None:
    html = (pack / "index.html").read_text()
    assert not re.search(r"(?:src|href)\s*=\s*\"(?!#|data:)", html), "external reference"
    assert "http://" not in html and "https://" not in html
    assert "<script" not in html
    for landmark in ("<header", "<nav", "<main", "<footer"):
        assert landmark in html
    assert html.count("<table") == html.count("<caption")
    assert 'scope="col"' in html and 'scope="row"' in html
    levels = [int(n) for n in re.findall(r"<h([1-6])", html)]
    assert levels[0] in (1, 2) and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), "heading skipped"
    assert "@media print" in html
    assert 'lang="en-GB"' in html


def test_default_colours_pass_contrast() -> None:
    assert contrast("#1a1a1a", "#ffffff") > 4.5
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0


def test_export_refuses_without_declaration(tmp_path: Path) -> None:
    with (
        worked_workspace(tmp_path / "ws", cases=1, sign=False) as ws,
        pytest.raises(CasekitError) as err,
    ):
        export_pack(ws, tmp_path / "pack")
    assert err.value.rule == "declaration-required"
    assert "declaration" in str(err.value)
    assert not (tmp_path / "pack").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".casekit")]


def test_declaration_must_be_the_learners_name(tmp_path: Path) -> None:
    with worked_workspace(tmp_path / "ws", cases=1, sign=False) as ws:
        before = ws.log.count()
        with pytest.raises(CasekitError) as err:
            sign_declaration(ws, "Someone Else")
        assert err.value.rule == "declaration-name"
        with pytest.raises(CasekitError):
            sign_declaration(ws, "   ")
        assert ws.log.count() == before
        event = sign_declaration(ws, "sam  learner")
        assert event.kind == "declaration_signed"


def test_export_is_byte_identical_for_the_same_actions(tmp_path: Path) -> None:
    for n in (1, 2):
        with worked_workspace(tmp_path / f"ws{n}", cases=2) as ws:
            export_pack(ws, tmp_path / f"pack{n}", zip_pack=True)
    one = {
        p.relative_to(tmp_path / "pack1"): p.read_bytes()
        for p in (tmp_path / "pack1").rglob("*")
        if p.is_file()
    }
    two = {
        p.relative_to(tmp_path / "pack2"): p.read_bytes()
        for p in (tmp_path / "pack2").rglob("*")
        if p.is_file()
    }
    assert one == two
    assert (tmp_path / "pack1.zip").read_bytes() == (tmp_path / "pack2.zip").read_bytes()


def test_answer_key_never_enters_a_pack(tmp_path: Path) -> None:
    key = {
        "pack_id": "pack-4242",
        "cases": [
            {
                "case_id": "case-1",
                "traps": [
                    {"id": "zebra-trap", "explanation": "QUOKKA-SECRET good handling is to verify"}
                ],
            }
        ],
    }
    with worked_workspace(tmp_path / "ws", cases=1) as ws:
        (tmp_path / "ws" / "answer_key.json").write_text(json.dumps(key))
        export_pack(ws, tmp_path / "pack", zip_pack=True)
    text = _all_text(tmp_path / "pack")
    assert "QUOKKA-SECRET" not in text and "zebra-trap" not in text
    assert b"QUOKKA-SECRET" not in (tmp_path / "pack.zip").read_bytes()


def test_a_log_carrying_an_answer_key_is_refused(tmp_path: Path) -> None:
    with worked_workspace(tmp_path / "ws", cases=1) as ws:
        # The catalogue refuses such an event; a tampered log could still hold one.
        ws.log.append(
            NewEvent(
                kind="record_changed",
                at=ws.now.isoformat(timespec="minutes"),
                data={"record": "x", "answer_key": {"trap": "secret"}},
                actor="simulation",
            )
        )
        with pytest.raises(CasekitError) as err:
            export_pack(ws, tmp_path / "pack")
    assert err.value.rule == "answer-key-excluded"


def test_real_data_is_pseudonymised_and_still_verifies(tmp_path: Path) -> None:
    with worked_workspace(tmp_path / "ws", cases=2, synthetic=False) as ws:
        result = export_pack(ws, tmp_path / "pack", zip_pack=True)
    assert result.pseudonymised
    text = _all_text(tmp_path / "pack")
    for real in (
        "Aisha Okafor",
        "Okafor",
        "Tom Whitfield",
        "aisha.okafor@example.org",
        "01509 222333",
        "07700 900123",
        "Forest Road",
        "LE11 3AB",
    ):
        assert real not in text, real
    html = (tmp_path / "pack" / "index.html").read_text()
    assert "Constituent A" in html and "Constituent B" in html
    assert "Sam Learner" in html  # the learner's own name stays
    assert not (tmp_path / "pack" / "evidence" / "personal.jsonl").exists()
    assert verify_pack(tmp_path / "pack").intact
    assert verify_pack(tmp_path / "pack.zip").intact


def test_centre_template_restyles_without_code(tmp_path: Path, pack: Path) -> None:
    template = tmp_path / "centre"
    default = Path(__file__).parents[2] / "portfolio_templates" / "default"
    template.mkdir()
    (template / "index.html.j2").write_text((default / "index.html.j2").read_text())
    (template / "centre.toml").write_text(
        '[centre]\nname = "Northshire Adult College"\nlogo = ""\n'
        '[colours]\naccent = "#004d40"\n[sections.matrix]\ntitle = "Where the evidence is"\n'
    )
    with worked_workspace(tmp_path / "ws", cases=1) as ws:
        export_pack(ws, tmp_path / "pack", template=template)
    html = (tmp_path / "pack" / "index.html").read_text()
    assert "Northshire Adult College" in html and "Where the evidence is" in html
    assert "--accent: #004d40" in html and "data:image" not in html
    (template / "centre.toml").write_text('[colours]\ntext = "#dddddd"\n')
    with worked_workspace(tmp_path / "ws2", cases=1) as ws, pytest.raises(CasekitError) as err:
        export_pack(ws, tmp_path / "pack2", template=template)
    assert err.value.rule == "contrast" and err.value.field == "colours.text"


def test_cli_declare_then_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    worked_workspace(tmp_path / "ws", cases=1, sign=False).close()
    assert main(["export", str(tmp_path / "ws"), "--out", str(tmp_path / "pack")]) == 2
    assert "declaration" in capsys.readouterr().err
    assert main(["declare", str(tmp_path / "ws"), "--name", "Sam Learner"]) == 0
    assert main(["export", str(tmp_path / "ws"), "--out", str(tmp_path / "pack"), "--zip"]) == 0
    assert main(["verify", str(tmp_path / "pack"), str(tmp_path / "pack.zip")]) == 0
    out = capsys.readouterr().out
    assert out.count("intact") == 2


def test_golden_index(pack: Path, request: pytest.FixtureRequest) -> None:
    html = (pack / "index.html").read_text(encoding="utf-8")
    if request.config.getoption("--update-goldens"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(html, encoding="utf-8")
    assert GOLDEN.is_file(), "run pytest --update-goldens to create the golden file"
    assert html == GOLDEN.read_text(encoding="utf-8"), (
        "index.html differs from tests/golden/evidence_index.html; if the change is "
        "intended, run pytest --update-goldens and review the diff"
    )


def test_a_log_row_naming_a_real_person_is_sealed(tmp_path: Path) -> None:
    """Event data is hashed as written; a row that names a real person leaves the pack
    without its body, and the chain still verifies around it."""
    with worked_workspace(tmp_path / "ws", cases=1, synthetic=False) as ws:
        named = ws.append(
            "record_changed",
            {"pack_case": "P1", "record": "Spoke to Aisha Okafor on 01509 222333"},
            actor="simulation",
        )
        sign_declaration(ws, "Sam Learner")
        result = export_pack(ws, tmp_path / "pack")
    rows = [json.loads(line) for line in (tmp_path / "pack/evidence/log.jsonl").open()]
    sealed = {r["seq"] for r in rows if r.get("sealed")}
    assert named.seq in sealed and len(sealed) == result.manifest["chain"]["sealed"]
    assert all(r["body"] for r in rows if r["seq"] not in sealed)
    text = _all_text(tmp_path / "pack")
    assert "Okafor" not in text and "222333" not in text
    assert verify_pack(tmp_path / "pack").intact


def test_export_keeps_an_assessors_record(tmp_path: Path) -> None:
    with worked_workspace(tmp_path / "ws", cases=1) as ws:
        export_pack(ws, tmp_path / "pack")
        export_pack(ws, tmp_path / "pack")  # an earlier pack is replaced
        (tmp_path / "pack" / "assessor").mkdir()
        with pytest.raises(CasekitError) as err:
            export_pack(ws, tmp_path / "pack")
        assert err.value.rule == "export-target"
        (tmp_path / "other").mkdir()
        (tmp_path / "other" / "thesis.docx").write_text("mine")
        with pytest.raises(CasekitError):
            export_pack(ws, tmp_path / "other")
    assert (tmp_path / "other" / "thesis.docx").read_text() == "mine"


def test_erased_personal_values_still_verify(tmp_path: Path) -> None:
    from casekit.casework.actions import Casework

    with worked_workspace(tmp_path / "ws", cases=2, sign=False) as ws:
        assert Casework(ws).anonymise_expired(today="2034-01-01") is not None
        sign_declaration(ws, "Sam Learner")
        export_pack(ws, tmp_path / "pack")
    html = (tmp_path / "pack" / "index.html").read_text()
    assert "Aisha Okafor" not in html and "removed under the retention policy" in html
    assert verify_pack(tmp_path / "pack").intact


def test_real_scenario_key_never_enters_the_pack(tmp_path: Path) -> None:
    """A workspace loaded from a generated pack, with its answer key beside it: no string
    that only the key holds reaches any file of the pack or its zip."""
    from casekit.api.workspaces import new_workspace

    pack_json, key_json = tmp_path / "pack.json", tmp_path / "key.json"
    assert (
        main(
            [
                "scenario",
                "generate",
                "--seed",
                "7",
                "--cases",
                "3",
                "--difficulty",
                "standard",
                "--out",
                str(pack_json),
                "--answer-key",
                str(key_json),
            ]
        )
        == 0
    )
    with new_workspace(tmp_path / "ws", pack=pack_json) as ws:
        shutil.copy(key_json, tmp_path / "ws" / "key.json")  # a careless copy
        sign_declaration(ws, "learner")
        export_pack(ws, tmp_path / "out", zip_pack=True)
    pack_text = pack_json.read_text()

    def strings(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            return [s for v in value.values() for s in strings(v)]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return []

    key = json.loads(key_json.read_text())
    key.pop("pack_sha256")  # the hash of the learner's pack file: public, in the log too
    only_key = {s for s in strings(key) if len(s) >= 25 and s not in pack_text}
    assert len(only_key) >= 5
    exported = _all_text(tmp_path / "out")
    leaked = [s for s in only_key if s in exported]
    assert not leaked, leaked[:3]


HEX = st.text(alphabet="0123456789abcdef", min_size=6, max_size=6).map(lambda h: "#" + h)


@given(HEX, HEX)
def test_contrast_is_a_symmetric_ratio(a: str, b: str) -> None:
    ratio = contrast(a, b)
    assert 1.0 <= ratio <= 21.0 + 1e-9
    assert ratio == pytest.approx(contrast(b, a))


@given(st.text(max_size=8))
def test_bad_colours_are_refused(value: str) -> None:
    from casekit.evidence.template import HEX as PATTERN
    from casekit.evidence.template import _check_colours

    colours = {
        "text": "#1a1a1a",
        "background": "#ffffff",
        "muted": "#4d4d4d",
        "accent": "#1d4f91",
        "accent_text": "#ffffff",
        "gap": "#8a1c1c",
    }
    colours["muted"] = value
    if PATTERN.match(value):
        return
    with pytest.raises(CasekitError) as err:
        _check_colours(colours)
    assert err.value.field == "colours.muted"


@pytest.mark.parametrize(
    ("name", "content", "field"),
    [
        ("index.html.j2", "{{ no_such_value }}", "index.html.j2"),
        ("index.html.j2", "{% if %}", "index.html.j2"),
        ("style.css", "body { background: url(https://evil.example/x.png) }", "style.css"),
        ("style.css", "@import 'x.css';", "style.css"),
        ("centre.toml", "[centre]\nlogo = '../../etc/passwd'\n", "centre.logo"),
        ("centre.toml", "[colours]\naccent = 'red'\n", "colours.accent"),
    ],
)
def test_unusable_templates_are_refused(
    one_case: Path, tmp_path: Path, name: str, content: str, field: str
) -> None:
    default = Path(__file__).parents[2] / "portfolio_templates" / "default"
    template = tmp_path / "t"
    shutil.copytree(default, template)
    (template / name).write_text(content)
    with pytest.raises(CasekitError) as err:
        export_pack(one_case, tmp_path / "pack", template=template)
    assert err.value.rule in ("template", "contrast") and err.value.field == field
    assert not (tmp_path / "pack").exists()


def test_the_pack_shows_flawed_evidence_as_partly_met_with_the_reason(tmp_path: Path) -> None:
    """A learner who never verified the facts has intake items, but no sound ones: the pack
    says AC1 is partly met and why, from the same coverage the learner's screens show."""
    from casekit import api

    with worked_workspace(tmp_path / "ws", cases=2, careless=True) as ws:
        shown = api.coverage(ws).sufficiency["AC1"]
        export_pack(ws, tmp_path / "pack")
    assert (shown.count, shown.sound, shown.status) == (3, 1, "partly")  # + a reflection
    manifest = json.loads((tmp_path / "pack" / "manifest.json").read_text())
    ac1 = manifest["coverage"]["AC1"]
    assert (ac1["count"], ac1["sound"], ac1["status"], ac1["met"]) == (3, 1, "partly", False)
    assert "AC1" in manifest["gaps"]
    html = (tmp_path / "pack" / "index.html").read_text()
    assert "partly met" in html and "fact F1 was never checked against a source" in html
    assert "Not sound for AC1" in html
    csv = (tmp_path / "pack" / "coverage.csv").read_text()
    assert "flawed" in csv
    assert verify_pack(tmp_path / "pack").consistent  # derived again from its log: the same
