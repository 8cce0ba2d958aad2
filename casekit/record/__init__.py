"""The record: the append-only, hash-chained event log, the workspace around it, the
catalogue of event kinds, and the state folded from the log (cases, clocks, audit lines).

Everything a learner, tutor or assessor sees is derived from this record.
"""
