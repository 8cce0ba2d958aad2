"""Leap2A beside the SmartEvidence matrix: items and reflections Mahara can import."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from casekit.evidence.export import export_pack
from casekit.evidence.verify import verify_pack
from tests.worked import worked_workspace

ATOM = "{http://www.w3.org/2005/Atom}"
LEAP = "{http://terms.leapspecs.org/}"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("leap2a")
    with worked_workspace(root / "ws", cases=2) as ws:
        export_pack(ws, root / "pack")
    return root / "pack"


def test_items_and_reflections_as_leap2a(pack: Path) -> None:
    feed = ET.parse(pack / "leap2a.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{LEAP}version").text == "http://www.leapspecs.org/2010-07/2A/"
    entries = feed.findall(f"{ATOM}entry")
    manifest = json.loads((pack / "manifest.json").read_text())
    items = sorted({i for c in manifest["coverage"].values() for i in c["items"]})
    by_id = {e.find(f"{ATOM}id").text.rsplit(":", 1)[-1]: e for e in entries}
    assert set(items) <= set(by_id) and "selection" in by_id
    for number in items:
        entry = by_id[number]
        assert entry.find(f"{RDF}type").get(f"{RDF}resource") == "leap2:entry"
        terms = {c.get("term") for c in entry.findall(f"{ATOM}category")}
        wanted = {cid for cid, c in manifest["coverage"].items() if number in c["items"]}
        assert terms == wanted
    reflections = [
        e for e in entries if "Reflective account" in (e.find(f"{ATOM}title").text or "")
    ]
    assert reflections
    links = [link.get("href") for link in reflections[0].findall(f"{ATOM}link")
             if link.get("rel") == "leap2:reflects_on"]  # fmt: skip
    assert links, "a reflection links to the items of its case"
    target = by_id[links[0].rsplit(":", 1)[-1]]
    back = [link.get("href") for link in target.findall(f"{ATOM}link")
            if link.get("rel") == "leap2:reflected_on_by"]  # fmt: skip
    assert reflections[0].find(f"{ATOM}id").text in back


def test_leap2a_is_verified_like_every_derived_file(pack: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "pack"
    shutil.copytree(pack, copy)
    path = copy / "leap2a.xml"
    path.write_text(path.read_text().replace("Evidence pack of", "Evidence pack by"))
    result = verify_pack(copy)
    assert any(p.startswith("leap2a.xml") for p in result.problems)
