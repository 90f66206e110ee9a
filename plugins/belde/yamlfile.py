"""YAML as Belde reads it: safe loading, and dates left as text.

PyYAML's own timestamp resolver turns 2024-04-22 into a date but raises a bare
ValueError on 2024-02-30; leaving dates as strings lets belde.period word the error.

Hostile YAML is refused with RefusedYAML and a plain reason instead of being loaded:
a document may use at most MAX_ALIASES aliases (`*name`), nest at most MAX_DEPTH
levels, and stand for at most MAX_VALUES values with every alias written out, so an
alias bomb ("billion laughs") stops while it is read, before anything walks the
expanded structure. An explicit tag other than YAML's plain types (`!!python/object`,
`!custom`) is refused by name instead of PyYAML's "could not determine a constructor".
"""

import re

import yaml

MAX_ALIASES = 100  # far more than any front matter or registry file needs
MAX_VALUES = 100_000  # scalars, lists and mappings, an alias counting as a full copy
MAX_DEPTH = 50  # lists and mappings inside each other


class RefusedYAML(yaml.MarkedYAMLError):
    """Well-formed YAML that Belde will not load; .problem says why and what to write instead."""

    def __init__(self, problem: str, mark):
        super().__init__(problem=problem, problem_mark=mark)


class TextDateLoader(yaml.SafeLoader):
    """SafeLoader without the implicit timestamp type, with caps on aliases, size and depth."""

    def __init__(self, stream):
        super().__init__(stream)
        self._aliases = 0
        self._depth = 0
        self._weights = {}  # id(node) -> how many values it stands for, aliases expanded

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise RefusedYAML(f"more than {MAX_ALIASES} aliases ('*name'); write the values out", self.peek_event().start_mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise RefusedYAML(f"lists and mappings nested more than {MAX_DEPTH} deep", self.peek_event().start_mark)
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        if id(node) not in self._weights:  # an alias returns its anchor's node, already weighed
            self._weights[id(node)] = weight = self._weight(node)
            if weight > MAX_VALUES:
                raise RefusedYAML(
                    f"anchors and aliases expand to more than {MAX_VALUES} values; write the values out",
                    node.start_mark,
                )
        return node

    def _weight(self, node) -> int:
        weights = self._weights
        if isinstance(node, yaml.SequenceNode):
            return 1 + sum(weights.get(id(child), 1) for child in node.value)
        if isinstance(node, yaml.MappingNode):
            return 1 + sum(weights.get(id(key), 1) + weights.get(id(value), 1) for key, value in node.value)
        return 1

    def construct_undefined(self, node):
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise RefusedYAML(f"the tag '{tag}' is not allowed; write plain text, lists and 'key: value' lines", node.start_mark)


TextDateLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
TextDateLoader.add_constructor(None, TextDateLoader.construct_undefined)


if hasattr(yaml, "CSafeLoader"):

    class FastTextDateLoader(yaml.CSafeLoader):
        """libyaml's parser with the same types as TextDateLoader, for text that cannot be hostile."""

    FastTextDateLoader.yaml_implicit_resolvers = TextDateLoader.yaml_implicit_resolvers
    FastTextDateLoader.add_constructor(None, TextDateLoader.construct_undefined)
else:  # pragma: no cover - PyYAML built without libyaml
    FastTextDateLoader = None

# Anchors, aliases and tags are what the caps above guard against. Text without them that cannot
# nest beyond MAX_DEPTH (_depth_bound) is parsed by libyaml, far faster.
_GUARDED = re.compile(r"(?:^|[\s\[{,:])[&*!]")
_LINE_START = re.compile(r"^( *)((?:-[ \t]+)*)", re.M)


def _depth_bound(text: str) -> int:
    """At least how deep text nests: a block level takes a column of indentation or a '- ' on
    its line (a list under a key may share the key's column: hence twice), a flow level an
    opening bracket: those of the fullest line when every line closes what it opens (flow
    collections on one line each, as in {office: mayor, from: 2019-01-01}), else all of them."""
    widest = max((len(m.group(1)) + m.group(2).count("-") for m in _LINE_START.finditer(text)), default=0)
    lines = text.split("\n")
    opened = [line.count("[") + line.count("{") for line in lines]
    if all(count == line.count("]") + line.count("}") for count, line in zip(opened, lines)):
        return 2 * widest + max(opened, default=0) + 2
    return 2 * widest + sum(opened) + 2


def loader_for(text: str):
    """libyaml's loader for text that can be neither an alias bomb nor too deep; else the guarded one."""
    simple = not _GUARDED.search(text) and _depth_bound(text) < MAX_DEPTH
    return FastTextDateLoader if FastTextDateLoader is not None and simple else TextDateLoader


def load_yaml(stream):
    text = stream if isinstance(stream, str) else stream.read()
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    return yaml.load(text, Loader=loader_for(text))  # noqa: S506 - both loaders are SafeLoaders
