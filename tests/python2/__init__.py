"""Tests of the Python 2 → 3 pass (issue 5)."""
