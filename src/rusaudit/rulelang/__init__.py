"""The rule language: how rule files are read, checked and matched.

- `yamlload`: safe YAML loading (size, depth and node limits; line numbers kept).
- `regex_guard`: refuses user regexes that could backtrack catastrophically or unroll huge counts.
- `validate`: schema and meaning checks, one line `FILE:LINE: ID: message` per problem.
- `model`: the rules as plain dataclasses; `loading`: files to a RuleBook.
- `matching`: every rule compiled once and run on one sentence at a time.
"""

from .loading import default_rule_files, default_rules_dir, load_rulebook, parse_dimension, read_rule_file
from .matching import RuleMatcher
from .model import Dimension, Indicator, Near, Pattern, Rule, RuleBook, RuleMatch

__all__ = [
    "Dimension",
    "Indicator",
    "Near",
    "Pattern",
    "Rule",
    "RuleBook",
    "RuleMatch",
    "RuleMatcher",
    "default_rule_files",
    "default_rules_dir",
    "load_rulebook",
    "parse_dimension",
    "read_rule_file",
]
