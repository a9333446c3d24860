"""Python 2 sources (issue 5): convert a file that parses only as Python 2 into Python 3 first.

The caller tries Python 3 first and calls `upgrade_python2` only for a file its parser rejected. The pass
uses fissix (the maintained fork of lib2to3) for the Python 2 grammar and the fixers, adds a type
analysis for Python 2's integer `/`, normalises mixed tabs as Python 2 read them, and reports each fix
under its own rule id (`RULES`, TFM30xx / TFM31xx) with its line in the input.
"""

from tfmigrate.python2.rules import RULES, Python2Rule, markdown_table
from tfmigrate.python2.upgrade import Python2Upgrade, upgrade_python2

__all__ = ["RULES", "Python2Rule", "Python2Upgrade", "markdown_table", "upgrade_python2"]
