"""What every draft check needs to know, worked out once: who reads the letter, who wrote
it, whom the case is about, and the profile's drafting rules."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from casekit.drafting.addressee import Layout, layout
from casekit.drafting.findings import Finding
from casekit.drafting.lemmas import lemma
from casekit.drafting.mentions import (
    CONSTITUENT as WHO_CONSTITUENT,
)
from casekit.drafting.mentions import (
    COVERED,
    OTHER,
    READER,
    Known,
    People,
    find_people,
)
from casekit.drafting.mentions import (
    MEMBER as WHO_MEMBER,
)
from casekit.drafting.mentions import (
    OFFICIAL as WHO_OFFICIAL,
)
from casekit.drafting.patterns import compile_all, families_of, find
from casekit.drafting.people import (
    household,
    inner_person,
    name_parts,
    person,
    plain_name,
    principal,
    same_person,
    style_of,
    within,
)
from casekit.drafting.rules import setting
from casekit.drafting.text import Index, Sentence, Token, analyse

# Roles a reader can have. An officer is a colleague in a council service (a referral is
# within the council's public task); only a third party needs the constituent's consent.
CONSTITUENT, MEMBER, OFFICER, THIRD_PARTY = "constituent", "member", "officer", "third_party"
# How the case records someone's relation to the constituent, and what makes a child an
# adult for this purpose.
ADULT_NOTE = re.compile(r"\badult\b|\bnot\b|\bgrown[- ]up\b", re.I)
AGE_NOTE = re.compile(
    r"\b(?:aged?|age)\s+(\d{1,3})\b|\b(\d{1,3})[- ]?(?:years?|yrs?)[- ]old\b", re.I
)
ADULT_AGE = 18
# The dead have no data protection rights (UK GDPR recital 27): a late husband's faith, in
# a letter to his widow about his grave, is no one's data to protect.
DECEASED = re.compile(r"\blate\b|\bdeceased\b|\bdied\b|\bpassed away\b", re.I)
RELATION_SKIP = frozenset({"late", "the", "a", "her", "his", "their", "reader's", "former"})
COVERED_BY, NOT_COVERED = "covered", "not covered"  # whether a reader acting for someone may
ROLES = (CONSTITUENT, MEMBER, OFFICER, THIRD_PARTY)
# What callers call these roles ("--reader third-party", a case's "service" recipient).
ROLE_NAMES = {
    "constituent": CONSTITUENT,
    "member": MEMBER,
    "councillor": MEMBER,
    "officer": OFFICER,
    "colleague": OFFICER,
    "service": OFFICER,
    "third_party": THIRD_PARTY,
    "third-party": THIRD_PARTY,
    "third party": THIRD_PARTY,
}


@dataclass(frozen=True)
class DraftContext:
    text: str
    rules: Mapping[str, Mapping[str, Any]]
    member: dict[str, Any]
    style: dict[str, Any]
    addressee: dict[str, Any]
    role: str
    constituent: dict[str, Any]
    case: Mapping[str, Any]
    consents: tuple[str, ...]
    known_people: tuple[dict[str, Any], ...]
    pre_election: bool
    officials: tuple[dict[str, Any], ...] = field(default_factory=tuple)
    consent_scopes: tuple[tuple[str, str], ...] = ()
    layout: Layout = field(default_factory=Layout)

    @property
    def tokens(self) -> tuple[Token, ...]:
        return analyse(self.text)[0]

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return analyse(self.text)[1]

    @cached_property
    def index(self) -> Index:
        return Index(self.sentences)

    @cached_property
    def families(self) -> dict[str, frozenset[str]]:
        """The confidentiality check's word families (people, places, organisations)."""
        section = self.rules.get("confidentiality", {})
        return families_of(section.get("families") or {})

    @cached_property
    def known(self) -> tuple[Known, ...]:
        """Everyone the case knows, each with who they are to this letter (the reader
        first, so a reader who is also named elsewhere in the case stays the reader)."""
        out: list[Known] = []

        def add(who: str, data: Mapping[str, Any]) -> None:
            parts = name_parts(str(data.get("name") or ""))
            if parts is not None:
                title, first, surname = parts
                gender = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}.get(title.lower(), "")
                note = relation_note(data)
                words = note.replace(",", " ").replace(";", " ").split()
                # the kin word, past "late" or "former" ("late husband"): "husband"
                relation = [w for w in words if w not in RELATION_SKIP][:1]
                out.append(
                    Known(
                        who,
                        str(data.get("name")),
                        title,
                        first,
                        surname,
                        gender,
                        relation[0] if relation else "",
                    )
                )

        add(READER, self.addressee)
        inner = inner_person(str(self.addressee.get("name") or ""))
        if inner and not same_person(inner, self.addressee):
            add(READER, {"name": inner})  # "Office of Ms Harleen Bains MP"
        office = principal(str(self.addressee.get("name") or ""))
        if office and not same_person(office, inner):
            add(READER, {"name": office})  # "Mr Tom Lee, office of Sarah Hale MP"
        if self.member:
            add(WHO_MEMBER, self.member)
        if self.constituent and not self.reader_is_constituent:
            add(WHO_CONSTITUENT, self.constituent)
        elif self.constituent and not same_person(self.constituent, self.addressee):
            # "Jakub" to "Mr and Mrs Kowalczyk" (their household), or "Mr Willem
            # Achterberg" to "Mrs Achterberg (attorney for Mr Willem Achterberg)": covered
            # as the reader is; a body the reader writes for ("Eastbank Pantry") is theirs
            entitled = household(self.constituent, self.addressee) or (
                self.reader_consent() is not None or self.role == CONSTITUENT
            )
            add(COVERED if entitled else READER, self.constituent)
        elif not self.constituent and self.role != CONSTITUENT:
            # checked on its own, a letter to someone else is about its case's constituent:
            # the first private person it names
            first = self._first_named()
            if first:
                add(WHO_CONSTITUENT, {"name": first})
        for other in self.known_people:
            if str(other.get("role") or "").lower() == "constituent":
                add(WHO_CONSTITUENT, other)  # one of several cases ("weekly update")
                continue
            if self.constituent and same_person(other, self.constituent):
                # the case's own constituent, listed with how they relate to the reader
                # ("Mrs Edna Lawson, mother"): still the constituent, not someone else
                add(READER if self.reader_is_constituent else WHO_CONSTITUENT, other)
                continue
            consented = (
                bool(other.get("consented"))
                or plain_name(other) in self.consents
                or self._young_child(other)
                or bool(DECEASED.search(relation_note(other)))
            )
            add(COVERED if consented else OTHER, other)
        for official in self.officials:
            add(WHO_OFFICIAL, official)
        return tuple(out)

    @property
    def reader_is_constituent(self) -> bool:
        """Whether the reader is the person (or body) the case is about, or writes for it
        ("Ms Daisy Lambourne (Eastbank Community Pantry)")."""
        if not self.constituent:
            return False
        return (
            same_person(self.constituent, self.addressee)
            or within(self.constituent, self.addressee)
            or household(self.constituent, self.addressee)
        )

    def _first_named(self) -> str:
        titles = self.families.get("titles", frozenset())
        for sentence in self.sentences:
            if sentence.end <= self.layout.salutation[1]:
                continue
            toks = sentence.tokens
            for i, tok in enumerate(toks[:-1]):
                nxt = toks[i + 1]
                if tok.key in titles and tok.capitalised and nxt.capitalised and nxt.is_word:
                    name = f"{tok.text} {nxt.text}"
                    if not same_person(name, self.addressee) and not same_person(name, self.member):
                        return name
        return ""

    @cached_property
    def people(self) -> People:
        """The people the letter mentions, resolved (see casekit.drafting.mentions)."""
        return find_people(
            self.sentences,
            self.known,
            self.families,
            reader_is_constituent=(self.role == CONSTITUENT and not self.acting_for)
            or self.reader_is_constituent,
            acting_for=self.acting_for,
            signature_start=self.layout.signature[0],
        )

    @cached_property
    def writer_is_officer(self) -> bool:
        """Whether an officer signs the letter (a caseworker writing in the member's name,
        a service): an officer's own phone, social media, home and private life are not
        the reader's business, where a member's own published details are theirs to give."""
        start = self.layout.signature[0] or max(
            _last_lines_start(self.text, SIGNATURE_LINES), self.layout.salutation[1]
        )
        for m in self.people.mentions:
            if m.start >= start and m.kind == "name":
                return m.who != WHO_MEMBER
        # a sign-off with no name recognised: an officer's, unless it names the member
        if not self.layout.signature[0] or not self.member:
            return False
        parts = name_parts(str(self.member.get("name") or ""))
        return bool(parts and parts[2]) and parts[2].lower() not in self.text[start:].lower()

    @property
    def acting_for(self) -> str:
        """When the reader writes for someone else the case is about ("your mother", held
        under a lasting power of attorney): whether that person is covered by consent or
        authority ("covered") or not ("not covered"); "" when the reader is the person."""
        if self.role != CONSTITUENT or not self.constituent or self.reader_is_constituent:
            return ""
        covered = (
            self._young_child(self.constituent)
            or self.reader_consent() is not None  # an attorney, or someone they agreed to
        ) or any(
            same_person(k, self.constituent)
            and (k.get("consented") or plain_name(k) in self.consents)
            for k in self.known_people
        )
        return COVERED_BY if covered else NOT_COVERED

    def _young_child(self, data: Mapping[str, Any]) -> bool:
        """Whether the case records this person as the constituent's (or the reader's)
        child, not said to be an adult: a parent acts for a child who cannot yet act for
        themselves (ICO, children and the UK GDPR), so the child's data is the family's
        business. "Kerry (adult daughter)", "son, aged 22" and "not the reader's child" are
        not."""
        note = relation_note(data)
        if not note or ADULT_NOTE.search(note):
            return False
        ages = [int(m.group(1) or m.group(2)) for m in AGE_NOTE.finditer(note)]
        if any(age >= ADULT_AGE for age in ages):
            return False
        kin = self.families.get("child_kin", frozenset())
        return any(w in kin for w in re.findall(r"[a-z]+", note))

    @property
    def other_member(self) -> bool:
        """A member reads it who is not the member of the case (a ward colleague, the
        group), with no consent recorded for them: the constituent's data is not theirs."""
        if self.role != MEMBER or not self.member.get("name"):
            return False
        if same_person(self.addressee, self.member):
            return False
        return self.reader_consent() is None

    def reader_consent(self) -> tuple[str, str] | None:
        """The consent recorded for this reader (recipient name and what it covers): named
        as the reader, or as the body the letter's "To:" line puts them in ("To: PC
        Danielle Greaves, Neighbourhood Policing Team, Eastbrook")."""
        return self._reader_consent

    @cached_property
    def _reader_consent(self) -> tuple[str, str] | None:
        """Worked out once a letter: every finding asks it."""
        reader = plain_name(self.addressee)
        org = str(self.addressee.get("name") or "").lower()
        header = self.to_line
        for name, scope in self.consent_scopes:
            if not name:
                continue
            if name == reader or (len(name) > 3 and (name in org or (org and org in name))):
                return name, scope
            if same_body(name, str(self.addressee.get("name") or "")):
                return name, scope
            if header and same_body(name, header):
                return name, scope
        return None

    @property
    def reader_speaks_for(self) -> bool:
        """Whether the consent recorded for this reader names them as the constituent's
        relative or representative ("Mrs Anita Kapoor, daughter, signed consent"; "her
        advocate"): then they may hear about the case as the constituent would, not only
        what a service of their kind needs."""
        consent = self.reader_consent()
        if consent is None:
            return False
        said = consent[1].lower().split(",")[0]  # "daughter, signed consent dated 2 April"
        words = set(re.findall(r"[a-z]+", said))
        if len(words) > SPEAKS_FOR_WORDS:
            return False  # a scope ("his name and his mother's number"), not who they are
        kin = self.families.get("adult_kin", frozenset()) | self.families.get(
            "child_kin", frozenset()
        )
        return bool({lemma(w) for w in words} & kin) or bool(words & SPEAKING_FOR)

    @cached_property
    def to_line(self) -> str:
        """The letter's own "To:" line, when it opens with one (an e-mail or a memo)."""
        for line in self.text[:TO_LINE_REACH].splitlines():
            match = TO_LINE.match(line)
            if match:
                return match.group(1)
        return ""

    def patterns(self, key: str) -> Any:
        """The confidentiality section's word patterns under ``key``, compiled with its
        families (compiling is cached by the patterns' text)."""
        listed = self.rules.get("confidentiality", {}).get(key) or []
        return compile_all(listed, self.families, key, f"drafting.confidentiality.{key}")

    @cached_property
    def _public_sentences(self) -> frozenset[int]:
        patterns = self.patterns("public_record")
        applicant = self.patterns("planning_applicant")
        out = set()
        for n, sentence in enumerate(self.sentences):
            if find(sentence.tokens, patterns):
                out.add(n)
            elif find(sentence.tokens, applicant) and (
                PLANNING_REF.search(self.text, sentence.start, sentence.end)
                or any(t.key == "planning" for t in sentence.tokens)
            ):
                out.add(n)  # "the application by Mr and Mrs Ogunleye ... (ref 24/01187/FUL)"
        return frozenset(out)

    def on_public_record(self, sentence: int) -> bool:
        """Whether the sentence says what it gives is on a public record ("submitted by Mr
        and Mrs Kettering of 15 Quarry Hill and is on the public register"): a planning
        applicant's name and site are (DMPO 2015 art. 40), so it is advice to check."""
        return sentence in self._public_sentences

    @cached_property
    def safeguarding_referral(self) -> bool:
        """Whether the letter goes to a safeguarding service (its name, its "To:" line or
        the consent recorded for it says so: a MASH, a safeguarding team): a referral about
        someone at risk rightly tells it about the people around them, with or without
        consent (Working Together 2023; DPA 2018 Sch. 1 paras 18-19), so whether each
        detail is needed is a question for the tutor, not a confident leak."""
        if self.role not in (OFFICER, THIRD_PARTY):
            return False
        consent = self.reader_consent() or ("", "")
        said = " ".join((*consent, str(self.addressee.get("name") or ""), self.to_line))
        words = set(re.findall(r"[a-z]+", said.lower()))
        return any(set(w.split()) <= words for w in SAFEGUARDING_WORDS)

    def finding(
        self,
        section: str,
        *,
        kind: str,
        check: str,
        severity: str,
        message: str,
        start: int = 0,
        end: int = 0,
        rule: str | None = None,
        expected: str = "",
        about: str = "",
    ) -> Finding:
        """A finding citing this section's source and criterion from the profile."""
        rules = self.rules[section]
        return Finding(
            kind=kind,
            severity=severity,
            message=message,
            words=self.text[start:end],
            start=start,
            end=end,
            rule=rule or str(setting(rules, section, "source")),
            criterion=str(setting(rules, section, "criterion")),
            check=check,
            expected=expected,
            about=about,
        )


# Words that say nothing about which body a name is ("the office of", "Council").
INITIALS_SKIP = frozenset({"and", "of", "for", "the", "&"})
BODY_FILLER = frozenset({"the", "of", "and", "for", "office", "council", "team", "service", "s"})
MIN_BODY_WORDS = 2


def _body_words(name: str) -> tuple[set[str], set[str]]:
    """The words of a body's name, lower case without filler, and the initials of each run
    of capitalised words in it ("Multi-Agency Safeguarding Hub": "mash")."""
    parts = re.findall(r"[A-Za-z]+|[,;:()/]", name.replace("'s", " ").replace("\u2019s", " "))
    words = [w for w in parts if w.isalpha()]
    out = {w.lower() for w in words if w.lower() not in BODY_FILLER}
    initials, run = set(), ""
    for w in [*parts, ""]:
        if w[:1].isupper() and not w.isupper():
            run += w[0].lower()
            continue
        if run and w in INITIALS_SKIP:
            continue  # "Patient Advice and Liaison Service": "pals"
        if len(run) >= 3:
            initials.add(run)
        run = ""
    return out, initials


def same_body(consented: str, reader: str) -> bool:
    """Whether a consent's recipient names the reader's body, whatever the word order or
    form ("Severnleigh Home Improvement Agency" and "Home Improvement Agency, Severnleigh
    Council"; "Sarah Hale MP's office" and "office of Sarah Hale MP"; "Brindley MASH" and
    "Multi-Agency Safeguarding Hub, Brindley"): every telling word of the consent is in
    the reader's name, or is its initials; or the reader's name is written in the consent
    by its initials."""
    want, _ = _body_words(consented)
    have, initials = _body_words(reader)
    if initials & want:
        return True
    if len(want) < MIN_BODY_WORDS and not (want and _same_head(consented, reader)):
        return False
    return all(w in have or w in initials for w in want)


def _same_head(a: str, b: str) -> bool:
    """Both names are an office, team or service ("the MP's office", "Office of the MP for
    Forestside"): then one telling word in common is enough."""
    heads = {"office", "team", "service"}
    return bool(
        heads & set(re.findall(r"[a-z]+", a.lower())) & set(re.findall(r"[a-z]+", b.lower()))
    )


SPEAKS_FOR_WORDS = 4  # words of a consent's note that say who the reader is to them
# (an attorney's, deputy's or appointee's authority covers what [needs] says it does)
SPEAKING_FOR = frozenset(
    {"advocate", "representative", "solicitor", "solicitors", "lawyer", "lawyers", "legal"}
)
# A planning application's reference ("24/01187/FUL", "P/2025/0412"): its applicant is on
# the public register (DMPO 2015 art. 40).
PLANNING_REF = re.compile(r"\b(?:[A-Z]{1,3}/)?\d{2,4}/\d{3,6}(?:/[A-Z]{2,5})?\b")
TO_LINE = re.compile(r"\s*To\s*:\s*(.{3,200})$")
TO_LINE_REACH = 600  # characters from the top in which a "To:" line is looked for
SAFEGUARDING_WORDS = ("safeguarding", "mash", "child protection")
SIGNATURE_LINES = 4  # lines at the end of a letter without a sign-off that may sign it


def _last_lines_start(text: str, n: int) -> int:
    """Where the last ``n`` non-blank lines of ``text`` begin (its likely signature)."""
    end = len(text.rstrip())
    pos = end
    seen = 0
    while pos > 0 and seen < n:
        line_start = text.rfind("\n", 0, pos) + 1
        if text[line_start:pos].strip():
            seen += 1
        pos = max(0, line_start - 1)
        if seen == n:
            return line_start
    return 0


def relation_note(data: Mapping[str, Any]) -> str:
    """How the case describes someone's relation ("son", "reader's son, aged 10"): the
    ``note``, ``relation`` or ``relationship`` the case record gives, in lower case."""
    for key in ("note", "relation", "relationship"):
        value = str(data.get(key) or "").strip().lower()
        if value:
            return value
    return ""


def case_constituent(case: Mapping[str, Any]) -> dict[str, Any]:
    """The constituent named in a case dict (``constituent`` as a name or a dict)."""
    value = case.get("constituent") if isinstance(case, Mapping) else None
    if value is None and isinstance(case, Mapping):
        value = case.get("constituent_name")
    return person(value)


def addressee_role(
    addressee: Mapping[str, Any], member: Mapping[str, Any], constituent: Mapping[str, Any]
) -> str:
    """Whether the reader is the constituent, the member, or a third party."""
    if not addressee:
        return CONSTITUENT
    role = str(addressee.get("role") or "").strip().lower()
    if role in ROLE_NAMES:
        return ROLE_NAMES[role]
    if role:
        return THIRD_PARTY
    if member and same_person(addressee, member):
        return MEMBER
    if constituent and same_person(addressee, constituent):
        return CONSTITUENT
    return THIRD_PARTY


def consent_names(consents: Iterable[Any]) -> tuple[str, ...]:
    """Names of recipients the constituent consented to: strings or dicts with ``recipient``."""
    return tuple(name for name, _ in consent_scopes(consents))


def consent_scopes(consents: Iterable[Any]) -> tuple[tuple[str, str], ...]:
    """(recipient, what the consent covers) for each consent: strings ("Rosebank Homes",
    "Mr Clive Joseph (lasting power of attorney)") or dicts with ``recipient`` and
    ``scope``."""
    out = []
    for item in consents or ():
        scope = ""
        if isinstance(item, Mapping):
            scope = str(item.get("scope") or item.get("purpose") or "")
            item = item.get("recipient") or item.get("name")
        if not item:
            continue
        name, _, note = str(item).partition("(")
        name, extra = _consent_name(name.strip())
        scope = " ".join(p for p in (scope, note.rstrip(") "), extra) if p)
        out.append((plain_name(person(name)), scope.strip()))
    return tuple(out)


def _consent_name(name: str) -> tuple[str, str]:
    """A consent's recipient without what follows a comma when that is a note: "the MP's
    office, which referred the case"; "Mrs Anita Kapoor, daughter, signed consent dated 2
    April" (a titled person's name ends at the comma). A body's own comma stays ("Housing
    Options, Leeds City Council")."""
    head, sep, rest = name.partition(",")
    if not sep:
        return name, ""
    first = rest.strip().split(" ", 1)[0].lower()
    parts = name_parts(head.strip())
    if first in ("which", "who", "that", "whose") or (parts is not None and parts[0]):
        return head.strip(), rest.strip()
    return name, ""


def build_context(
    text: str,
    *,
    rules: Mapping[str, Mapping[str, Any]],
    member: Any,
    recipient: Any,
    case: Any,
    consents: Iterable[Any],
    known_people: Iterable[Any],
    pre_election: bool,
) -> DraftContext:
    case_map: Mapping[str, Any] = case if isinstance(case, Mapping) else {}
    member_p = person(member) if isinstance(member, Mapping) else {}
    constituent = case_constituent(case_map)
    parts = layout(text)
    if recipient is not None:
        addressee = person(recipient)
        if not addressee.get("name") and name_parts(parts.reader):
            addressee = person({**addressee, "name": parts.reader})
    elif constituent:
        addressee = constituent
    else:
        # checked on its own: the reader is whoever the salutation greets
        addressee = person(parts.reader) if name_parts(parts.reader) else {}
    # Official points of contact (the officer who owns the case, any listed contacts): the
    # letter may give their details.
    listed = case_map.get("contacts") if isinstance(case_map.get("contacts"), list) else []
    officials = tuple(
        person(value)
        for value in [case_map.get("contact"), case_map.get("owner"), *listed]
        if value
    )
    return DraftContext(
        text=text,
        rules=rules,
        member=member_p,
        style=style_of(member),
        addressee=addressee,
        role=addressee_role(person(recipient), member_p, constituent),
        constituent=constituent,
        case=case_map,
        consents=consent_names(consents),
        known_people=tuple(p for p in (person(k) for k in known_people or ()) if p.get("name")),
        pre_election=bool(pre_election),
        officials=officials,
        consent_scopes=consent_scopes(consents),
        layout=parts,
    )
