"""Safe YAML in and out: line numbers for errors, block style for long answers.

Only PyYAML's safe loader is used, so no YAML tag can run code. Aliases are
refused outright: scopewiz never writes them, and refusing them is the simplest
defence against "billion laughs" alias bombs.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

from .located import MAX_YAML_BYTES, LDict, LFloat, LInt, LList, YamlError, line_of

__all__ = [
    "MAX_YAML_BYTES",
    "LDict",
    "LList",
    "YamlError",
    "dump",
    "line_of",
    "load_safe",
]

try:  # libyaml is several times faster; fall back to pure Python where absent.
    from yaml import CSafeDumper as _BaseDumper
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


def _yaml_error(exc: yaml.YAMLError, text: str) -> YamlError:
    """PyYAML's error as a :class:`YamlError` naming the line of the problem."""
    if isinstance(exc, yaml.reader.ReaderError):
        # A character YAML does not allow (a pasted form feed): no mark, a position.
        line = text.count("\n", 0, exc.position) + 1
        char = exc.character
        code = char if isinstance(char, int) else ord(char[:1] or "\0")
        return YamlError(line, f"not valid YAML: the character U+{code:04X} is not allowed")
    problem = _problem_line(exc)
    if problem is not None:
        # A file cut short is reported one line past its end: name its last line.
        problem = min(problem, _line_count(text))
    return YamlError(problem, _describe(exc))


def _line_count(text: str) -> int:
    """How many lines YAML sees in ``text`` (a final line break opens no new line)."""
    breaks = sum(text.count(c) for c in "\n\r\x85\u2028\u2029") - text.count("\r\n")
    ends_with_break = text.endswith(("\n", "\r", "\x85", "\u2028", "\u2029"))
    return max(1, breaks + 1 - ends_with_break)


def _problem_line(exc: yaml.YAMLError) -> int | None:
    problem = getattr(exc, "problem_mark", None)
    context = getattr(exc, "context_mark", None)
    # An unclosed quote or bracket is only noticed at the end of the file; the
    # line worth naming is the one where it was opened.
    if context is not None and "end of stream" in str(getattr(exc, "problem", "")):
        return int(context.line) + 1
    mark = problem or context
    return int(mark.line) + 1 if mark is not None else None


def _load_located(text: str) -> Any:
    """Parse one YAML document into plain values with line information.

    Mappings become :class:`LDict`, sequences :class:`LList`; scalars are the
    usual safe types (str, int, float, bool, None, date).
    """
    if len(text) > MAX_YAML_BYTES:
        raise YamlError(None, f"the file is larger than {MAX_YAML_BYTES // (1024 * 1024)} MB")
    loader = _BaseLoader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError as exc:
            raise _yaml_error(exc, text) from None
        if node is None:
            return None
        return _build(loader, node, depth=0)
    finally:
        loader.dispose()


def _describe(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None)
    if problem:
        context = getattr(exc, "context", None)
        return f"not valid YAML: {context + ', ' if context else ''}{problem}"
    return f"not valid YAML: {exc}"


_MAX_DEPTH = 50


def _build(loader: Any, node: yaml.Node, depth: int) -> Any:
    line = node.start_mark.line + 1
    if depth > _MAX_DEPTH:
        raise YamlError(line, f"nested more than {_MAX_DEPTH} levels deep")
    if node.tag.startswith("tag:yaml.org,2002:python/") or node.tag.startswith("!"):
        raise YamlError(line, f"the tag {node.tag} is not allowed")
    if isinstance(node, yaml.MappingNode):
        result = LDict()
        result.line = line
        result.key_lines = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlError(key_node.start_mark.line + 1, "a key must be plain text")
            key = _scalar(loader, key_node)
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlError(key_node.start_mark.line + 1, "merge keys (<<) are not allowed")
            if not isinstance(key, str):
                key = str(key)
            if key in result:
                raise YamlError(key_node.start_mark.line + 1, f"the key '{key}' appears twice")
            result.key_lines[key] = key_node.start_mark.line + 1
            result[key] = _build(loader, value_node, depth + 1)
        return result
    if isinstance(node, yaml.SequenceNode):
        seq = LList()
        seq.line = line
        seq.item_lines = []
        for item in node.value:
            seq.item_lines.append(item.start_mark.line + 1)
            seq.append(_build(loader, item, depth + 1))
        return seq
    return _scalar(loader, node)


def _scalar(loader: Any, node: yaml.Node) -> Any:
    try:
        value = loader.construct_object(node, deep=True)
    except yaml.YAMLError as exc:
        raise YamlError(node.start_mark.line + 1, _describe(exc)) from None
    except ValueError as exc:  # e.g. an impossible date such as 2027-02-30
        raise YamlError(node.start_mark.line + 1, f"not a valid value: {exc}") from None
    number = {int: LInt, float: LFloat}.get(type(value))
    if number is not None:  # keep the digits as written, for an answer that is text
        value = number(value)
        value.source = node.value
    return value


# Aliases are refused by scanning the events first: a single cheap pass that
# builds no objects, so an alias bomb never gets expanded.
def _check_no_aliases(text: str) -> None:
    if "*" not in text:
        return
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            if isinstance(event, yaml.AliasEvent):
                mark = event.start_mark
                raise YamlError(
                    mark.line + 1 if mark is not None else None,
                    "aliases (*name) are not allowed in scopewiz files",
                )
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, text) from None


def load_safe(text: str) -> Any:
    """Parse YAML with line information, refusing aliases and Python tags."""
    _check_no_aliases(text)
    return _load_located(text)


class _Dumper(_BaseDumper):
    pass


def _represent_str(dumper: Any, data: str) -> Any:
    if "\n" in data:
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", data)


def _represent_date(dumper: Any, data: dt.date) -> Any:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", data.isoformat())


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(dt.date, _represent_date)
_Dumper.add_representer(LDict, _Dumper.represent_dict)
_Dumper.add_representer(LList, _Dumper.represent_list)
_Dumper.add_representer(
    LInt, lambda dumper, data: dumper.represent_scalar("tag:yaml.org,2002:int", data.source)
)
_Dumper.add_representer(
    LFloat, lambda dumper, data: dumper.represent_scalar("tag:yaml.org,2002:float", data.source)
)


def dump(data: Any) -> str:
    """YAML a person can read: keys in order, long text as ``|`` blocks, Unicode kept."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=88,
    )
