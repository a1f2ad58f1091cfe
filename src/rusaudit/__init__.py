"""rusaudit: audit Swedish regional development strategies for territorial specificity."""

__version__ = "0.1.0"
