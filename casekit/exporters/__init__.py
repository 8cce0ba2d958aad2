"""Adapters that let other tools reach casekit: an nbconvert exporter for the evidence
pack (registered under the ``nbconvert.exporters`` entry point as ``casekit_pack``).
Like the command line and the forms, they reach casekit only through :mod:`casekit.api`."""
