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
    return YamlError(problem, "not valid YAML: " + _describe(exc, text))


def _line_count(text: str) -> int:
    """How many lines YAML sees in ``text`` (a final line break opens no new line)."""
    breaks = sum(text.count(c) for c in "\n\r\x85\u2028\u2029") - text.count("\r\n")
    ends_with_break = text.endswith(("\n", "\r", "\x85", "\u2028", "\u2029"))
    return max(1, breaks + 1 - ends_with_break)


def _problem_line(exc: yaml.YAMLError) -> int | None:
    problem = getattr(exc, "problem_mark", None)
    context = getattr(exc, "context_mark", None)
    # An unclosed quote or bracket is only noticed at the end of the file, a key
    # without its ':' on a later line; the line worth naming is where it began.
    began = ("end of stream" in str(getattr(exc, "problem", ""))) or (
        "simple key" in str(getattr(exc, "context", ""))
    )
    if context is not None and began:
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


def _describe(exc: yaml.YAMLError, text: str) -> str:
    """What is wrong, in scopewiz's words: PyYAML's own ("while scanning a simple key,
    could not find expected ':'") differ between its C and Python parsers and say
    little to someone editing a file. A problem not listed keeps PyYAML's wording."""
    problem = str(getattr(exc, "problem", None) or exc)
    found = f"{getattr(exc, 'context', None) or ''} {problem}".lower()
    if "flow sequence" in found or "flow mapping" in found:
        opening, closing = ("[", "]") if "sequence" in found else ("{", "}")
        context = getattr(exc, "context_mark", None)
        where = f" on line {context.line + 1}" if context is not None else ""
        return (
            f"the '{opening}' that opens{where} is not closed with '{closing}' "
            "before this point, or a ',' is missing between its items"
        )
    if "end of stream" in found:
        if "quoted" in found:
            return "a quote that opens on this line is never closed"
        return "the file ends in the middle of a value"
    if "cannot start any token" in found:
        char = _char_at(text, getattr(exc, "problem_mark", None))
        if char == "\t":
            return _TAB
        what = f"'{char}'" if char and char.isprintable() else "this character"
        return f"a value cannot start with {what}; put the text in quotes"
    for keys, words in _PROBLEMS:
        if any(key in found for key in keys):
            return words
    return problem


_TAB = "a tab is used to indent this line; YAML indents with spaces only"

#: PyYAML's problems (words of either parser's message), and what scopewiz says instead.
_PROBLEMS: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        ("incompatible yaml document",),
        "the %YAML line asks for a YAML version scopewiz cannot read; remove the line",
    ),
    (
        ("document",),
        "a second YAML document starts here ('---' or '...'); a scopewiz file is one document",
    ),
    (("tab character",), _TAB),
    (
        ("duplicate anchor",),
        "the anchor (&name) here is given twice; scopewiz files use no anchors: remove both",
    ),
    (
        ("scanning an anchor", "scanning an alias"),
        (
            "'&' and '*' start YAML anchors and aliases, which scopewiz files do not use; "
            "put text that starts with them in quotes"
        ),
    ),
    (
        ("escape", "hexdecimal", "hexadecimal"),
        (
            "a '\\' in double quotes starts an escape YAML does not know: write '\\\\' for a "
            "backslash, or put the text in single quotes"
        ),
    ),
    (
        ("node content",),
        (
            "a value is missing here, or it starts with a character YAML reserves "
            "(',', ']', '}', '|', '>'); put the text in quotes"
        ),
    ),
    (
        ("mapping values are not allowed",),
        (
            "a ': ' here cannot start a key: check the indentation of this line, "
            "or put a text that holds ': ' in quotes"
        ),
    ),
    (
        ("sequence entries are not allowed",),
        (
            "a '- ' item cannot start here: write the list on the lines below its key, "
            "indented, or put the text in quotes"
        ),
    ),
    (
        ("mapping keys are not allowed",),
        "a '? ' key cannot start here; put text that starts with '?' in quotes",
    ),
    (
        ("simple key",),
        (
            "this line holds text but no ': ' after a key, and is not part of the value "
            "above: check its indentation, or join it to the text it belongs to"
        ),
    ),
    (
        ("block mapping", "block collection", "block end"),
        (
            "this line does not fit the lines above it: check its indentation (the keys of "
            "one mapping start in the same column) and that no text follows a closing quote"
        ),
    ),
    (
        ("block scalar",),
        (
            "a '|' or '>' block is not written right: after '|' or '>' (and '-' or '+') "
            "the line ends, and the text follows on the lines below, indented"
        ),
    ),
    (
        ("directive",),
        (
            "a line that starts with '%' is a YAML directive, which scopewiz files do not "
            "use; put text that starts with '%' in quotes"
        ),
    ),
    (
        ("tag",),
        (
            "this tag ('!' and a name) cannot be read; scopewiz files use no tags: remove it, "
            "or put text that starts with '!' in quotes"
        ),
    ),
    (
        ("line break",),
        (
            "something follows the value on this line where only a comment (#) may; "
            "put the whole text in quotes"
        ),
    ),
)


def _char_at(text: str, mark: Any) -> str:
    """The character at a problem mark (line and column), or "" where there is none."""
    if mark is None:
        return ""
    lines = text.split("\n")
    if not 0 <= mark.line < len(lines):
        return ""
    line = lines[mark.line]
    return line[mark.column] if 0 <= mark.column < len(line) else ""


_MAX_DEPTH = 50


def _build(loader: Any, node: yaml.Node, depth: int) -> Any:
    line = node.start_mark.line + 1
    if depth > _MAX_DEPTH:
        raise YamlError(line, f"nested more than {_MAX_DEPTH} levels deep")
    if node.tag not in _TAGS:
        raise YamlError(line, f"the tag {node.tag} is not allowed")
    if isinstance(node, yaml.MappingNode):
        result = LDict()
        result.line = line
        result.key_lines = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if key_node.tag == _MERGE_TAG:
                raise YamlError(key_line, MERGE_KEYS)
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlError(key_line, "a key must be plain text")
            key = _build(loader, key_node, depth + 1)
            if not isinstance(key, str):
                # YAML 1.1 reads "on", "no" and "null" as true, false and null: a key is
                # a name (an id, a field), so it is the text written, in every file.
                key = str(key_node.value)
            if key in result:
                raise YamlError(key_line, f"the key '{key}' appears twice")
            result.key_lines[key] = key_line
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


_CORE = "tag:yaml.org,2002:"
_MERGE_TAG = _CORE + "merge"
#: The tags of YAML's core types, which is all a scopewiz file holds. PyYAML's others
#: build values scopewiz has no use for (bytes, sets) or nothing at all; the merge
#: key and ``=`` (the "value" tag) are dealt with where they stand.
_TAGS = frozenset(
    _CORE + name
    for name in ("null", "bool", "int", "float", "str", "timestamp", "map", "seq", "merge", "value")
)
#: What each core tag says its value is, for a value that is not one.
_KINDS = {
    "null": "empty (null)",
    "bool": "true or false",
    "int": "a whole number",
    "float": "a number",
    "timestamp": "a date",
    "map": "a mapping",
    "seq": "a list",
    "str": "text",
}

MERGE_KEYS = "merge keys (<<) are not supported; write the keys out in full"

#: A whole number written with more characters than this is not read as a number;
#: nor is one of this size or more. No count in a scopewiz file comes near either,
#: and Python will not turn so large a number into digits or into a float (the
#: digits of a longer one would take quadratic time to read in base 60).
_MAX_NUMBER_CHARS = 1000
_MAX_NUMBER = 10**300


def _scalar(loader: Any, node: yaml.Node) -> Any:
    line = node.start_mark.line + 1
    if node.tag == _CORE + "value":
        return str(node.value)  # a lone '=': YAML 1.1 gives it a tag of its own
    if node.tag == _MERGE_TAG and node.value == "<<" and not getattr(node, "style", None):
        return "<<"  # so does a plain '<<', which only merges as a key (refused in _build)
    if node.tag == _CORE + "int" and len(node.value) > _MAX_NUMBER_CHARS:
        return _as_text(node)
    try:
        value = loader.construct_object(node, deep=True)
    except ValueError as exc:
        if node.tag == _CORE + "timestamp":
            # An impossible date (2027-02-30): Python's words for it ("day is out of
            # range for month") are plain enough, and are what the documentation quotes.
            raise YamlError(line, f"not a valid value: {exc}") from None
        raise YamlError(line, _not_a(node)) from None
    except (yaml.YAMLError, LookupError, TypeError, AttributeError, OverflowError):
        # A value its explicit tag does not fit (!!bool maybe, !!map on a text):
        # PyYAML's constructors fail in all these ways, in words meant for programmers.
        # Without a tag only a date can fail, and only as above.
        raise YamlError(line, _not_a(node)) from None
    if type(value) is int and abs(value) >= _MAX_NUMBER:
        return _as_text(node)
    number = {int: LInt, float: LFloat}.get(type(value))
    if number is not None:  # keep the digits as written, for an answer that is text
        value = number(value)
        value.source = node.value
    return value


def _as_text(node: yaml.Node) -> str:
    """A number too large to read as one, as the text it is written as."""
    return str(node.value)


def _not_a(node: yaml.Node) -> str:
    """Why a value cannot be read as its tag says: ``'maybe' is not true or false``."""
    kind = _KINDS.get(node.tag.removeprefix(_CORE), "what its tag says")
    value = node.value if isinstance(node.value, str) else ""
    shown = value if len(value) <= 40 else value[:39] + "…"
    return f"'{shown}' is not {kind}, as its tag ({node.tag.replace(_CORE, '!!')}) says"


# Aliases are refused by scanning the events first: a single cheap pass that
# builds no objects, so an alias bomb never gets expanded. A merge key (``<<: *a``)
# is named as such, which is what its writer needs to hear, before its alias.
def _check_no_aliases(text: str) -> None:
    if "*" not in text:
        return
    # For each mapping or list open at this point: whether it is a mapping, and how
    # many nodes it holds so far (in a mapping, an even count means a key is next).
    open_nodes: list[list[int]] = []
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            if isinstance(event, (yaml.CollectionEndEvent)):
                open_nodes.pop()
                continue
            if not isinstance(event, yaml.NodeEvent):
                continue
            is_key = bool(open_nodes) and bool(open_nodes[-1][0]) and open_nodes[-1][1] % 2 == 0
            if open_nodes:
                open_nodes[-1][1] += 1
            mark = event.start_mark
            line = mark.line + 1 if mark is not None else None
            if is_key and isinstance(event, yaml.ScalarEvent) and _merges(event):
                raise YamlError(line, MERGE_KEYS)
            if isinstance(event, yaml.AliasEvent):
                raise YamlError(line, "aliases (*name) are not allowed in scopewiz files")
            if isinstance(event, yaml.CollectionStartEvent):
                open_nodes.append([isinstance(event, yaml.MappingStartEvent), 0])
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, text) from None


def _merges(event: yaml.ScalarEvent) -> bool:
    """Whether a key is YAML's merge key: ``<<`` unquoted and untagged, or tagged !!merge."""
    if event.tag == _MERGE_TAG:
        return True
    return event.value == "<<" and event.tag is None and bool(event.implicit[0])


def load_safe(text: str) -> Any:
    """Parse YAML with line information, refusing aliases, merge keys and tags beyond the core ones."""
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


#: The widest line the emitter may write (libyaml takes a C int): no plain or
#: quoted scalar is ever folded onto a continuation line.
_NO_FOLD = 2**31 - 1


def dump(data: Any) -> str:
    """YAML a person can read: keys in order, long text as ``|`` blocks, Unicode kept.

    A one-line answer stays on one line however long it is: folded at a width,
    its continuation line reads in an editor like a second line of the answer.
    """
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=_NO_FOLD,
    )
