"""The evidence pack: export, manifest, verification, assessor records and exchange formats.

Evidence is rendered from the event log, never from notebook files, so an assessor sees
exactly what was recorded and can check that nothing changed since export.
"""
