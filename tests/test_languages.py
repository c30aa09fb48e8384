"""A site in several languages (mkdocs-static-i18n): each language has the journey pages, in its own chrome."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sitecheck import broken_links, build_site, write_project

LANGUAGES = [{"locale": "en", "default": True, "name": "English"}, {"locale": "fr", "name": "Français"}]


@pytest.mark.parametrize("structure", ["suffix", "folder"])
def test_every_language_has_the_journey_pages_linked_from_its_own_pages(tmp_path: Path, structure: str) -> None:
    home = {"suffix": ("docs/index.md", "docs/index.fr.md"), "folder": ("docs/en/index.md", "docs/fr/index.md")}
    english, french = home[structure]
    files = {
        "docs/index.md": None,
        english: "# Home\n\n[Our customers](journeys/index.md)\n",
        french: "# Accueil\n\n[Nos clients](journeys/index.md)\n",
    }
    config = write_project(tmp_path, files, {"diagrams": False}, theme={"name": "material"})
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    i18n = {"i18n": {"docs_structure": structure, "languages": LANGUAGES}}
    settings["plugins"] = [settings["plugins"][0], i18n, *settings["plugins"][1:]]
    config.write_text(yaml.safe_dump(settings), encoding="utf-8")

    site = build_site(config)

    for folder, lang in (site, "en"), (site / "fr", "fr"):
        persona = (folder / "journeys" / "personas" / "sam" / "index.html").read_text(encoding="utf-8")
        assert "Sam Rivera" in persona and f'<html lang="{lang}"' in persona
        assert 'href="journeys/"' in (folder / "index.html").read_text(encoding="utf-8")
    switcher = (" -> / (", " -> /fr/ (")  # mkdocs-static-i18n's language menu links from the site's root
    assert [link for link in broken_links(site) if not any(target in link for target in switcher)] == []
