"""The one door: every command, form, notebook, the demo and the benchmarks call casekit
through this package (as nbgrader's apps call ``NbGraderAPI``).
"""
