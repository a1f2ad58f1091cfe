"""Where spaCy runs: token rows of block texts, in this process or in a forked helper.

Importing spaCy takes about as long as reading a 150-page PDF, and a short scan does little
else. So `scan` forks a helper as it starts: the helper imports spaCy while the main
process reads the PDF, loads the gazetteer and compiles the rules; then it tokenizes the
document's blocks, chunk by chunk, while the main process already matches the chunks
returned. Both processes run the same `_arrays` on the same texts, so the findings are the
same with and without the helper. Off Linux, on a single core, or when the helper fails in
any way, tokens come from this process as before.

A text's tokens travel as one flat int array: offset, length, is-space, is-punctuation per token.
"""

from __future__ import annotations

import os
import signal
import sys
from array import array
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache

_ATTRS = ["IDX", "LENGTH", "IS_SPACE", "IS_PUNCT"]
CHUNK = 128  # blocks per reply: the main process matches one chunk while the next is tokenized
Row = tuple[str, int, bool, bool]  # token text, offset, is-space, is-punctuation


def _arrays(texts: Iterable[str]) -> Iterator[array]:
    """Token arrays of texts, from spaCy's Swedish tokenizer."""
    from .pipeline import tokenizer

    for doc in tokenizer().pipe(texts, batch_size=256):
        yield array("i", doc.to_array(_ATTRS).astype("int32").tobytes()) if len(doc) else array("i")


def rows(text: str, flat: array) -> list[Row]:
    """Token rows of one text from its flat array."""
    it = iter(flat)
    return [(text[i : i + n], i, bool(sp), bool(pu)) for i, n, sp, pu in zip(it, it, it, it, strict=True)]


@lru_cache(maxsize=1)
def _local_punct() -> frozenset[str]:
    from spacy.pipeline.sentencizer import Sentencizer

    return frozenset(Sentencizer.default_punct_chars)


class Local:
    """Tokens from spaCy in this process."""

    def punct(self) -> frozenset[str]:
        """The characters that end a sentence (spaCy's sentencizer's)."""
        return _local_punct()

    def arrays(self, texts: list[str]) -> Iterator[array]:
        return _arrays(texts)


def _serve(conn) -> None:
    """The helper: import spaCy, say which characters end a sentence, then tokenize on request."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)  # whatever happens here, the user's terminal sees nothing of it
    from .pipeline import tokenizer

    tokenizer()  # built before saying ready: the first request should not wait for it
    conn.send(sorted(_local_punct()))
    while True:
        try:
            texts = conn.recv()
        except EOFError:
            return
        if texts is None:
            return
        chunk: list[bytes] = []
        for flat in _arrays(texts):
            chunk.append(flat.tobytes())
            if len(chunk) == CHUNK:
                conn.send(chunk)
                chunk = []
        conn.send(chunk)  # the last reply may be empty: the main process counts replies


class Forked:
    """Tokens from a helper process forked at start-up; falls back to `Local` on any failure."""

    def __init__(self) -> None:
        import multiprocessing

        ctx = multiprocessing.get_context("fork")
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(target=_serve, args=(child,), daemon=True, name="rusaudit-tokens")
        self._proc.start()
        child.close()
        self._punct: frozenset[str] | None = None
        self._local = Local()
        self.broken = False

    def _fail(self) -> None:
        self.broken = True
        self.close()

    def punct(self) -> frozenset[str]:
        if self._punct is None and not self.broken:
            try:
                self._punct = frozenset(self._conn.recv())
            except (EOFError, OSError):
                self._fail()
        return self._punct if self._punct is not None else self._local.punct()

    def arrays(self, texts: list[str]) -> Iterator[array]:
        self.punct()  # the helper's first reply, once
        if self.broken or not texts:
            yield from self._local.arrays(texts)
            return
        done = 0
        try:
            self._conn.send(texts)
            while done < len(texts):
                for blob in self._conn.recv():
                    yield array("i", blob)
                    done += 1
            if len(texts) % CHUNK == 0:
                self._conn.recv()  # the empty last reply
        except (EOFError, OSError):
            self._fail()
            yield from self._local.arrays(texts[done:])
        except GeneratorExit:  # the reader stopped early: the replies left would garble the next request
            self._fail()
            raise

    def close(self) -> None:
        """Stop the helper at once: it holds nothing that needs a clean exit."""
        self._conn.close()
        if self._proc.is_alive():
            self._proc.kill()
        self._proc.join()


_current: Local | Forked = Local()


def current() -> Local | Forked:
    """The token source in use."""
    return _current


def helper_wanted() -> bool:
    """A helper pays off when a second core is free and nobody switched it off. Only on Linux:
    macOS has fork too, but forking after system frameworks are loaded can crash there."""
    import multiprocessing

    return (
        sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        and len(os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else range(os.cpu_count() or 1)) > 1
        and os.environ.get("RUSAUDIT_TOKEN_HELPER", "1") != "0"
    )


_early: Forked | None = None


def start_early() -> None:
    """Start the helper before the command line is parsed (typer takes 0.1 s to build the
    parser); the next `forked()` block adopts it, and one that never comes leaves it to exit."""
    global _early
    if _early is None and helper_wanted():
        _early = Forked()


@contextmanager
def forked():
    """Tokens from a forked helper while the block runs (or from this process if not wanted)."""
    global _current, _early
    source, _early = _early, None
    if source is None:
        if not helper_wanted():
            yield
            return
        source = Forked()
    _current = source
    try:
        yield
    finally:
        _current = Local()
        source.close()
