"""Safe YAML loading for rule and places files.

YAML is composed with PyYAML's safe loader (no object construction) into nodes that
keep their line numbers, under a size, depth and node-count limit, so that every
problem can be reported as one line `FILE:LINE: ID: message`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import RuleError

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 16  # a rule file needs 7 levels (file, rules, rule, patterns, pattern, exclude, word)
MAX_NODES = 200_000  # counted with aliases expanded: a "billion laughs" file stops here


class YamlError(RuleError):
    """A file that cannot be loaded at all; `line` is where the problem is."""

    def __init__(self, message: str, path: str | None, line: int = 1):
        super().__init__(f"line {line}: {message}", path)
        self.bare = message
        self.lineno = line


@dataclass
class Loaded:
    """A YAML document as plain data, with the line of every node and key."""

    source: str
    text: str
    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)
    keys: dict[tuple, int] = field(default_factory=dict)
    duplicates: list[tuple[tuple, int]] = field(default_factory=list)

    def line(self, path: Iterable) -> int:
        path = tuple(path)
        while path:
            if path in self.keys:
                return self.keys[path]
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


_PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


class _Builder:
    def __init__(self, loader: yaml.SafeLoader, out: Loaded):
        self.loader = loader
        self.out = out
        self.count = 0

    def build(self, node: yaml.Node, path: tuple, depth: int) -> Any:
        line = node.start_mark.line + 1
        self.count += 1
        if self.count > MAX_NODES:
            raise YamlError(f"more than {MAX_NODES} YAML nodes (aliases expanding?): refused", self.out.source, line)
        if depth > MAX_DEPTH:
            raise YamlError(f"nested deeper than {MAX_DEPTH} levels: refused", self.out.source, line)
        self.out.lines.setdefault(path, line)
        if not isinstance(node, yaml.ScalarNode) and node.tag not in _PLAIN_TAGS:  # no !!python/... objects
            raise YamlError(f"invalid YAML (unsupported tag {node.tag})", self.out.source, line)
        if isinstance(node, yaml.MappingNode):
            self.loader.flatten_mapping(node)  # merge keys (<<: *anchor)
            result: dict = {}
            for key_node, value_node in node.value:
                key = self.loader.construct_object(key_node, deep=True)
                try:
                    hash(key)
                except TypeError:
                    line = key_node.start_mark.line + 1
                    raise YamlError("a key must be a plain value", self.out.source, line) from None
                sub = (*path, key)
                if key in result:
                    self.out.duplicates.append((sub, key_node.start_mark.line + 1))
                self.out.keys.setdefault(sub, key_node.start_mark.line + 1)
                result[key] = self.build(value_node, sub, depth + 1)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        return self.loader.construct_object(node, deep=True)


def load_yaml(text: str, source: str) -> Loaded:
    """Safe-load one YAML document with line numbers; YamlError past the limits."""
    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        raise YamlError(f"file larger than {MAX_FILE_BYTES} bytes ({size}): refused", source)
    out = Loaded(source, text, None)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)  # the C parser when built with libyaml
    try:
        node = loader.get_single_node()
        if node is not None:
            out.data = _Builder(loader, out).build(node, (), 1)
    except RecursionError:
        raise YamlError(f"nested deeper than {MAX_DEPTH} levels: refused", source) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlError(f"invalid YAML ({exc.problem or exc.context})", source, line) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"invalid YAML ({exc})", source) from None
    finally:
        loader.dispose()
    return out


def read_yaml_file(path: str | Path) -> Loaded:
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:  # refuse before reading it into memory
            raise YamlError(f"file larger than {MAX_FILE_BYTES} bytes ({size}): refused", str(path))
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise YamlError("not UTF-8 text", str(path)) from None
    except OSError as exc:
        raise RuleError(f"cannot read ({exc.strerror or exc})", str(path)) from None
    return load_yaml(text, str(path))
