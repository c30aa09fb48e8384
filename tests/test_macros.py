"""Beside mkdocs-macros, text from a pull request stays text.

mkdocs-macros runs every page's Markdown, and its title, as a Jinja template with no sandbox: a `{{ … }}` in a
name or in a journey's note would be code run by the build (on CI, and on every reviewer's `mkdocs serve`). These
tests build with the real plugin, listed before and after ours, and look for the template's result on the pages.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
import yaml

from sitecheck import SMALL_JOURNEY, build_site, page_html, write_project

# Each expression would print 42 if it ran; `__class__` proves it reached Python objects.
PERSONA = "name: 'Sam {{ 6 * 7 }}'\nrole: '{{ \"\".__class__ }}'\nsummary: Runs a bakery.\npreferred_channels: [web]\n"
STAGES = """\
stages:
  - id: awareness
    name: "Awareness {{ 40 + 2 }}"
  - id: consideration
    name: Consideration
  - id: decision
    name: "Decision {% for x in [1] %}{{ 21 * 2 }}{% endfor %}"
"""
NOTE = "# What we heard\n\nResult: {{ 6 * 7 }} and {% if true %}{{ 84 // 2 }}{% endif %} {# hidden #}\n"


@pytest.mark.parametrize("order", ["macros first", "macros last"])
def test_names_and_notes_are_not_run_as_templates(tmp_path: Path, order: str) -> None:
    files = {
        "personas/sam.yml": PERSONA,
        "journeys/stages.yml": STAGES,
        "journeys/sam-buys.yml": None,
        "journeys/sam-buys/journey.yml": SMALL_JOURNEY,
        "journeys/sam-buys/what-we-heard.md": NOTE,
        "docs/index.md": "# Home\n\nThe macros plugin runs here: {{ 3 * 3 }}.\n",
    }
    config = write_project(tmp_path, files, {"diagrams": False})
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings["plugins"] = (
        ["macros", *settings["plugins"]] if order == "macros first" else [*settings["plugins"], "macros"]
    )
    config.write_text(yaml.safe_dump(settings), encoding="utf-8")

    site = build_site(config)

    assert "The macros plugin runs here: 9." in _text(page_html(site, "index.md"))  # it is on, for the team's pages
    pages = [path.read_text(encoding="utf-8") for path in (site / "journeys").rglob("*.html")]
    assert pages
    for html in pages:
        text = _text(html)
        assert "42" not in text and "<class" not in text and "hidden" not in text.replace("{# hidden #}", "")
    persona = _text(page_html(site, "journeys/personas/sam.md"))
    assert "Sam {{ 6 * 7 }}" in persona and '{{ "".__class__ }}' in persona
    note = _text(page_html(site, "journeys/notes/sam-buys/what-we-heard.md"))
    assert "Result: {{ 6 * 7 }} and {% if true %}{{ 84 // 2 }}{% endif %}" in note


def _text(html: str) -> str:
    """What a reader sees, roughly: tags out, character references read, the `<title>` included."""
    return unescape(re.sub(r"<[^>]+>", " ", html))
