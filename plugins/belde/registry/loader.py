"""Load the registry files and refuse contradictions with a message naming the fix."""

from pathlib import Path

import yaml

from ..yamlfile import load_yaml

from ..period import Period, parse_period
from ..turkish import tr_slugify
from .model import HEAD_OFFICES, OFFICE_TITLES, Body, Person, Registry, Role, name_key

BODIES_FILE = "bodies.yaml"
PEOPLE_FILE = "people.yaml"
SIDES = ("Avrupa", "Anadolu")
PERSON_KEYS = {"name", "id", "aliases", "roles"}
ROLE_KEYS = {"office", "body", "party", "from", "to", "sources", "note", "confidence"}


class RegistryError(ValueError):
    """A registry file contradicts itself; the message says where and how to fix it."""


def _read_yaml(path: Path):
    try:
        with path.open(encoding="utf-8") as handle:
            return load_yaml(handle) or {}
    except FileNotFoundError:
        raise RegistryError(f"{path}: registry file is missing") from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise RegistryError(f"{path}: not valid UTF-8 YAML ({error})".replace("\n", " ")) from None


def _load_bodies(path: Path) -> list:
    data = _read_yaml(path)
    bodies = []
    for entry in data.get("bodies", []):
        kind = entry.get("kind", "other")
        bodies.append(
            Body(
                id=entry.get("id") or tr_slugify(entry["name"]),
                name=entry["name"],
                kind=kind,
                short=entry.get("short", ""),
                aliases=tuple(entry.get("aliases", ())),
            )
        )
    for entry in data.get("districts", []):
        if entry.get("side") not in SIDES:
            raise RegistryError(
                f"{path}: district '{entry.get('name')}' has side {entry.get('side')!r}; "
                f"write one of {', '.join(SIDES)}"
            )
        bodies.append(
            Body(
                id=tr_slugify(entry["name"]),
                name=entry["name"],
                kind="district",
                side=entry["side"],
                aliases=tuple(entry.get("aliases", ())),
            )
        )
    seen = {}
    for body in bodies:
        if body.id in seen:
            raise RegistryError(f"{path}: two bodies share the id '{body.id}'; rename one")
        seen[body.id] = body
    return bodies


def _date(value, where: str) -> Period | None:
    if value is None:
        return None
    try:
        return parse_period(value)
    except ValueError as error:
        raise RegistryError(f"{where}: {error}") from None


def _load_people(path: Path, registry_bodies: Registry) -> list:
    data = _read_yaml(path)
    people, owners = [], {}
    for index, entry in enumerate(data.get("people", []), start=1):
        where = f"{path}: person '{entry.get('name', f'#{index}')}'"
        unknown = set(entry) - PERSON_KEYS
        if unknown or not entry.get("name"):
            raise RegistryError(f"{where}: needs 'name'; allowed keys are {', '.join(sorted(PERSON_KEYS))}")
        person = Person(
            name=entry["name"],
            slug=entry.get("id") or tr_slugify(entry["name"]),
            aliases=tuple(entry.get("aliases") or ()),
        )
        for text in (person.name, *person.aliases):
            other = owners.get(name_key(text))
            if other and other is not person:
                raise RegistryError(
                    f"{where}: '{text}' also names '{other.name}'; "
                    "merge the two entries, or give each a distinct name and alias"
                )
            owners[name_key(text)] = person
        for number, raw in enumerate(entry.get("roles") or (), start=1):
            person.roles.append(_load_role(raw, person, f"{where}, role {number}", registry_bodies))
        person.roles.sort(key=lambda r: r.start.start)
        people.append(person)
    return people


def _load_role(raw: dict, person: Person, where: str, bodies: Registry) -> Role:
    unknown = set(raw) - ROLE_KEYS
    if unknown:
        raise RegistryError(f"{where}: unknown key {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(ROLE_KEYS))}")
    office = raw.get("office")
    if office not in OFFICE_TITLES:
        raise RegistryError(f"{where}: unknown office {office!r}; write one of {', '.join(OFFICE_TITLES)}")
    body = bodies.find_body(str(raw.get("body", "")))
    if body is None:
        hint = bodies.suggest_body(str(raw.get("body", "")))
        fix = f"did you mean '{hint}'?" if hint else "add the body to bodies.yaml"
        raise RegistryError(f"{where}: unknown body {raw.get('body')!r}; {fix}")
    start = _date(raw.get("from"), where)
    if start is None:
        raise RegistryError(f"{where}: 'from' is missing; write the day the office was taken")
    end = _date(raw.get("to"), where)
    if end is not None and end.start < start.start:
        raise RegistryError(
            f"{where}: 'to' {end.iso()} is before 'from' {start.iso()}; swap or correct the dates"
        )
    return Role(
        person=person,
        office=office,
        body=body,
        party=raw.get("party"),
        start=start,
        end=end,
        sources=tuple(raw.get("sources") or ()),
        note=raw.get("note") or "",
        confidence=raw.get("confidence") or "",
    )


def _check_overlaps(bodies: list, where: Path) -> None:
    """Two people cannot head one municipality on the same day."""
    for body in bodies:
        heads = sorted((r for r in body.roles if r.office in HEAD_OFFICES), key=lambda r: r.start.start)
        for earlier, later in zip(heads, heads[1:]):
            if earlier.end is None or earlier.end.start > later.start.start:
                raise RegistryError(
                    f"{where}: {body.name} has two heads at once: {earlier.person.name} "
                    f"({earlier.title}, from {earlier.start.iso()}, to {earlier.end.iso() if earlier.end else 'open'}) "
                    f"and {later.person.name} (from {later.start.iso()}); "
                    f"set {earlier.person.name}'s 'to' on or before {later.start.iso()}"
                )


def load_registry(folder) -> Registry:
    """Read bodies.yaml and people.yaml from folder and check them."""
    folder = Path(folder)
    bodies = _load_bodies(folder / BODIES_FILE)
    people = _load_people(folder / PEOPLE_FILE, Registry(bodies, []))
    for person in people:
        for role in person.roles:
            role.body.roles.append(role)
    for body in bodies:
        body.roles.sort(key=lambda r: r.start.start)
    _check_overlaps(bodies, folder / PEOPLE_FILE)
    return Registry(bodies, people, sources=(folder / BODIES_FILE, folder / PEOPLE_FILE))
