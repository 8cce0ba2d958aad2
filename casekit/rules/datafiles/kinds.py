"""The kinds of data file a centre can edit: what each is called, where its schema and its
packaged copies are, how to recognise one, and which checks a schema cannot express.

Adding a kind of data file is adding a line to :data:`KINDS` (and its schema beside it).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casekit.errors import CasekitError

# The packaged data files (profiles, criteria, banks, templates' settings).
DATA_DIR = Path(__file__).resolve().parents[2] / "data"
# The portfolio templates sit beside the package, in the checkout.
TEMPLATES_DIR = Path(__file__).resolve().parents[3] / "portfolio_templates"
CHECKS = "casekit.rules.datafiles"


def _call(target: str | None) -> Callable[..., Any] | None:
    if target is None:
        return None
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


@dataclass(frozen=True)
class DataKind:
    """One kind of centre-editable data file.

    Parameters
    ----------
    name:
        The kind's name on the command line (``casekit check-data --kind criteria``).
    what:
        What the file is, in words (``"criteria catalogue"``).
    schema:
        The schema file, relative to ``casekit/data``.
    files:
        The packaged files of this kind, relative to ``casekit/data`` (globs allowed).
    rule:
        The rule id a refusal carries.
    names:
        File names that say a file is of this kind.
    signature:
        Sets of top-level keys, any one of which (all its keys present) marks the content.
    entry_keys:
        For files of named entries (categories, traps): keys every entry has.
    semantic:
        ``"module:function"`` checking what the schema cannot (references, placeholders);
        called as ``function(data, found, context, origin)``.
    prepare:
        ``"module:function"`` turning a file as written into what is checked (a profile's
        ``extends`` merged in, a template's settings over the default's).
    """

    name: str
    what: str
    schema: str
    files: tuple[str, ...]
    rule: str
    names: tuple[str, ...] = ()
    signature: tuple[frozenset[str], ...] = ()
    entry_keys: frozenset[str] = field(default_factory=frozenset)
    semantic: str | None = None
    preparer: str | None = None
    root: Path = DATA_DIR

    @property
    def example(self) -> str:
        """The packaged file an administrator compares theirs with."""
        packaged = self.packaged()
        return packaged[0].name if packaged else self.files[0]

    def packaged(self) -> list[Path]:
        """The packaged files of this kind, in name order (schemas excluded)."""
        found: list[Path] = []
        for pattern in self.files:
            found += sorted(
                p for p in self.root.glob(pattern) if not p.name.endswith(".schema.toml")
            )
        return found

    def looks_like(self, data: Mapping[str, Any]) -> bool:
        """Whether parsed content has this kind's shape (used when the name says nothing)."""
        if any(keys <= data.keys() for keys in self.signature):
            return True
        if self.entry_keys and data:
            return all(isinstance(v, dict) and self.entry_keys <= v.keys() for v in data.values())
        return False

    def semantic_checker(self) -> Callable[..., None] | None:
        return _call(self.semantic)

    def prepare(self, file: Path, data: dict[str, Any]) -> dict[str, Any]:
        """The data as it is checked and used (unchanged for most kinds)."""
        hook = _call(self.preparer)
        return data if hook is None else hook(file, data)


KINDS: tuple[DataKind, ...] = (
    DataKind(
        name="profile",
        what="protocol profile",
        schema="profiles/profile.schema.toml",
        files=("profiles/*.toml",),
        rule="profile-schema",
        signature=(frozenset({"profile"}),),
        semantic=f"{CHECKS}.checks_rules:profile",
        preparer="casekit.rules.profile.loading:resolve_for_check",
    ),
    DataKind(
        name="criteria",
        what="criteria catalogue",
        schema="criteria.schema.toml",
        files=("criteria.toml",),
        rule="criteria-catalogue-format",
        names=("criteria.toml",),
        signature=(frozenset({"catalogue", "criteria"}),),
        semantic=f"{CHECKS}.checks_rules:criteria",
    ),
    DataKind(
        name="categories",
        what="case categories",
        schema="categories.schema.toml",
        files=("categories.toml",),
        rule="categories-format",
        names=("categories.toml",),
        entry_keys=frozenset({"tier", "subject"}),
        semantic=f"{CHECKS}.checks_rules:categories",
    ),
    DataKind(
        name="definitions",
        what="definitions of the kinds of case",
        schema="definitions.schema.toml",
        files=("definitions.toml",),
        rule="definitions-format",
        names=("definitions.toml",),
        signature=(frozenset({"kinds", "statutory"}),),
        semantic=f"{CHECKS}.checks_rules:definitions",
    ),
    DataKind(
        name="knowledge",
        what="question bank",
        schema="knowledge.schema.toml",
        files=("knowledge.toml",),
        rule="knowledge-bank-format",
        names=("knowledge.toml",),
        signature=(frozenset({"knowledge", "questions"}),),
        semantic=f"{CHECKS}.checks_rules:knowledge",
    ),
    DataKind(
        name="satisfaction",
        what="satisfaction rules",
        schema="satisfaction.schema.toml",
        files=("satisfaction.toml",),
        rule="satisfaction-rules-format",
        names=("satisfaction.toml",),
        signature=(frozenset({"satisfaction", "stakeholders"}),),
        semantic=f"{CHECKS}.checks_texts:satisfaction",
    ),
    DataKind(
        name="coaching",
        what="coaching texts",
        schema="coaching.schema.toml",
        files=("coaching.toml",),
        rule="coaching-texts-format",
        names=("coaching.toml",),
        signature=(frozenset({"mistakes"}),),
        semantic=f"{CHECKS}.checks_texts:coaching",
    ),
    DataKind(
        name="evidence",
        what="evidence settings",
        schema="evidence.schema.toml",
        files=("evidence.toml",),
        rule="evidence-settings-format",
        names=("evidence.toml",),
        signature=(frozenset({"limits", "pseudonyms"}),),
        semantic=f"{CHECKS}.checks_texts:evidence",
    ),
    DataKind(
        name="template",
        what="portfolio template settings",
        schema="template.schema.toml",
        files=("default/centre.toml",),
        rule="template",
        names=("centre.toml",),
        signature=(frozenset({"colours"}), frozenset({"sections"}), frozenset({"centre"})),
        semantic=f"{CHECKS}.checks_texts:template",
        preparer=f"{CHECKS}.checks_texts:over_default_template",
        root=TEMPLATES_DIR,
    ),
    DataKind(
        name="scenario-categories",
        what="scenario bank of categories",
        schema="scenarios/category_banks.schema.toml",
        files=("scenarios/category_banks.toml",),
        rule="scenario-bank-format",
        names=("category_banks.toml",),
        entry_keys=frozenset({"problems", "asks"}),
        semantic=f"{CHECKS}.checks_scenarios:category_banks",
    ),
    DataKind(
        name="scenario-councils",
        what="scenario bank of councils",
        schema="scenarios/councils.schema.toml",
        files=("scenarios/councils.toml",),
        rule="scenario-bank-format",
        names=("councils.toml",),
        signature=(frozenset({"place", "naming"}),),
        semantic=f"{CHECKS}.checks_scenarios:councils",
    ),
    DataKind(
        name="scenario-generation",
        what="scenario generation settings",
        schema="scenarios/generation.schema.toml",
        files=("scenarios/generation.toml",),
        rule="scenario-bank-format",
        names=("generation.toml",),
        signature=(frozenset({"difficulty", "channels"}),),
        semantic=f"{CHECKS}.checks_scenarios:generation",
    ),
    DataKind(
        name="scenario-prose",
        what="scenario phrase bank",
        schema="scenarios/prose.schema.toml",
        files=("scenarios/prose.toml",),
        rule="scenario-bank-format",
        names=("prose.toml",),
        signature=(frozenset({"tones", "greeting"}),),
        semantic=f"{CHECKS}.checks_scenarios:prose",
    ),
    DataKind(
        name="scenario-traps",
        what="scenario bank of traps",
        schema="scenarios/traps.schema.toml",
        files=("scenarios/traps.toml",),
        rule="scenario-bank-format",
        names=("traps.toml",),
        entry_keys=frozenset({"good", "bad"}),
        semantic=f"{CHECKS}.checks_scenarios:traps",
    ),
    DataKind(
        name="next-steps",
        what="next-step rules",
        schema="next_steps.schema.toml",
        files=("next_steps.toml",),
        rule="next-step-rules-format",
        names=("next_steps.toml",),
        semantic=f"{CHECKS}.checks_texts:next_steps",
    ),
    DataKind(
        name="learner-words",
        what="learner's words",
        schema="learner_words.schema.toml",
        files=("learner_words.toml",),
        rule="learner-words-format",
        names=("learner_words.toml",),
        signature=(frozenset({"advice", "words"}),),
    ),
    DataKind(
        name="resemblance",
        what="resemblance model",
        schema="resemblance/resemblance.schema.toml",
        files=("resemblance/*.toml",),
        rule="resemblance-model-format",
        signature=(frozenset({"label", "threshold", "weights"}),),
    ),
)


def kind_named(name: str) -> DataKind:
    """The kind called ``name``; a clear error listing the kinds otherwise."""
    for spec in KINDS:
        if spec.name == name:
            return spec
    raise CasekitError(
        f"There is no kind of data file called {name!r}.",
        rule="data-kind",
        advice=f"Use one of: {', '.join(k.name for k in KINDS)}.",
        field="kind",
    )
