"""The registry: districts, the metropolitan municipality, people and their terms of office."""

from .loader import RegistryError, load_registry
from .model import HEAD_OFFICES, OFFICE_TITLES, Body, Person, Registry, Role

__all__ = [
    "HEAD_OFFICES",
    "OFFICE_TITLES",
    "Body",
    "Person",
    "Registry",
    "RegistryError",
    "Role",
    "load_registry",
]
