"""The protocol as data: profiles, UK working-day calendars, case and statutory clocks,
the criteria catalogue, the domain's vocabulary, and the one reader for every file a
centre can edit. Code reads every rule from here; no number is buried in an ``if``.
"""
