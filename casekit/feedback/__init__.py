"""What the kit tells a learner about their work, derived from the log: the deadline
monitoring view, coverage of the criteria, coaching on traps and common mistakes, and the
knowledge check.
"""
