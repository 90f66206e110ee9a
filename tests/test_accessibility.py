"""Accessibility: axe-core finds no violations on any page type, and keyboard focus is visible.

axe-core comes from the npm registry (package.json; `make test` runs npm ci when node_modules
is missing) and is injected into each page loaded in headless Chromium over HTTP.
"""

from pathlib import Path

import pytest

from browser_support import launch_chromium, serve
from publishing_support import ROOT, require_page_types, site_for

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def _axe() -> Path:
    if not AXE.is_file():
        pytest.skip(f"accessibility checks need axe-core at {AXE.relative_to(ROOT)}: run make test (npm ci)")
    return AXE


def _url(relative: str) -> str:
    return relative[: -len("index.html")] if relative.endswith("index.html") else relative


def run_axe(page) -> list:
    page.add_script_tag(path=str(_axe()))
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + (n.failureSummary || '').split('\\n').join(' '))}));
        }""",
        AXE_TAGS,
    )


@pytest.mark.parametrize("name", ["shipped", "scenario"])
def test_no_axe_violations_on_any_page_type(name, tmp_path_factory):
    _axe()
    site = site_for(name, tmp_path_factory)
    types = require_page_types(site)
    with serve(site.output) as base, launch_chromium() as browser:
        page = browser.new_page()
        checked = []
        for kind, relative in types.items():
            page.goto(base + _url(relative))
            if kind == "search page":
                page.wait_for_load_state("networkidle")
            violations = run_axe(page)
            if violations:
                first = violations[0]
                pytest.fail(f"{kind} ({relative}): {first['id']} [{first['impact']}] {first['help']}: "
                            + " | ".join(first["nodes"]) + f"  [{len(violations)} rules violated]")
            checked.append(kind)
    assert len(checked) >= 13, checked


def test_keyboard_focus_is_visible(tmp_path_factory):
    """Tab reaches the skip link first, then the site's links, each with a visible outline."""
    site = site_for("scenario", tmp_path_factory)
    with serve(site.output) as base, launch_chromium() as browser:
        page = browser.new_page()
        page.goto(base + "ilce/kagithane/")
        seen = []
        for _ in range(4):
            page.keyboard.press("Tab")
            focus = page.evaluate(
                """() => { const e = document.activeElement, s = getComputedStyle(e), r = e.getBoundingClientRect();
                    return {text: e.textContent.trim(), tag: e.tagName, outline: s.outlineStyle,
                            width: parseFloat(s.outlineWidth), shadow: s.boxShadow, visible: r.width > 0 && r.height > 0 && r.left >= 0}; }"""
            )
            assert focus["tag"] == "A", focus
            assert focus["visible"], f"focused element off screen: {focus}"
            assert (focus["outline"] != "none" and focus["width"] >= 2) or focus["shadow"] != "none", focus
            seen.append(focus["text"])
        assert seen[0] == "İçeriğe geç"
        page.keyboard.press("Home")
        page.goto(base + "ilce/kagithane/")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
