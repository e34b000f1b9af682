"""debate: map a contested question as a tree of claims.

The package root stays import-light on purpose: the command line imports it on every run, so
nothing here may pull in pydantic, rich or Textual.
"""

__version__ = "0.1.0"
