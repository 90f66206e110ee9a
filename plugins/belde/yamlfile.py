"""YAML as Belde reads it: safe loading, and dates left as text.

PyYAML's own timestamp resolver turns 2024-04-22 into a date but raises a bare
ValueError on 2024-02-30; leaving dates as strings lets belde.period word the error.
"""

import yaml


class TextDateLoader(yaml.SafeLoader):
    """SafeLoader without the implicit timestamp type."""


TextDateLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(stream):
    return yaml.load(stream, Loader=TextDateLoader)  # noqa: S506 - TextDateLoader is a SafeLoader
