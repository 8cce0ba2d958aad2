"""casekit's tests: the folders mirror ``casekit/``."""
