"""The user guide in docs/guide/: it builds, and what it says cannot drift from the code.

The YAML reference and the plugin options are generated from the model and config at build time; the other pages
are hand-written and checked here against the source (diagnostic codes, template names, schema files).
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
import yaml

from guideblocks import GUIDE, titled
from mkdocs_journeys.config import JourneysConfig
from mkdocs_journeys.data import references
from mkdocs_journeys.data.formats import BUILTIN_FORMATS, BUILTIN_INDUSTRIES
from mkdocs_journeys.data.kinds import ENTITY_KINDS, SHARED_FILES
from mkdocs_journeys.data.model import BUILTIN_CHANNELS
from mkdocs_journeys.data.schema import SCHEMAS, json_schema, schema_file_name, to_json
from mkdocs_journeys.site.reference import MARKERS, fill_markers, plugin_options_reference, yaml_reference
from sitecheck import SMALL_PERSONA, build_site, copy_example_project, page_html, write_project

PACKAGE = Path(references.__file__).parent.parent
CODE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$")

# Calls that create a diagnostic, and the position of their `code` argument.
CODE_ARGUMENT = {"diagnostic": 1, "Diagnostic": 3, "_problem": 1, "_fail": 3, "_error": 1}

# Codes built from a pattern: every value the pattern takes.
FORMATTED_CODES = {
    "unknown-{kind}": [f"unknown-{kind}" for kind in ENTITY_KINDS],
    "missing-{file.schema}": [f"missing-{file.schema}" for file in SHARED_FILES if file.required],
}


def emitted_codes() -> dict[str, str]:
    """Every diagnostic code the package can emit, with the module that emits it, read from the source.

    Codes are string literals in the `code` position of the calls above, or first in a `(code, message, hint)`
    tuple that helpers return or unpack into those calls.
    """
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            candidates: list[ast.expr] = []
            if isinstance(node, ast.Call):
                function = node.func
                name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", None)
                position = CODE_ARGUMENT.get(str(name))
                keyword = next((k.value for k in node.keywords if k.arg == "code"), None)
                if keyword is not None:
                    candidates.append(keyword)
                elif position is not None and len(node.args) > position:
                    candidates.append(node.args[position])
            elif isinstance(node, ast.Tuple) and len(node.elts) == 3:
                candidates.append(node.elts[0])
            for candidate in candidates:
                if isinstance(candidate, ast.Constant) and isinstance(candidate.value, str):
                    if CODE.match(candidate.value):
                        found.setdefault(candidate.value, path.name)
                elif isinstance(candidate, ast.JoinedStr):
                    pattern = "".join(
                        part.value if isinstance(part, ast.Constant) else "{" + ast.unparse(part.value) + "}"
                        for part in candidate.values
                        if isinstance(part, (ast.Constant, ast.FormattedValue))
                    )
                    assert pattern in FORMATTED_CODES, f"{path.name} builds the code {pattern!r}: list its values here"
                    for code in FORMATTED_CODES[pattern]:
                        found.setdefault(code, path.name)
    return found


def documented_codes() -> set[str]:
    text = (GUIDE / "troubleshooting.md").read_text(encoding="utf-8")
    return set(re.findall(r"^### ([a-z0-9-]+)$", text, re.MULTILINE))


# --- troubleshooting --------------------------------------------------------------------------------------------


def test_the_code_scan_finds_the_codes_of_every_stage_of_loading() -> None:
    codes = emitted_codes()

    for code in ("yaml-syntax", "unknown-key", "unknown-stage", "unknown-channel", "duplicate-id", "mkdocs-config"):
        assert code in codes
    assert len(codes) > 30


def test_every_diagnostic_code_in_the_source_is_explained_in_troubleshooting() -> None:
    missing = {code: module for code, module in emitted_codes().items() if code not in documented_codes()}

    assert missing == {}, "add a `### <code>` section to docs/guide/troubleshooting.md for each of these"


def test_troubleshooting_explains_no_code_that_is_never_emitted() -> None:
    assert documented_codes() - set(emitted_codes()) == set()


# --- the YAML reference -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(SCHEMAS))
def test_yaml_reference_has_a_row_for_every_key_of_every_schema(kind: str) -> None:
    reference = yaml_reference()
    schema = json_schema(kind)

    for definition in [schema, *schema.get("$defs", {}).values()]:
        for key in definition.get("properties", {}):
            assert f"| `{key}` |" in reference, f"{key} of {definition.get('title')} is missing"
    assert "{#" + kind + "}" in reference


def test_yaml_reference_links_only_to_sections_it_has() -> None:
    reference = yaml_reference()
    anchors = set(re.findall(r"\{#([a-z0-9-]+)\}", reference))

    assert set(re.findall(r"\]\(#([a-z0-9-]+)\)", reference)) <= anchors


def test_plugin_options_reference_lists_every_option_with_its_description() -> None:
    table = plugin_options_reference()

    for name, _option in JourneysConfig._schema:
        row = next(line for line in table.splitlines() if line.startswith(f"| `{name}` |"))
        assert not row.endswith("|  |"), f"option {name} has no docstring in config.py"


def test_the_reference_page_names_every_built_in_channel() -> None:
    page = (GUIDE / "yaml-reference.md").read_text(encoding="utf-8")

    assert all(f"`{channel.id}`" in page for channel in BUILTIN_CHANNELS)
    assert "<!--" not in fill_markers(page)


def test_every_generated_part_of_the_guide_has_its_place_on_a_page() -> None:
    pages = [path.read_text(encoding="utf-8") for path in GUIDE.glob("*.md")]

    assert all(any(marker in page for page in pages) for marker in MARKERS)
    assert all("<!--" not in fill_markers(page) for page in pages)


# --- the built guide ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(copy_example_project(tmp_path_factory.mktemp("example")))


def test_every_guide_page_is_built_and_in_the_navigation(example_site: Path) -> None:
    nav = yaml.safe_load((GUIDE.parent.parent / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    guide_section = next(entry["User guide"] for entry in nav if isinstance(entry, dict) and "User guide" in entry)

    assert sorted(guide_section) == sorted(f"guide/{page.name}" for page in GUIDE.glob("*.md"))
    assert {"Home": "index.md"} in nav and {"Customer journeys": "journeys/index.md"} in nav
    for page in GUIDE.glob("*.md"):
        assert (example_site / "guide" / page.stem / "index.html").is_file()


def test_built_yaml_reference_is_generated_from_the_model(example_site: Path) -> None:
    html = page_html(example_site, "guide/yaml-reference.md")

    assert "generated:" not in html
    assert 'id="journeystep"' in html and 'id="plugin-options"' in html
    assert "<code>pain_points</code>" in html and "<code>templates_dir</code>" in html


def test_the_suggestions_guide_lists_every_built_in_format_from_the_library(example_site: Path) -> None:
    page = (example_site / "guide/suggestions/index.html").read_text(encoding="utf-8")

    assert all(f"<code>{content_format.id}</code>" in page for content_format in BUILTIN_FORMATS)
    assert all(industry.name in page for industry in BUILTIN_INDUSTRIES)
    assert "Booking confirmation" in page  # a preset's words, from the library's data


def test_built_site_publishes_the_json_schemas_at_a_stable_address(example_site: Path) -> None:
    for kind in SCHEMAS:
        published = example_site / "schemas" / schema_file_name(kind)
        assert published.read_text(encoding="utf-8") == to_json(json_schema(kind))


def test_guide_scripts_are_not_published(example_site: Path) -> None:
    assert not list(example_site.rglob("*.py"))


def test_a_schema_file_of_the_users_own_wins_over_the_generated_one(tmp_path: Path) -> None:
    config = write_project(tmp_path, {"docs/schemas/persona.schema.json": '{"title": "ours"}\n'})

    site = build_site(config)

    assert json.loads((site / "schemas" / "persona.schema.json").read_text()) == {"title": "ours"}
    assert (site / "schemas" / "journey.schema.json").is_file()


# --- editors and templates ----------------------------------------------------------------------------------------


def test_vscode_settings_in_the_guide_name_existing_schemas_for_the_right_files() -> None:
    settings = json.loads(titled("editors.md", ".vscode/settings.json"))["yaml.schemas"]
    extensions = json.loads(titled("editors.md", ".vscode/extensions.json"))

    assert extensions["recommendations"] == ["redhat.vscode-yaml"]
    assert set(settings) <= {f"./schemas/{schema_file_name(kind)}" for kind in SCHEMAS}
    assert settings["./schemas/persona.schema.json"] == "personas/*.yml"
    assert settings["./schemas/stages.schema.json"] == "journeys/stages.yml"


def test_templates_guide_lists_exactly_the_shipped_page_templates() -> None:
    text = (GUIDE / "templates.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([a-z]+\.md\.j2)` \|", text, re.MULTILINE))
    shipped = {path.name for path in (PACKAGE / "site" / "templates").glob("*.md.j2")}

    assert listed == shipped


def test_the_template_example_of_the_guide_builds(tmp_path: Path) -> None:
    override = titled("templates.md", "overrides/journeys/persona.md.j2")
    plugin_options = titled("templates.md", "mkdocs.yml")
    assert "templates_dir: overrides/journeys" in plugin_options
    config = write_project(
        tmp_path,
        {
            "overrides/journeys/persona.md.j2": override,
            "personas/sam.yml": SMALL_PERSONA + "quote: Paperwork eats my Sundays.\n",
        },
        plugin_options={"templates_dir": "overrides/journeys"},
    )

    html = page_html(build_site(config), "journeys/personas/sam.md")

    assert html.index("<blockquote>") < html.index("Paperwork eats my Sundays") < html.index("Bakery owner")


def test_troubleshooting_gives_the_limits_each_diagram_draws() -> None:
    from mkdocs_journeys.drawing import dot, journey, overview, persona, touchpoint

    text = " ".join((GUIDE / "troubleshooting.md").read_text(encoding="utf-8").split())
    limits = [
        f"journey diagram {journey.JOURNEY_MAX_STAGES} stages, {journey.JOURNEY_MAX_TOUCHPOINTS} touchpoints per stage "
        f"and {journey.JOURNEY_MAX_PERSONAS} personas",
        f"overview {overview.OVERVIEW_MAX_JOURNEYS} journeys, {overview.OVERVIEW_MAX_STAGES} stage columns and "
        f"{overview.OVERVIEW_MAX_CHANNELS} channels",
        f"touchpoint diagram {touchpoint.TOUCHPOINT_MAX_STAGES} stages and {touchpoint.TOUCHPOINT_MAX_PERSONAS_LISTED} "
        f"persona names (and sums up by stage past {touchpoint.TOUCHPOINT_MAX_JOURNEYS} journeys or "
        f"{touchpoint.TOUCHPOINT_MAX_USES} uses)",
        f"persona diagram {persona.PERSONA_MAX_JOURNEYS} journeys and {persona.PERSONA_MAX_CHANNELS} channels",
        f"cut at {dot.MAX_TEXT:,} characters",
    ]
    assert [limit for limit in limits if limit not in text] == []
