"""One way to read every file a centre can edit, and to say everything wrong with it at once.

Profiles, the criteria catalogue, the categories, the question bank, the satisfaction
rules, the coaching texts, the evidence settings, the portfolio template's settings and
the scenario banks are all read through :func:`read_data`: the TOML is parsed, checked
against the schema beside the file (``criteria.toml`` has ``criteria.schema.toml``), then
against the rules a schema cannot express (a criterion named must exist, a wording may
only use the placeholders its code fills in). Every problem is reported together, each
with the file and its dotted field, in words an administrator can act on;
``casekit check-data`` lists them before a class starts.
"""

from casekit.inputs.problems import Problem
from casekit.rules.datafiles.context import Context
from casekit.rules.datafiles.kinds import DATA_DIR, KINDS, DataKind, kind_named
from casekit.rules.datafiles.reader import (
    check_file,
    data_error,
    kind_of,
    packaged_files,
    read_data,
    read_toml,
    validate,
)

__all__ = [
    "DATA_DIR",
    "KINDS",
    "Context",
    "DataKind",
    "Problem",
    "check_file",
    "data_error",
    "kind_named",
    "kind_of",
    "packaged_files",
    "read_data",
    "read_toml",
    "validate",
]
