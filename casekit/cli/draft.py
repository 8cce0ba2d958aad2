"""``casekit draft check FILE``: the draft checks on a letter, from the command line.

Exit status: 0 when nothing is above advice level, 1 when there is a warning or a breach,
2 on bad input (a missing, non-text or over-long file, a member not in the pack), so a script
or a tutor's batch can use it as a gate.

``--addressee`` and ``--reader`` say who reads the letter, so their own data is theirs and a
third party's consent is looked for; without them the salutation ("Dear Mrs Patel") names
the reader and the reader is taken to be the constituent.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from casekit.errors import CasekitError

# A long full reply is a few thousand characters; 50,000 is about twenty pages. Anything
# longer is not one letter, and is refused before any check runs.
MAX_CHARS = 50_000
MAX_BYTES = MAX_CHARS * 4
READERS = ("constituent", "member", "officer", "third-party")


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="draft_command", metavar="SUBCOMMAND")
    check = sub.add_parser(
        "check",
        help="check a draft letter for style, neutrality, confidentiality and completeness",
        description="Check a draft letter (plain text) against the protocol profile.",
    )
    check.add_argument("file", type=Path, help="the draft letter, a plain-text file")
    check.add_argument("--pack", type=Path, help="scenario pack JSON holding the member")
    check.add_argument("--member", help="member id in the pack (council.members[].id)")
    check.add_argument("--ref", help="the case reference the letter must quote")
    check.add_argument(
        "--addressee",
        "--recipient",
        dest="addressee",
        metavar="NAME",
        help="who the letter is written to (default: the name in the salutation)",
    )
    check.add_argument(
        "--reader",
        choices=READERS,
        help="who the addressee is: the constituent (default), the member, a council officer "
        "or a third party (who needs the constituent's consent)",
    )
    check.add_argument(
        "--consent",
        action="append",
        default=[],
        metavar="NAME",
        help="a recipient the constituent consented to (repeatable)",
    )
    check.add_argument(
        "--official",
        action="append",
        default=[],
        metavar="PHONE_OR_EMAIL",
        help="an official contact detail the letter may give, such as the officer's phone "
        "(repeatable)",
    )
    check.add_argument("--pre-election", action="store_true", help="the pre-election period")
    check.add_argument("--profile", default="default", help="protocol profile (name or path)")
    check.add_argument("--json", action="store_true", help="print the findings as JSON")
    parser.set_defaults(_draft_parser=parser)


def run(args: argparse.Namespace) -> int:
    if getattr(args, "draft_command", None) != "check":
        args._draft_parser.print_help()
        return 2
    from casekit import api

    text = read_letter(args.file)
    member = None
    if args.pack or args.member:
        if not (args.pack and args.member):
            raise CasekitError(
                "--pack and --member go together: the member is looked up in the pack.",
                rule="cli-usage",
                field="--member" if args.pack else "--pack",
            )
        member = member_from_pack(args.pack, args.member)
    recipient = reader_of(args.addressee, args.reader)
    findings = api.check_letter(
        text,
        profile=args.profile,
        member=member,
        recipient=recipient,
        case=case_facts(args.ref, args.official),
        consents=args.consent,
        pre_election=args.pre_election,
    )
    if args.json:
        print(json.dumps([f.as_dict() for f in findings], indent=2, ensure_ascii=False))
    else:
        print_findings(args.file, findings)
    return 1 if any(f.above_advice for f in findings) else 0


def reader_of(addressee: str | None, reader: str | None) -> dict[str, Any] | None:
    """The reader as the checks take it: a name and a role (None: the constituent, named by
    the salutation)."""
    if not addressee and not reader:
        return None
    out: dict[str, Any] = {"name": (addressee or "").strip()}
    if reader:
        out["role"] = reader
    return out


def case_facts(ref: str | None, officials: list[str]) -> dict[str, Any]:
    """The case as the checks see it: its reference and the official contact details."""
    contacts = [{"email" if "@" in v else "phone": v} for v in officials if v.strip()]
    return {"ref": ref or "", "contacts": contacts}


def read_letter(path: Path) -> str:
    """The letter's text; an error naming the file when it is missing or not text."""
    if not path.is_file():
        raise CasekitError(f"There is no file {path}.", rule="draft-file", field="FILE")
    if path.stat().st_size > MAX_BYTES:
        raise _too_long(path, f"over {MAX_BYTES:,} bytes")
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise CasekitError(f"{path} is not a text file.", rule="draft-file", field="FILE")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise CasekitError(
            f"{path} is not UTF-8 text ({err.reason} at byte {err.start}).",
            rule="draft-file",
            field="FILE",
            advice="Save the letter as UTF-8 plain text.",
        ) from None
    if len(text) > MAX_CHARS:
        raise _too_long(path, f"{len(text):,} characters long")
    return text


def _too_long(path: Path, size: str) -> CasekitError:
    return CasekitError(
        f"{path} is {size}: a letter is checked only up to {MAX_CHARS:,} characters "
        "(about twenty pages).",
        rule="draft-file",
        field="FILE",
        advice="Check the letter you are sending on its own, not a bundle of letters.",
    )


def member_from_pack(pack: Path, member_id: str) -> dict[str, Any]:
    """The member ``member_id`` from a scenario pack's ``council.members``."""
    if not pack.is_file():
        raise CasekitError(f"There is no pack file {pack}.", rule="pack-file", field="--pack")
    try:
        data = json.loads(pack.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise CasekitError(
            f"{pack} is not a JSON scenario pack: {err}.", rule="pack-file", field="--pack"
        ) from None
    council = data.get("council") if isinstance(data, dict) else None
    members = council.get("members") if isinstance(council, dict) else None
    if not isinstance(members, list):
        raise CasekitError(
            f"{pack} has no council.members list.", rule="pack-file", field="council.members"
        )
    for member in members:
        if isinstance(member, dict) and str(member.get("id")) == member_id:
            if not isinstance(member.get("style", {}), dict):
                raise CasekitError(
                    f"Member {member_id} in {pack} has a style that is not a table.",
                    rule="pack-file",
                    field="council.members[].style",
                )
            return member
    known = ", ".join(str(m.get("id")) for m in members if isinstance(m, dict)) or "none"
    raise CasekitError(
        f"There is no member {member_id!r} in {pack} (members: {known}).",
        rule="pack-file",
        field="--member",
    )


def print_findings(path: Path, findings: list[Any], out: Any = None) -> None:
    out = out or sys.stdout
    if not findings:
        print(f"{path}: no findings. The draft passes every check.", file=out)
        return
    counts = {s: sum(f.severity == s for f in findings) for s in ("breach", "warning", "advice")}
    print(
        f"{path}: {counts['breach']} breach(es), {counts['warning']} warning(s), "
        f"{counts['advice']} advice.",
        file=out,
    )
    for f in findings:
        print(f"\n{f.severity.upper()} ({f.kind}, criterion {f.criterion}): {f.message}", file=out)
        if f.words:
            print(f'  words: "{f.words}" (characters {f.start}-{f.end})', file=out)
        print(f"  rule: {f.rule}", file=out)
