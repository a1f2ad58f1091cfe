"""Progress on long work: a rich bar on stderr, only when a person is watching.

The bar appears only when stderr is a terminal, `--quiet` is not given and no CI
variable is set (`CI`, as GitHub Actions, GitLab and most others set it); otherwise
every call here is a no-op, so piped and CI output stays clean. Units are pages for
`scan` and documents for `compare` and `check`, with a rate and an ETA.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

UNITS = {
    "sv": {"pages": "sidor", "documents": "dokument", "reading": "Läser", "analysing": "Analyserar"},
    "en": {"pages": "pages", "documents": "documents", "reading": "Reading", "analysing": "Analysing"},
}


def enabled(console: Console, quiet: bool = False) -> bool:
    """Whether a progress bar may be drawn on this console."""
    return not quiet and console.is_terminal and not os.environ.get("CI")


class CountColumn(MofNCompleteColumn):
    """`12/300`, and nothing while the total is unknown (no `0/?`)."""

    def render(self, task: Task) -> Text:
        return super().render(task) if task.total is not None else Text("")


class EtaColumn(TimeRemainingColumn):
    """`ETA 0:00:12` while there is a total to reach; nothing while there is none."""

    def render(self, task: Task) -> Text:
        return Text("ETA ") + super().render(task) if task.total is not None else Text("")


class RateColumn(ProgressColumn):
    """`12.3 sidor/s` from rich's own speed estimate."""

    def __init__(self, unit: str):
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed:.1f} {self.unit}/s", style="progress.data.speed")


class Bar:
    """One progress bar of `unit` (pages or documents); all methods are safe when disabled."""

    def __init__(self, unit: str, lang: str = "sv", quiet: bool = False, console: Console | None = None):
        self.console = console or Console(stderr=True)
        self.words = UNITS.get(lang, UNITS["sv"])
        self.active = enabled(self.console, quiet)
        self.progress = Progress(
            TextColumn("{task.description}", markup=False),
            BarColumn(),
            CountColumn(),
            RateColumn(self.words[unit]),
            TimeElapsedColumn(),
            EtaColumn(),
            console=self.console,
            transient=True,
            disable=not self.active,
        )
        self.task = None

    def __enter__(self) -> Bar:
        self.progress.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self.progress.__exit__(*exc)

    def start(self, description: str, total: int | None, keep: bool = False) -> None:
        """A fresh task; the earlier ones are removed unless `keep` (then it goes below them)."""
        if not keep:
            for task in list(self.progress.task_ids):
                self.progress.remove_task(task)
        self.task = self.progress.add_task(description, total=total)

    def update(self, done: int, total: int | None = None) -> None:
        if self.task is not None:
            self.progress.update(self.task, completed=done, total=total)

    def advance(self, description: str | None = None) -> None:
        if self.task is not None:
            kw = {"description": description} if description else {}
            self.progress.update(self.task, advance=1, **kw)

    def pages(self, path: str) -> Callable[[int, int], None]:
        """A `progress(done_pages, total_pages)` callback for one document's extraction."""
        name = os.path.basename(path)
        self.start(f"{self.words['reading']} {name}", None)

        def progress(done: int, total: int) -> None:
            self.update(done, total)
            if total and done >= total and self.task is not None:  # the pages are read; analysis follows
                # the finished reading line stays (pages, rate); below it the analysis counts pages
                self.start(f"{self.words['analysing']} {name}", None, keep=True)

        return progress

    def analysing(self, done: int, total: int) -> None:
        """A `progress(done_pages, total_pages)` callback for the analysis after `pages()`."""
        self.update(done, total)

    def note(self, message: str) -> None:
        """A line above the bar (or plainly on stderr when there is no bar)."""
        self.console.print(Text(message), highlight=False, soft_wrap=True)
