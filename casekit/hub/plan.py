"""The class as the hub sees it: who logs in, as which operating-system account, with which
pack, and where the tutor's ledger and collected packs live.

``casekit hub`` writes the plan to ``CLASS/hub/classroom.json``; the pre-spawn hook and the
classroom service read it on every use, so running ``casekit hub`` again with a changed
roster takes effect at the next login without restarting anything but the hub.

A learner's hub user name is their roster ``learner_id`` in lower case (JupyterHub folds
names to lower case); it must also be a valid Linux account name, because with a local
spawner every learner's server runs as their own account.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from casekit.errors import CasekitError

VERSION = 1
PLAN_FILE = "classroom.json"
SERVICE_NAME = "classroom"
# The learner's start page, relative to their casekit folder. ONE setting: when the desk
# (notebooks/desk.ipynb) lands, change this value (or pass --start-page) and every learner's
# server opens on the desk instead.
LEARNER_START_PAGE = "notebooks/desk.ipynb"
TUTOR_START_PAGE = "notebooks/classroom.ipynb"
# Where a user's casekit files live in their home: notebooks/, scenarios/, workspace/.
HOME_FOLDER = "casekit"
TEACH_SCOPE = "custom:casekit:teach"
TUTOR_GROUP = "tutor"
# Debian's useradd rule for account names (NAME_REGEX), and its 32-character limit.
ACCOUNT = re.compile(r"^[a-z_][a-z0-9_-]{0,31}$")
SOURCE = "casekit hub: learner ids and tutor names become Linux account names"


@dataclass(frozen=True)
class HubLearner:
    """One learner: their hub user name, roster id and name, and their pack's file."""

    user: str
    learner_id: str
    name: str
    pack: str  # relative to the class folder


@dataclass(frozen=True)
class Plan:
    """Everything the hook and the service need to know about the class."""

    class_dir: str
    learners: tuple[HubLearner, ...]
    tutors: tuple[str, ...]
    notebooks: str
    account_template: str = "{username}"
    create_accounts: bool = False
    start_page: str = LEARNER_START_PAGE
    tutor_page: str = TUTOR_START_PAGE
    service_url: str = "http://127.0.0.1:8082"
    service_prefix: str = f"/services/{SERVICE_NAME}/"
    # Homes on shared storage instead of Linux accounts (Zero to JupyterHub): where the hub
    # sees a user's home, who owns it ("uid:gid"), and where their server sees it.
    home_template: str = ""
    home_owner: str = ""
    server_home: str = ""
    version: int = VERSION
    extra: dict[str, Any] = field(default_factory=dict)

    # -- where things are ------------------------------------------------------------
    @property
    def root(self) -> Path:
        return Path(self.class_dir)

    @property
    def ledger(self) -> Path:
        """The tutor's witness ledger (root-only, like the answer keys)."""
        return self.root / "tutor" / "witness.jsonl"

    @property
    def collected(self) -> Path:
        """Where the packs learners send are kept, one ``<learner_id>.zip`` each."""
        return self.root / "tutor" / "collected"

    @property
    def classroom_url(self) -> str:
        """The service's own address with its prefix (what notebooks on the hub call)."""
        return self.service_url.rstrip("/") + self.service_prefix

    # -- who is who ------------------------------------------------------------------
    def learner(self, user: str) -> HubLearner | None:
        for learner in self.learners:
            if learner.user == user:
                return learner
        return None

    def is_tutor(self, user: str) -> bool:
        return user in self.tutors

    def account(self, user: str) -> str:
        """The operating-system account a hub user's server runs as."""
        return self.account_template.format(username=user)

    # -- the file --------------------------------------------------------------------
    def to_json(self) -> str:
        data = asdict(self)
        data["learners"] = [asdict(x) for x in self.learners]
        data["tutors"] = list(self.tutors)
        return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def hub_user(learner_id: str, row: int | str = "") -> str:
    """The hub (and account) name for a roster id, refused when Linux would refuse it."""
    user = learner_id.strip().lower()
    if not ACCOUNT.match(user):
        where = f"Roster row {row}, column learner_id: " if row else ""
        raise CasekitError(
            f"{where}'{learner_id}' cannot be a login name on the class hub: it must start "
            "with a letter or '_', use only letters, digits, '_' and '-', and be at most 32 "
            "characters.",
            rule="hub-user-name",
            source=SOURCE,
            field="learner_id",
            advice="Give the learner an id such as 'ab123' (a college login works well).",
        )
    return user


def tutor_user(name: str) -> str:
    """A tutor's hub name, checked like a learner's."""
    user = name.strip().lower()
    if not ACCOUNT.match(user):
        raise CasekitError(
            f"The tutor name '{name}' cannot be a login name on the class hub.",
            rule="hub-user-name",
            source=SOURCE,
            field="tutor",
            advice="Use the tutor's college login (letters, digits, '_' and '-').",
        )
    return user


def learners_from_class_list(class_dir: Path) -> tuple[HubLearner, ...]:
    """The learners of a class folder made by ``casekit class-pack``, from its class list."""
    listing = class_dir / "class-list.csv"
    if not listing.is_file():
        raise CasekitError(
            f"{class_dir} holds no class list (class-list.csv).",
            field="class folder",
            advice="Give the folder made by 'casekit class-pack', or a roster and a seed.",
        )
    rows = list(csv.DictReader(io.StringIO(listing.read_text(encoding="utf-8"))))
    learners, seen = [], {}
    for number, row in enumerate(rows, start=2):
        user = hub_user(row["learner_id"], number)
        if user in seen:
            raise CasekitError(
                f"Roster rows {seen[user]} and {number} give the same login name '{user}' "
                "(ids differing only in capitals are one login on the hub).",
                rule="hub-user-name",
                source=SOURCE,
                field="learner_id",
                advice="Give every learner a different id.",
            )
        seen[user] = number
        learners.append(HubLearner(user, row["learner_id"], row["name"], row["pack"]))
    return tuple(learners)


def check_tutors(tutors: list[str], learners: tuple[HubLearner, ...]) -> tuple[str, ...]:
    """Tutors' hub names: at least one, none also a learner."""
    users = tuple(dict.fromkeys(tutor_user(t) for t in tutors))
    if not users:
        raise CasekitError(
            "A class on the hub needs at least one tutor.",
            field="tutor",
            advice="Name the tutor's login with --tutor.",
        )
    clash = sorted(set(users) & {x.user for x in learners})
    if clash:
        raise CasekitError(
            f"'{clash[0]}' is both a tutor and a learner on the roster.",
            field="tutor",
            advice="A tutor needs a login of their own, not a learner's.",
        )
    return users


def read_plan(path: str | Path) -> Plan:
    """The plan written by ``casekit hub`` (the hook and the service read it each time)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise CasekitError(
            f"The class hub's plan {path} cannot be read ({err}).",
            field="plan",
            advice="Run 'casekit hub' again for this class.",
        ) from None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise CasekitError(
            f"{path} is not a casekit class plan of version {VERSION}.",
            field="plan",
            advice="Run 'casekit hub' again for this class.",
        )
    learners = tuple(HubLearner(**x) for x in data.pop("learners"))
    tutors = tuple(data.pop("tutors"))
    return Plan(learners=learners, tutors=tutors, **data)
