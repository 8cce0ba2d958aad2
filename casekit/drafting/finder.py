"""Finding the people in a letter: names with titles, people the case knows, pronouns and
descriptions ("your neighbour's son", "the man at number 40"), each resolved to who they
are (see :mod:`casekit.drafting.mentions`). Every look-back is bounded, so finding them is
linear in the letter's length."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from casekit.drafting.lemmas import lemma
from casekit.drafting.mentions import (
    CONSTITUENT,
    COVERED,
    GENERIC,
    MEMBER,
    OFFICIAL,
    OTHER,
    READER,
    WRITER,
    Known,
    Mention,
    match_known,
)
from casekit.drafting.people import MEMBER_SUFFIXES
from casekit.drafting.text import Sentence, Token
from casekit.drafting.untitled import untitled_name

MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
RELATIVES = frozenset({"who", "whose", "whom"})
YOU = frozenset({"you", "your", "yours", "yourself", "yourselves"})
SELF = frozenset({"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"})
POSSESSIVE_WORDS = frozenset({"your", "my", "our", "his", "her", "their", "whose"})
# fmt: off
# Words after "the Hendersons" that make it a family: where they live, or who they are.
FAMILY_NEXT = frozenset(
    {"at", "from", "next", "across", "opposite", "who", "have", "had", "are", "were", ","}
)
PLAIN_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx"})
YOU_REACH = 10  # words from "As a tenant ..." to the comma before "you"
# Whom a description with a name straight after it may be taken to be ("tenant Mrs Petrenko").
NAMED_WHO = frozenset({CONSTITUENT, COVERED, READER, OFFICIAL, MEMBER})
# "Anyone in the household": whoever it may be, nobody in particular.
ANYONE = frozenset({"anyone", "anybody", "everyone", "everybody", "nobody", "whoever"})
INDEFINITE = frozenset({"a", "an", "another", "other", "every", "each", "some", "any", "all",
                        "two", "three", "four", "several", "many", "no"})
# fmt: on
DETERMINERS = INDEFINITE | frozenset({"the", "these", "those", "this", "that", "both"})
NUMBERS = frozenset({"two", "three", "four"})
EVERY = frozenset({"every", "each", "any", "no"})  # "every household": all alike, none named
DEFINITE_BEFORE = frozenset({"the", "these", "those", "their", "your", "my", "our"})
VERBISH = frozenset(
    {"be", "hav", "do", "will", "would", "can", "could", "should", "may", "might", "must", "not"}
)
NAME_PARTICLES = frozenset({"ap", "de", "van", "von", "le", "la", "du", "da", "di", "bin", "al"})
# "Ann in Sam's class", "the boy at Jo's school": a possessor in a describing phrase.
DESCRIBING_PREPOSITIONS = frozenset({"in", "at", "from", "of", "with", "near"})
# Words for several people whatever their ending ("the family ... they", "the men").
COLLECTIVE_FORMS = frozenset(
    {"family", "household", "couple", "people", "children", "men", "women"}
)
LOOK_BACK = 30  # mentions a pronoun may look back over
APPOSITION_REACH = 6  # words between a description and the comma before its name
MAX_NAME_WORDS = 3


def _gender(word: str, families: Mapping[str, frozenset[str]]) -> str:
    if word in families.get("male", ()):
        return "m"
    if word in families.get("female", ()):
        return "f"
    return ""


def _name_tokens(tokens: Sequence[Token], i: int) -> int:
    """How many name words follow token ``i`` (capitalised words and particles)."""
    n = 0
    j = i
    joins = 0  # hyphens inside double-barrelled names, not counted as words
    while j < len(tokens) and n - joins < MAX_NAME_WORDS:
        tok = tokens[j]
        if tok.is_word and tok.capitalised and tok.key not in ("and",):
            n += 1
            j += 1
            if tok.possessive:
                break
            if (
                j + 1 < len(tokens)
                and tokens[j].text in "-‐"
                and tokens[j].start == tok.end
                and tokens[j + 1].start == tokens[j].end
                and tokens[j + 1].is_word
                and tokens[j + 1].capitalised
            ):
                j += 1  # "Achebe-Lawson": one double-barrelled surname
                n += 1
                joins += 2  # the hyphen and the second half make one word with the first
                continue
            initial = len(tok.text) == 1 and tok.text.isupper()
            if (
                initial
                and j + 1 < len(tokens)
                and tokens[j].text == "."
                and tokens[j + 1].capitalised
            ):
                j += 1  # "Mr T. Harrow": the full stop after an initial
                n += 1
        elif tok.low in NAME_PARTICLES and j + 1 < len(tokens) and tokens[j + 1].capitalised:
            n += 1
            j += 1
        else:
            break
    return n


def _joined(tokens: Sequence[Token]) -> list[str]:
    """The capitalised words of a name, a double-barrelled surname kept whole
    ("Achebe-Lawson")."""
    out: list[str] = []
    glue = False
    for t in tokens:
        if t.text in "-‐" and out:
            glue = True
            continue
        if not t.capitalised:
            continue
        if glue:
            out[-1] += "-" + t.text
        else:
            out.append(t.text)
        glue = False
    return out


def _you_after(tokens: Sequence[Token], i: int) -> bool:
    """Whether the clause after the description opens with "you" ("As a tenant at number
    4, you ..."), within a few words."""
    for k in range(i + 1, min(len(tokens) - 1, i + YOU_REACH)):
        if tokens[k].text == ",":
            return tokens[k + 1].low == "you"
        if tokens[k].key in VERBISH:
            return False  # "As a tenant at number 4 has a conviction, you ...": a reason
    return False


def _phrase(tokens: Sequence[Token], first: int, last: int) -> str:
    """The words of a description as a label ("your mother", "the man")."""
    words = [t.text for t in tokens[max(0, first) : last + 1] if t.is_word or t.text in "-–"]
    if words and words[0].lower() in ("my", "our"):
        words[0] = "the writer's"
    return " ".join(words).replace(" - ", "-")


class Finder:
    """Finds the mentions of one letter, sentence by sentence."""

    def __init__(
        self,
        sentences: Sequence[Sentence],
        people: Sequence[Known],
        families: Mapping[str, frozenset[str]],
        reader_is_constituent: bool,
        acting_for: str = "",
        signature_start: int = 0,
    ) -> None:
        self.sentences = sentences
        self.people = people
        self.f = families
        self.reader_is_constituent = reader_is_constituent
        # the reader writes for the constituent: their relative is the constituent when
        # consent or authority covers it, else someone else
        self.acting_for = acting_for
        self.out: list[Mention] = []
        self.pending: dict[tuple[int, int], tuple[int, int]] = {}
        # descriptions after "be" ("who are Kurdish brothers"): mention index -> "be" token
        self.predicates: dict[int, int] = {}
        # names that rename the description before them ("my sister Jade"): name -> it
        self.renames: dict[int, int] = {}
        self.signature_start = signature_start
        self._offices = families.get("public_offices", frozenset())
        self.descriptors = (
            families.get("others", frozenset())
            | families.get("child_kin", frozenset())
            | families.get("adult_kin", frozenset())
            | families.get("officials", frozenset())
            | {"constituent"}
        )
        # nouns a person word only describes ("the family home", "a household bin")
        self.modifies = families.get("not_person_before", frozenset())
        # first names and full names of known people, for mentions without a title
        self.first_names: dict[str, Known] = {}
        for p in people:
            if p.first and p.who in (READER, CONSTITUENT, COVERED, OTHER, OFFICIAL, MEMBER):
                self.first_names.setdefault(p.first.lower(), p)

    def run(self) -> list[Mention]:
        for s_idx, sentence in enumerate(self.sentences):
            self._sentence(s_idx, sentence.tokens)
        self._resolve()
        self._same_names()
        return self.out

    def _same_names(self) -> None:
        """A first name once worked out ("your son, Daniel") is the same person when it
        comes again on its own ("Daniel was ranked on distance")."""
        known: dict[str, str] = {}
        for k, m in enumerate(self.out):
            if m.kind != "name" or m.titled:
                continue
            if m.who in (OTHER, "") and known.get(m.label, OTHER) != OTHER:
                self.out[k] = replace(m, who=known[m.label])
            elif m.who not in (OTHER, ""):
                known.setdefault(m.label, m.who)

    def _add(
        self, s: int, tokens: Sequence[Token], a: int, b: int, kind: str, **kw: object
    ) -> None:
        prev = tokens[a - 1].key if a > 0 else ""
        self.out.append(
            Mention(
                s,
                a,
                b,
                tokens[a].start,
                tokens[b].end,
                kind,
                after_preposition=prev in self.f.get("prepositions", frozenset()),
                **kw,
            )  # type: ignore[arg-type]
        )

    def _sentence(self, s: int, tokens: Sequence[Token]) -> None:
        titles = self.f.get("titles", frozenset())
        councillors = self.f.get("councillor_titles", frozenset())
        i = 0
        while i < len(tokens):
            if (s, i) in self.pending:
                end, by = self.pending.pop((s, i))
                self._add_appositive(s, tokens, i, end, by)
                i = end
                continue
            tok = tokens[i]
            key, low = tok.key, tok.low
            after_name = i > 0 and tokens[i - 1].key in self.f.get("not_title_after", ())
            if tok.capitalised and (key in titles or key in councillors) and not after_name:
                j, title_gender, plural = i + 1, _gender(key, self.f), False
                if j + 1 < len(tokens) and tokens[j].low == "and" and tokens[j + 1].key in titles:
                    j, plural, title_gender = j + 2, True, ""
                n = _name_tokens(tokens, j)
                if (
                    n
                    and key not in PLAIN_TITLES
                    and tokens[j + n - 1].key in self.f.get("street", frozenset())
                ):
                    n = 0  # "Lord Grove", "Dame Street": an address, not a titled person
                    # (but "Mr Hill", "Mrs Green": a surname that is also a street word)
                if n:
                    names = _joined(tokens[j : j + n])
                    while len(names) > 1 and names[-1] in MEMBER_SUFFIXES:
                        names.pop()  # "Ms Hale MP": the surname is Hale
                    surname, first = names[-1], names[0] if len(names) > 1 else ""
                    if key in councillors:
                        member = match_known(
                            [p for p in self.people if p.who == MEMBER], surname, first
                        )
                        who = MEMBER if member else OFFICIAL
                    else:
                        known = match_known(self.people, surname, first, title_gender)
                        who = known.who if known else self._describer_who(s, i)
                        if not known and self._role_after(tokens, j + n):
                            who = OFFICIAL  # "Mrs Davies, the SENCO, will call you"
                    label = " ".join([tok.text, *_joined(tokens[j : j + n])])
                    self._add(
                        s,
                        tokens,
                        i,
                        j + n - 1,
                        "name",
                        who=who,
                        gender=title_gender,
                        plural=plural,
                        label=label,
                    )
                    i = j + n
                    continue
            if (
                tok.capitalised
                and tok.is_word
                and low in self.first_names
                and key not in self.descriptors
            ):
                known = self.first_names[low]
                n = 1
                if (
                    i + 1 < len(tokens)
                    and known.surname
                    and tokens[i + 1].low == known.surname.lower()
                ):
                    n = 2
                gender = known.gender or self._describer_gender(s, tokens, i)
                self._add(
                    s,
                    tokens,
                    i,
                    i + n - 1,
                    "name",
                    who=known.who,
                    gender=gender,
                    label=" ".join(t.text for t in tokens[i : i + n]),
                )
                i += n
                continue
            if self._family_name(tokens, i):  # "the Hendersons at number 6"
                surname = tok.text[:-2] if low.endswith("ses") else tok.text[:-1]
                known = match_known(self.people, surname)
                self._add(
                    s,
                    tokens,
                    i - 1,
                    i,
                    "name",
                    who=known.who if known else OTHER,
                    plural=True,
                    label=f"the {tok.text}",
                    titled=False,
                )
                i += 1
                continue
            named = self._untitled(s, tokens, i)
            if named:
                i += named
                continue
            if low in YOU and tok.text[:1].isalpha():
                self._add(s, tokens, i, i, "you", who=READER, key=low)
            elif low in SELF and tok.text[:1].isalpha() and not (low == "us" and tok.text == "US"):
                self._add(s, tokens, i, i, "self", who=WRITER, key=low)
            elif low in MALE_PRONOUNS or low in FEMALE_PRONOUNS or low in PLURAL_PRONOUNS:
                gender = "m" if low in MALE_PRONOUNS else "f" if low in FEMALE_PRONOUNS else ""
                self._add(
                    s,
                    tokens,
                    i,
                    i,
                    "pronoun",
                    gender=gender,
                    plural=low in PLURAL_PRONOUNS,
                    key=low,
                )
            elif low in RELATIVES:
                self._add(s, tokens, i, i, "relative", key=low)
            elif (
                key in self.descriptors
                and tok.is_word
                and (not tok.capitalised or i == 0)
                and not (
                    i > 0
                    and tokens[i - 1].text in "-–"
                    and tokens[i - 1].start > 0
                    and not (i > 1 and tokens[i - 2].key in self.f.get("former", frozenset()))
                )
                and not (i + 1 < len(tokens) and tokens[i + 1].key in self.modifies)
            ):
                self._descriptor(s, tokens, i)
                after = self._appositive(s, tokens, i)
                if after:
                    i = after
                    continue
            i += 1

    def _family_name(self, tokens: Sequence[Token], i: int) -> bool:
        """A family by its surname: "the Hendersons at number 6", "the Okafors next door",
        "the Patels, who ...". Not a party, a team or a place ("the Greens", "the Meadows
        estate"): only before a word that places or introduces people."""
        tok = tokens[i]
        if not (0 < i < len(tokens) - 1 and tokens[i - 1].low == "the" and tok.is_word):
            return False
        low = tok.low
        if not (tok.capitalised and low.endswith("s") and len(low) > 4 and tok.text[1:].islower()):
            return False
        if low in self.f.get("not_families", frozenset()) or tok.key in self.descriptors:
            return False
        return tokens[i + 1].low in FAMILY_NEXT

    def _untitled(self, s: int, tokens: Sequence[Token], i: int) -> int:
        """A person named without a title ("Jayden Reilly", "her lad Callum"); the number
        of tokens taken, or 0."""
        last = self.out[-1] if self.out else None
        after = (
            last is not None
            and last.sentence == s
            and last.kind == "descriptor"
            and last.last in (i - 1, i - 2)
            and (last.last == i - 1 or tokens[i - 1].text == ",")
        )
        n = untitled_name(tokens, i, self.f, after)
        if not n:
            return 0
        names = [t.text.removesuffix("'s").removesuffix("’s") for t in tokens[i : i + n]]
        known = match_known(self.people, names[-1], names[0] if n > 1 else "")
        if known is not None:
            who = known.who
        elif tokens[i].start >= self.signature_start > 0:
            who = WRITER  # a name in the sign-off: the writer or their office
        elif after and n == 1:
            who = ""  # "my sister Jade": whoever the description is, worked out below
            self.renames[len(self.out)] = len(self.out) - 1
        else:
            who = self._describer_who(s, i)
        label = " ".join(names)
        self._add(s, tokens, i, i + n - 1, "name", who=who, label=label, titled=False)
        return n

    def _role_after(self, tokens: Sequence[Token], end: int) -> bool:
        """An official's role set off after a name: ", the SENCO", ", our liaison officer"."""
        if end >= len(tokens) or tokens[end].text not in ",(":
            return False
        officials = self.f.get("officials", frozenset()) - self.f.get("others", frozenset())
        for tok in tokens[end + 1 : end + 5]:
            if tok.key in officials or (tok.text.isupper() and len(tok.text) > 2):
                return True
            if tok.text in ",.;)":
                return False
        return False

    def _describer_who(self, s: int, i: int) -> str:
        """ "My constituent, Mrs Asha Patel": an unknown name in apposition to a description
        of the constituent or an official is that person; so is one after a public office
        ("Your MP, Daniel Kerr": a public figure in a public role); anyone else is other."""
        tokens = self.sentences[s].tokens
        if i >= 2 and tokens[i - 1].text == "," and tokens[i - 2].key in self._offices:
            return OFFICIAL
        if i >= 2 and self.out:
            last = self.out[-1]
            if last.sentence == s and last.last == i - 2 and last.who in (CONSTITUENT, OFFICIAL):
                return last.who
        return OTHER

    def _describer_gender(self, s: int, tokens: Sequence[Token], i: int) -> str:
        """ "your son, Daniel": a name in apposition takes its description's gender."""
        if i >= 2 and tokens[i - 1].text == "," and self.out:
            last = self.out[-1]
            if last.sentence == s and last.last == i - 2 and last.kind == "descriptor":
                return last.gender
        return ""

    def _descriptor(self, s: int, tokens: Sequence[Token], i: int) -> None:
        """A description such as "the man", "your neighbour's son", "her ex-partner"."""
        key = tokens[i].key
        j = i - 1
        steps = 0
        det = ""
        possessor = -1
        predicate = -1
        while j >= 0 and steps < 4:
            t = tokens[j]
            if t.possessive and t.is_word:
                owner = self._mention_at(s, j)
                possessor = owner
                det = "possessed"
                break
            if t.low in POSSESSIVE_WORDS or t.low in DETERMINERS:
                det = t.low
                if t.low in POSSESSIVE_WORDS:
                    possessor = self._mention_at(s, j)
                elif t.low in NUMBERS and j > 0 and tokens[j - 1].low in DEFINITE_BEFORE:
                    det = tokens[j - 1].low  # "the two lads at flat 22": particular people
                break
            if t.key in VERBISH or (t.is_word and t.low.endswith("s") and not t.capitalised):
                if t.key == "be":
                    predicate = j  # "the men who run it, who are Kurdish brothers"
                break  # "the change affects students": a verb, not an adjective
            if (
                t.text in "-–"
                or (t.is_word and not t.capitalised)
                or t.text.isdigit()
                or (t.capitalised and t.is_word)
            ):
                j -= 1
                steps += 1
                continue
            break
        low = tokens[i].low
        plural = (low.endswith("s") and not low.endswith("ss")) or low in COLLECTIVE_FORMS
        if plural and det in ("that", "this"):
            det = ""  # "so that families are phoned": a conjunction, not "that family"
        if key == "constituent":
            who = CONSTITUENT
        elif j >= 2 and tokens[j - 1].low in ("in", "of", "at") and tokens[j - 2].low in ANYONE:
            who = GENERIC  # "if anyone in the household has a health condition": whoever
        elif (
            det in ("a", "an", "the")
            and j >= 1
            and tokens[j - 1].low == "as"
            and _you_after(tokens, i)
        ):
            who = READER  # "As a secure tenant at 15 Clement House, you are entitled"
        elif key in self.f.get("officials", frozenset()) and key not in self.f.get(
            "others", frozenset()
        ):
            who = OFFICIAL
        elif (
            plural
            and det not in ("the", "these", "those", "their", "possessed", "both")
            and (det in INDEFINITE or not det)
            and (key not in ("family", "household", "couple") or low.endswith("s"))
        ) or det in EVERY:
            who = GENERIC  # "residents", "every household that told them": nobody in particular
        else:
            who = ""  # worked out once the possessor is resolved
        self._add(
            s,
            tokens,
            i,
            i,
            "descriptor",
            who=who,
            gender=_gender(key, self.f),
            plural=plural,
            key=key,
            possessor=possessor,
            label=_phrase(tokens, j if det else i, i),
        )
        if predicate > 0 and not det:
            self.predicates[len(self.out) - 1] = predicate
        elif det in ("a", "an") and j >= 1 and tokens[j - 1].key == "be":
            # "you are a single parent", "he is a tenant": the description is the subject
            self.predicates[len(self.out) - 1] = j - 1

    def _mention_at(self, s: int, tok_index: int) -> int:
        for k in range(len(self.out) - 1, max(-1, len(self.out) - 6), -1):
            m = self.out[k]
            if m.sentence == s and m.first <= tok_index <= m.last:
                return k
        return -1

    def _appositive(self, s: int, tokens: Sequence[Token], i: int) -> int:
        """ "the operative, Carl Bright," or "the driver you complained about, Lee Harris,":
        an unknown name set off by commas after a description. Adds it and returns the
        index after it when it follows the description at once; otherwise leaves it
        pending (the words between may mention people too) and returns 0."""
        comma = next(
            (
                j
                for j in range(i + 1, min(len(tokens), i + 1 + APPOSITION_REACH))
                if tokens[j].text in (",", ";", ".")
            ),
            -1,
        )
        if comma < 0 or tokens[comma].text != "," or comma + 2 >= len(tokens):
            return 0
        n = _name_tokens(tokens, comma + 1)
        if n < 2 or tokens[comma + 1].key in self.f.get("titles", frozenset()):
            return 0
        if tokens[comma + n].key in self.f.get("organisation", frozenset()):
            return 0  # "Adult Social Care, Severnleigh Council": a body, not a person
        end = comma + 1 + n
        if end < len(tokens) and tokens[end].text not in ",.;:" and tokens[end].low != "who":
            return 0
        if comma == i + 1:
            self._add_appositive(s, tokens, comma + 1, end, len(self.out) - 1)
            return end
        self.pending[(s, comma + 1)] = (end, len(self.out) - 1)
        return 0

    def _add_appositive(self, s: int, tokens: Sequence[Token], a: int, end: int, by: int) -> None:
        names = [t.text for t in tokens[a:end]]
        known = match_known(self.people, names[-1], names[0])
        describer = self.out[by]
        who = known.who if known else (OFFICIAL if describer.who == OFFICIAL else OTHER)
        self._add(
            s, tokens, a, end - 1, "name", who=who, gender=describer.gender, label=" ".join(names)
        )

    def _resolve(self) -> None:
        out = self.out
        adult = self.f.get("adult_kin", frozenset())
        child = self.f.get("child_kin", frozenset())
        for k, m in enumerate(out):
            if m.kind in ("pronoun", "relative"):
                target = self._antecedent(k)
                if target is not None:
                    out[k] = replace(
                        m,
                        who=target.who,
                        label=target.label,
                        gender=m.gender or target.gender,
                        plural=target.plural,
                    )
                elif m.kind == "pronoun" and not m.plural:
                    # "he" or "she" with no one named before: in a letter to the constituent
                    # someone else; in a letter about the constituent, most likely them
                    who = OTHER if self.reader_is_constituent else CONSTITUENT
                    out[k] = replace(m, who=who)
                else:
                    out[k] = replace(m, who="")
            elif m.kind == "name" and k in self.renames:
                out[k] = replace(m, who=out[self.renames[k]].who or OTHER)
            elif m.kind == "descriptor" and k in self.predicates and self._subject(k):
                subject = self._subject(k)
                assert subject is not None
                out[k] = replace(m, who=subject.who, label=subject.label or m.label)
            elif m.kind == "descriptor" and not m.who and self._related(m, k):
                known = self._related(m, k)
                assert known is not None
                out[k] = replace(m, who=known.who, label=known.name)
            elif m.kind == "descriptor" and not m.who and self._their_children(m, k):
                out[k] = replace(m, who=COVERED)  # "both children": the ones the case lists
            elif m.kind == "descriptor" and not m.who and self._named_after(k):
                named = out[k + 1]  # "(tenant Mrs Olga Petrenko, ...)": the person named
                out[k] = replace(m, who=named.who, label=named.label)
            elif m.kind == "descriptor" and not m.who:
                owner = out[m.possessor].who if 0 <= m.possessor < k else ""
                if m.key in child and owner in (READER, CONSTITUENT, COVERED, WRITER):
                    who = owner  # "my daughter" in quoted words: the writer's (or quoted) own
                elif m.key in adult and owner == READER and self.acting_for:
                    who = CONSTITUENT if self.acting_for == "covered" else OTHER
                elif m.key in adult and owner == READER and not self.reader_is_constituent:
                    who = CONSTITUENT
                elif m.key in self.f.get("household_kin", frozenset()) and owner == WRITER:
                    who = WRITER  # "my husband": the writer's household
                elif m.key in adult and owner == WRITER:
                    who = OTHER  # "my sister": someone else, whose data is theirs
                elif (
                    m.key in self.f.get("household_kin", frozenset())
                    and owner == READER
                    and not self._former(m)
                ):
                    who = READER  # "your husband's stroke", written to his wife: household
                elif m.key in self.f.get("represented", frozenset()) and owner == READER:
                    who = READER  # "your client": the reader speaks for them
                elif self._in_apposition(k):
                    who = out[k - 1].who  # "your client, the owner of 50 Orchard Rise"
                else:
                    who = OTHER
                out[k] = replace(m, who=who)

    def _named_after(self, k: int) -> bool:
        """A description followed straight away by a known person's name ("tenant Mrs
        Olga Petrenko", "the resident: Mr Khan"): the name says who it is."""
        if k + 1 >= len(self.out):
            return False
        m, nxt = self.out[k], self.out[k + 1]
        if nxt.sentence != m.sentence or nxt.kind != "name" or not m.possessor < 0:
            return False
        gap = self.sentences[m.sentence].tokens[m.last + 1 : nxt.first]
        return len(gap) <= 1 and all(t.text in ":" for t in gap) and nxt.who in NAMED_WHO

    def _related(self, m: Mention, k: int) -> Known | None:
        """The person the case knows by this relation to the reader or the constituent
        ("your brother" when the case lists "Tom Smith (brother, has agreed)")."""
        if not 0 <= m.possessor < k:
            return None
        if self.out[m.possessor].who not in (READER, CONSTITUENT) or self._former(m):
            return None
        found = [p for p in self.people if p.relation and lemma(p.relation) == m.key]
        return found[0] if len(found) == 1 else None

    def _their_children(self, m: Mention, k: int) -> bool:
        """ "both children", "the kids", "your children": the children the case lists as the
        reader's or the constituent's, covered by the parent acting for them."""
        if not m.plural or m.key not in self.f.get("child_kin", frozenset()):
            return False
        owner = self.out[m.possessor].who if 0 <= m.possessor < k else READER
        if owner not in (READER, CONSTITUENT):
            return False
        child = self.f.get("child_kin", frozenset())
        return any(p.who == COVERED and lemma(p.relation) in child for p in self.people)

    def _former(self, m: Mention) -> bool:
        """ "your former partner", "her ex-husband": no longer the household."""
        words = {lemma(w) for w in m.label.lower().replace("-", " ").split()}
        return bool(words & self.f.get("former", frozenset()))

    def _subject(self, k: int) -> Mention | None:
        """The mention just before the "be" that a description follows ("who are ...")."""
        be = self.predicates[k]
        if k == 0:
            return None
        prev = self.out[k - 1]
        if prev.sentence != self.out[k].sentence or prev.last != be - 1 or not prev.who:
            return None
        return prev

    def _in_apposition(self, k: int) -> bool:
        """A description set off by a comma right after another one, which it renames."""
        if k == 0:
            return False
        m, prev = self.out[k], self.out[k - 1]
        if prev.sentence != m.sentence or prev.kind != "descriptor" or not prev.who:
            return False
        tokens = self.sentences[m.sentence].tokens
        between = tokens[prev.last + 1 : m.first]
        return len(between) in (2, 3) and between[0].text == "," and between[-1].low in ("the", "a")

    def _previous_subject(self, k: int) -> Mention | None:
        """A pronoun opening a sentence ("He has early memory problems") most likely means
        the person the sentence before opened with ("Mr Cooney says that a man..."), when
        that person was named and fits."""
        m = self.out[k]
        if m.first != 0 or m.plural or not m.gender:
            return None
        prev = [c for c in self.out[max(0, k - LOOK_BACK) : k] if c.sentence == m.sentence - 1]
        if not prev or prev[0].first != 0 or prev[0].kind != "name" or prev[0].plural:
            return None
        first = prev[0]
        if first.who in (MEMBER, READER, WRITER, "") or (first.gender and first.gender != m.gender):
            return None
        return first

    def _antecedent(self, k: int) -> Mention | None:
        m = self.out[k]
        if m.kind == "relative":
            for j in range(k - 1, max(-1, k - 6), -1):
                c = self.out[j]
                if c.sentence != m.sentence:
                    return None
                if c.kind == "self" or (c.kind == "you" and c.after_preposition):
                    continue
                return c
            return None
        subject = self._previous_subject(k)
        if subject is not None:
            return subject
        collective = self.f.get("collective", frozenset())
        unsure = None  # the nearest candidate whose gender is unknown
        modifier = None  # a possessor inside a phrase that describes someone ("in Sam's class")
        for j in range(k - 1, max(-1, k - LOOK_BACK), -1):
            c = self.out[j]
            if modifier is not None and c.sentence != m.sentence:
                return unsure or modifier
            if c.kind in ("you", "self") or not c.who or c.who in (MEMBER, GENERIC, READER):
                continue  # the reader is "you", and the member rarely "she"
            if modifier is None and self._describing_possessor(j, m):
                modifier = c
                continue
            if c.kind == "descriptor" and c.who == OFFICIAL:
                continue
            many = c.plural or c.key in collective
            if m.plural != many or (m.gender and c.gender and m.gender != c.gender):
                continue
            if m.gender and not c.gender:
                unsure = unsure or c
                continue
            return c  # a person of the pronoun's gender is the likelier antecedent
        return unsure or modifier

    def _describing_possessor(self, j: int, m: Mention) -> bool:
        """A name in a phrase that only describes someone named before it in the same
        sentence ("Ann Lee in Sam's class got help for her needs"): the sentence is about
        that earlier person, so a later "her" means them first."""
        c = self.out[j]
        if c.sentence != m.sentence or c.first < 2:
            return False
        tokens = self.sentences[c.sentence].tokens
        if tokens[c.first - 1].key not in DESCRIBING_PREPOSITIONS:
            return False
        return tokens[c.last].possessive and any(
            o.sentence == c.sentence and o.last < c.first - 1 and o.kind == "name"
            for o in self.out[max(0, j - LOOK_BACK) : j]
        )
