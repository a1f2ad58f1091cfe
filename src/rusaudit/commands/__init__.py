"""Sub-commands beyond `scan`, each in its own module with `register(app)`.

Modules here must import only typer at import time (heavy libraries inside the
command functions), so that `rusaudit --version` stays fast.
"""

# Module names (in this package) whose `register(app)` the CLI calls, in help order.
COMMANDS: list[str] = ["check", "compare", "extract", "rules", "eval", "init", "schema"]

OCR_HELP = "Read PDF pages without a text layer (scans) by OCR: needs tesseract-ocr and tesseract-ocr-swe."


def ocr_mode(flag: bool, configured: str = "never") -> str:
    """The OCR mode: --ocr reads pages without a text layer; else the configuration's."""
    return "auto" if flag and configured == "never" else configured
