"""Hostile input: every command's arguments fuzzed, and the regressions the fuzz found."""
