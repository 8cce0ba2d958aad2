"""The pack's evidence items and reflections as Leap2A, the portfolio exchange format
Mahara imports (an Atom feed with Leap2A's types, categories and relations).

Each numbered evidence item is an ``leap2:entry`` carrying its date, its case and the
criteria it is put forward for (categories in the criteria catalogue's scheme, the same
short names the SmartEvidence ``.matrix`` file gives them); each reflective account is an
entry linked to the items of its case with ``leap2:reflects_on`` (and they back with
``leap2:reflected_on_by``). The whole set is a ``leap2:selection`` named for the pack.
Like every derived file it is a pure function of the log, so ``casekit verify`` renders it
again and compares; it sits at the top of the pack as ``leap2a.xml``, the name Mahara's
Leap2A import looks for in a zip.

Source: Leap2A specification, leapspecs.org/2A (2010-07): entry types, relationships
``reflects_on`` / ``reflected_on_by``, ``has_part`` / ``is_part_of``, categories.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape, quoteattr

from casekit.evidence.charts import escape as clean

VERSION = "http://www.leapspecs.org/2010-07/2A/"
NS = (
    'xmlns="http://www.w3.org/2005/Atom" '
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
    'xmlns:leap2="http://terms.leapspecs.org/" '
    'xmlns:categories="http://wiki.leapspecs.org/2A/categories/"'
)
FILE = "leap2a.xml"


def _t(value: Any) -> str:
    return escape(clean(str(value)))


def _a(value: Any) -> str:
    return quoteattr(clean(str(value)))


def _when(text: str) -> str:
    """An Atom date-time from the log's local time (``2026-03-02 09:00`` or a date)."""
    text = text.replace(" ", "T")
    if len(text) == 10:
        text += "T00:00"
    return text[:16] + ":00Z" if len(text) >= 16 else text


def _summary(item: dict[str, Any]) -> str:
    lines = [f"{e['at']}: {e['summary']}" for e in item["events"]]
    for e in item["events"]:
        lines += [f"{label}: {value}" for label, value in e.get("sections", [])]
    return "\n".join(lines)


def leap2a(context: dict[str, Any]) -> str:
    """The Leap2A feed for a pack, from the context its page is rendered with."""
    front, items = context["front"], context["items"]
    scheme = f"casekit:criteria:{front['unit']}"
    base = f"casekit:{front['workspace_id'] or 'workspace'}"
    updated = _when(front["last_event"] or front["started"])
    about = f"{front['qualification']}, {front['centre_name']}"

    def part(item: dict[str, Any]) -> str:
        return f"{base}:{item['number']}"

    reflections = [i for i in items if i["group"] == "reflection"]
    reflected: dict[str, list[str]] = {}
    for r in reflections:
        for other in items:
            if other["group"] != "reflection" and r["case"] and other["case"] == r["case"]:
                reflected.setdefault(other["number"], []).append(r["number"])
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f"<feed {NS}>",
        f"<leap2:version>{VERSION}</leap2:version>",
        f"<id>{_t(base)}:pack</id>",
        f"<title>{_t('Evidence pack of ' + front['learner'])}</title>",
        f"<author><name>{_t(front['learner'])}</name></author>",
        f"<updated>{updated}</updated>",
        "<entry>",
        f"<title>{_t(front['unit'] + ': evidence')}</title>",
        f"<id>{_t(base)}:selection</id>",
        f"<updated>{updated}</updated>",
        f'<content type="text">{_t(about)}</content>',
        '<rdf:type rdf:resource="leap2:selection"/>',
        '<category term="Grouping" scheme="categories:selection_type#"/>',
        *(f'<link rel="leap2:has_part" href={_a(part(i))}/>' for i in items),
        "</entry>",
    ]
    for item in items:
        ident = f"{base}:{item['number']}"
        out += [
            "<entry>",
            f"<title>{_t(item['number'] + ': ' + item['title'])}</title>",
            f"<id>{_t(ident)}</id>",
            f"<updated>{_when(item['date'])}</updated>",
            f"<published>{_when(item['date'])}</published>",
            f'<content type="text">{_t(_summary(item))}</content>',
            '<rdf:type rdf:resource="leap2:entry"/>',
            *(f"<category term={_a(c)} scheme={_a(scheme)}/>" for c in item["criteria"]),
            f'<link rel="leap2:is_part_of" href={_a(base + ":selection")}/>',
        ]
        if item["group"] == "reflection":
            out += [
                f'<link rel="leap2:reflects_on" href={_a(base + ":" + n)}/>'
                for n, refs in sorted(reflected.items())
                if item["number"] in refs
            ]
        out += [
            f'<link rel="leap2:reflected_on_by" href={_a(base + ":" + r)}/>'
            for r in reflected.get(item["number"], [])
        ]
        out.append("</entry>")
    out.append("</feed>")
    return "\n".join(out) + "\n"
