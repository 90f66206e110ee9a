"""Structured data for search engines: schema.org JSON-LD, built as plain dicts.

Templates serialise these with Jinja's `tojson` filter, which escapes `<`, `>`, `&` and `'`,
so no text from an item can close the script element it is written into.
"""

import html
import re

from . import state

SCHEMA = "https://schema.org"
CITY = {"@type": "City", "name": "İstanbul"}
_TAGS = re.compile(r"<[^>]+>")


def site_root(settings) -> str:
    """The site's absolute address without a trailing slash, or '' when it has none."""
    url = (settings.get("SITEURL") or "").rstrip("/")
    return url if url.startswith(("http://", "https://")) else ""


def absolute(settings, url: str) -> str | None:
    """A page URL ('ilce/kagithane/') as an absolute address, or None in a relative build."""
    root = site_root(settings)
    if not root:
        return None
    return f"{root}/{url.lstrip('/')}" if url else f"{root}/"


def plain(text) -> str:
    """Text without markup or entities, from HTML such as an item's summary."""
    return " ".join(html.unescape(_TAGS.sub("", str(text or ""))).split())


def words(text) -> str:
    """A title or a name: plain text already (a title's markup is shown as text, not run)."""
    return " ".join(str(text or "").split())


def _with_url(node: dict, settings, url: str) -> dict:
    address = absolute(settings, url)
    if address:
        node["url"] = address
    return node


def _bodies(settings) -> dict:
    registry = state.registry(settings)
    bodies = ([registry.metropolitan] if registry.metropolitan else []) + list(registry.districts)
    return {body.id: body for body in bodies}


def area(body, settings, url: str = "") -> dict:
    """The place a municipality governs: a district, or the city for the metropolitan one."""
    if body.kind == "metropolitan":
        node = {"@type": "AdministrativeArea", "name": "İstanbul", "alternateName": body.label}
    else:
        node = {"@type": "AdministrativeArea", "name": body.name, "containedInPlace": dict(CITY)}
    return _with_url(node, settings, url)


def organisation(body) -> dict:
    name = body.name if body.kind != "district" else f"{body.name} Belediyesi"
    node = {"@type": "GovernmentOrganization", "name": name}
    if body.short:
        node["alternateName"] = body.short
    return node


def job_title(role) -> str:
    """'Kağıthane Belediye Başkanı', 'İstanbul Büyükşehir Belediye Başkanı'."""
    name, title = role.body.name, role.title
    if title.startswith("Belediye ") and name.endswith(" Belediyesi"):
        return f"{name[: -len(' Belediyesi')]} {title}"  # İstanbul Büyükşehir Belediye Başkanı
    return f"{name} {title}"


def person(term, roles, settings) -> dict:
    """A person as an item mentions them, with the offices they held on its date."""
    node = _with_url({"@type": "Person", "name": term.name}, settings, term.url)
    titles = [job_title(line.role) for line in roles]
    if titles:
        node["jobTitle"] = titles[0] if len(titles) == 1 else titles
        node["worksFor"] = [organisation(line.role.body) for line in roles]
        if len(roles) == 1:
            node["worksFor"] = node["worksFor"][0]
    return node


def breadcrumbs(settings, crumbs: list) -> list:
    """crumbs: [(name, url)] after the home page, as the page's breadcrumb trail shows them.

    A BreadcrumbList whose steps have no address is of no use to a search engine (schema.org
    asks for each step's `item`), so a build without an absolute SITEURL has none: [] then."""
    if not site_root(settings):
        return []
    trail = [(settings.get("SITENAME", ""), "")] + list(crumbs)
    elements = [{"@type": "ListItem", "position": position, "name": words(name), "item": absolute(settings, url)}
                for position, (name, url) in enumerate(trail, start=1)]  # fmt: skip
    return [{"@context": SCHEMA, "@type": "BreadcrumbList", "itemListElement": elements}]


def _date(period) -> str:
    """The item's date as ISO 8601 to its stated precision; an interval gives its start."""
    return period.iso().split("/")[0]


def item(article, settings) -> list:
    """NewsArticle and BreadcrumbList for an item page."""
    bodies = _bodies(settings)
    node = {
        "@context": SCHEMA,
        "@type": "NewsArticle",
        "headline": words(article.title),
        "datePublished": _date(article.period),
        "inLanguage": settings.get("DEFAULT_LANG", "tr"),
    }
    address = absolute(settings, article.url)
    if address:
        node["url"] = address
        node["mainEntityOfPage"] = address
    summary = plain(getattr(article, "summary", ""))
    if summary:
        node["description"] = summary
    modified = getattr(article, "modified", None)
    if modified is not None and hasattr(modified, "date"):
        node["dateModified"] = modified.date().isoformat()
    about = [area(bodies[term.slug], settings, term.url) for term in article.districts if term.slug in bodies]
    if about:
        node["about"] = about
    notes = getattr(article, "notes", None)
    mentions = [person(term, roles, settings) for term, roles in (notes.roles if notes else [])]
    if mentions:
        node["mentions"] = mentions
    if article.tags:
        node["keywords"] = [tag.name for tag in article.tags]
    if getattr(article, "source", None):
        node["sourceOrganization"] = {"@type": "Organization", "name": words(article.source)}
    node["publisher"] = _with_url({"@type": "Organization", "name": settings.get("SITENAME", "")}, settings, "")
    first = article.districts[0] if article.districts else None
    if first is not None:
        crumbs = [("İlçeler", settings["DISTRICTS_URL"]), (first.name, first.url), (article.title, article.url)]
    else:
        crumbs = [("Arşiv", settings["ARCHIVES_URL"]), (article.title, article.url)]
    return [node, *breadcrumbs(settings, crumbs)]


def district(view, settings) -> list:
    """AdministrativeArea and its GovernmentOrganization, with the heads in office now."""
    body = view.body
    place = {"@context": SCHEMA, **area(body, settings, view.term.url)}
    council = {"@context": SCHEMA, **organisation(body), "areaServed": area(body, settings)}
    heads = [person(line.person, [line], settings) for line in view.heads_now]
    if heads:
        council["employee"] = heads
    crumbs = [("İlçeler", settings["DISTRICTS_URL"]), (view.term.name, view.term.url)]
    return [place, council, *breadcrumbs(settings, crumbs)]


def official(view, settings) -> list:
    """Person, with their latest office and every office the registry lists for them."""
    node = {"@context": SCHEMA, **_with_url({"@type": "Person", "name": view.term.name}, settings, view.term.url)}
    aliases = list(getattr(view.person, "aliases", ()) or ())
    if aliases:
        node["alternateName"] = aliases
    if view.latest is not None:
        node["jobTitle"] = job_title(view.latest.role)
        node["worksFor"] = organisation(view.latest.role.body)
    occupations = []
    for line in view.roles:
        occupation = {"@type": "Occupation", "name": job_title(line.role), "occupationLocation": area(line.role.body, settings)}
        occupations.append(occupation)
    if occupations:
        node["hasOccupation"] = occupations
    crumbs = [("Kişiler", settings["OFFICIALS_URL"]), (view.term.name, view.term.url)]
    return [node, *breadcrumbs(settings, crumbs)]
