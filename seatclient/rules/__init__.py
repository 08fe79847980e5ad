"""Rules a hall may change, kept as JSON data: loading with line numbers, layering and errors.

A rule file is found in three layers, the later winning: the files shipped in ``resources/rules/``,
a hall's override folder (``rules_dir`` in the configuration) and the backend's config bundle.
"""

from seatclient.rules.jsonpos import LocatedJson, parse_located_json
from seatclient.rules.rulebook import RuleBook, RuleError, RuleFile, load_rule_file

__all__ = [
    "LocatedJson",
    "RuleBook",
    "RuleError",
    "RuleFile",
    "load_rule_file",
    "parse_located_json",
]
