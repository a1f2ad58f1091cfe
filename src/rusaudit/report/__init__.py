"""Reports: the Report dataclass tree (the JSON contract) and its renderers."""
