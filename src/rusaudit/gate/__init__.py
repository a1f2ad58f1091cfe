"""The CI gate: configuration, gate evaluation, baselines, diffs and CI renderers.

`config` reads `rusaudit.toml` / `[tool.rusaudit]`; `evaluate` turns a report and a
configuration into gate checks; `baseline` records and compares page-independent
states; `diff` compares two reports; `text`, `sarif`, `junit` and `github` render a run.
"""
