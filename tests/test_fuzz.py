"""Fuzzing load → validate → render: whatever the YAML, a site or diagnostics; never a traceback, never a hang.

Three sources of input, from most to least structured:

- random projects shaped like real data (ids that refer to each other, any Unicode text, numbers of every size,
  URLs of every scheme), built by MkDocs in-process and then checked: no broken link, nothing that could run;
- random YAML documents in place of one file of a small valid project, loaded and rendered to Markdown;
- random mutations of the example's own files (lines deleted, doubled, swapped, re-indented, truncated, characters
  that mean something to YAML put anywhere), loaded, rendered and drawn with a diagram cache shared by all examples.

Each example has a time limit (a hang fails, it does not stall CI). In CI (`CI` set), examples are derived from the
test's name, so a failure reproduces on every run; locally they are random and the failures kept in `.hypothesis/`.
`FUZZ_SCALE=20` runs twenty times as many examples.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import Abort

from mkdocs_journeys.data.layout import DataLayout
from mkdocs_journeys.data.load import LoadResult, load_catalog
from mkdocs_journeys.drawing.figures import DiagramOptions
from mkdocs_journeys.site.pages import PAGE_KIND_NAMES
from mkdocs_journeys.site.plan import plan_site
from sitecheck import REPO, build_site, check_links, read_page, time_limit, write_project

IN_CI = bool(os.environ.get("CI"))
SCALE = int(os.environ.get("FUZZ_SCALE", "1"))  # FUZZ_SCALE=20 for a longer hunt; CI runs the default


def fuzz_settings(examples: int, seconds: float) -> Any:
    return settings(
        max_examples=examples * SCALE,
        deadline=timedelta(seconds=seconds),
        derandomize=IN_CI,
        database=None if IN_CI else settings.default.database,
        # CI reports the first failing example as found (reproducible: derandomized); locally it is shrunk first.
        phases=[phase for phase in Phase if not (IN_CI and phase in (Phase.shrink, Phase.explain))],
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )


def _load(root: Path) -> LoadResult:
    return load_catalog(DataLayout.at(root))


def assert_diagnostics_only(result: LoadResult) -> None:
    """A failed load explains itself: every error located, with a hint."""
    assert result.errors, "no catalog, yet no error says why"
    for d in result.diagnostics:
        assert d.path and d.line >= 1 and d.column >= 1 and d.message.strip(), d
        assert d.hint.strip() or not d.is_error, d


def render_everything(result: LoadResult, diagrams: DiagramOptions | None = None) -> int:
    """Every page of the catalog as Markdown (and its diagrams when asked); returns how many pages."""
    assert result.journey_map is not None
    site = plan_site(
        result.journey_map, prefix="journeys", kinds=list(PAGE_KIND_NAMES), templates_dir=None, diagrams=diagrams
    )
    for page in site.pages:
        assert site.markdown(page).strip()
    return len(site.pages)


# --- text and values of every kind ------------------------------------------------------------------------------------

HOSTILE = [
    '<script>alert("x")</script>', '"><img src=x onerror=alert(1)>', "[x](javascript:alert(1))", "![x](data:x)",
    '"]; a -> b [label="x', "<B>bold</B></TD></TR></TABLE>>", "</title><script>alert(1)</script>", "\\N \\G \\",
    "{: onclick=alert(1) }", ":smile:", "| a | b |", "&amp; &lt; &#60;", "*a* _b_ `c`", "\u202e\u200b", "😀" * 3,
    "x" * 300, "word " * 500, "", " ", "-", "null", "yes", "1:30", "0x1F", "~",
]  # fmt: skip
TEXT = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"]), max_size=40),
    st.sampled_from(HOSTILE),
    st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=4).map(" ".join),
)
NUMBER = st.one_of(
    st.integers(min_value=-3, max_value=3),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
)
URL = st.one_of(
    st.sampled_from(
        [
            "https://example.com/a?b=1&c=2#d", "mailto:a@example.com", "//evil.example", "?q=1",
            "javascript:alert(1)", "JAVASCRIPT:alert(1)", " data:text/html,x", "vbscript:x", "https://x/>\"'<", "",
        ]
    ),
    TEXT,
)  # fmt: skip
STAGE_IDS = ["awareness", "consideration", "decision", "purchase"]
TOUCHPOINT_IDS = ["blog", "demo", "shop", "app"]
PERSONA_IDS = ["sam", "zoe", "lee"]


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


def entries(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """A mapping whose keys are each present or absent; absent and None keys are left out."""
    return st.fixed_dictionaries({}, optional=fields).map(lambda d: {k: v for k, v in d.items() if v is not None})


@dataclass(frozen=True)
class Values:
    """Values for each field: any at all (`wild`), or only those the model accepts, so that the build goes on."""

    text: st.SearchStrategy[Any]
    number: st.SearchStrategy[Any]
    count: st.SearchStrategy[Any]
    score: st.SearchStrategy[Any]
    url: st.SearchStrategy[Any]
    channel: st.SearchStrategy[Any]
    extra_reference: list[str]


WILD = Values(
    text=TEXT,
    number=NUMBER,
    count=NUMBER,
    score=NUMBER,
    url=URL,
    channel=st.sampled_from(["web", "email", "phone", "pigeon", "Web", "nope"]),
    extra_reference=["ghost", "Sam"],
)
TAME = Values(
    text=TEXT.map(lambda t: t.strip()[:200].strip() or "x"),
    number=st.floats(allow_nan=False, allow_infinity=False) | st.integers(-(10**15), 10**15),
    count=st.integers(0, 10**15),
    score=st.integers(-2, 2),
    url=st.sampled_from(["https://example.com/a?b=1&c=2#d", "mailto:a@example.com", "https://x.example/(a)_[b]"]),
    channel=st.sampled_from(["web", "email", "phone"]),
    extra_reference=[],
)


@st.composite
def journey(draw: st.DrawFn, v: Values, stage_ids: list[str], touchpoint_ids: list[str], persona_ids: list[str]) -> Any:
    stages = draw(st.lists(st.sampled_from(stage_ids + v.extra_reference), min_size=1, max_size=4, unique=True))
    if v is TAME or draw(st.booleans()):
        stages.sort(key=lambda s: STAGE_IDS.index(s) if s in STAGE_IDS else -1)
    steps = []
    for stage in stages:
        step = draw(
            entries(
                summary=v.text,
                actions=st.lists(v.text, max_size=2),
                questions=st.lists(v.text, max_size=3),
                decision=v.text,
                touchpoints=st.lists(st.sampled_from(touchpoint_ids + v.extra_reference), max_size=3, unique=True),
                emotion=v.score | st.fixed_dictionaries({"score": v.score}, optional={"note": v.text}),
                pain_points=st.lists(v.text, max_size=3),
                kpis=st.lists(
                    entries(
                        name=v.text, target=v.number, actual=v.number, unit=v.text, higher_is_better=st.booleans()
                    ).filter(lambda kpi: "name" in kpi or v is WILD),
                    max_size=2,
                ),
                entering=v.count,
                content=maybe(entries(existing=st.lists(st.just("guide"), max_size=1), wishes=st.lists(v.text))),
            )
        )
        steps.append({"stage": stage, **step})
    personas = draw(st.lists(st.sampled_from(persona_ids + v.extra_reference), min_size=1, max_size=3, unique=True))
    return {"name": draw(v.text), "personas": personas, "summary": draw(v.text), "stages": steps}


@st.composite
def project(draw: st.DrawFn, v: Values) -> dict[str, str]:
    """The files of a project shaped like real data, as YAML text."""
    stage_ids = sorted(draw(st.lists(st.sampled_from(STAGE_IDS), min_size=1, unique=True)), key=STAGE_IDS.index)
    touchpoint_ids = draw(st.lists(st.sampled_from(TOUCHPOINT_IDS), min_size=1, unique=True))
    persona_ids = draw(st.lists(st.sampled_from(PERSONA_IDS), min_size=1, unique=True))
    survey = st.fixed_dictionaries(
        {"questions": st.lists(v.text, min_size=1, max_size=3) | v.text}, optional={"name": v.text, "scale": v.text}
    )
    touchpoint = st.fixed_dictionaries(
        {"name": v.text, "channel": v.channel},
        optional={"owner": v.text, "url": v.url, "description": v.text, "survey": survey},
    )
    persona = st.fixed_dictionaries(
        {"name": v.text, "role": v.text},
        optional={
            "summary": v.text,
            "goals": st.lists(v.text, max_size=3),
            "pain_points": st.lists(v.text, max_size=3) | v.text,
            "preferred_channels": st.lists(v.channel, max_size=3, unique=True),
            "quote": v.text,
            "picture": v.url,
            "demographics": entries(age_range=v.text, location=v.text),
        },
    )
    files: dict[str, Any] = {
        "journeys/stages.yml": {
            "stages": [{"id": s, "name": draw(v.text), "customer_goal": draw(v.text)} for s in stage_ids]
        },
        "journeys/touchpoints.yml": {
            "channels": [{"id": "pigeon", "name": draw(v.text)}],
            "touchpoints": [{"id": t, **draw(touchpoint)} for t in touchpoint_ids],
        },
        "journeys/content.yml": {
            "assets": [
                {"id": "guide", "title": draw(v.text), "format": "blog-post", "url": draw(v.url), "stages": stage_ids}
            ]
        },
    }
    for persona_id in persona_ids:
        files[f"personas/{persona_id}.yml"] = draw(persona)
    for number in range(draw(st.integers(1, 2))):
        files[f"journeys/journey-{number}.yml"] = draw(journey(v, stage_ids, touchpoint_ids, persona_ids))
    return {path: yaml.safe_dump(data, allow_unicode=True, sort_keys=False) for path, data in files.items()}


# --- 1. projects shaped like real data, built by MkDocs ------------------------------------------------------------


class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture(scope="module")
def diagram_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-diagram-cache")


BUILT: list[int] = []  # examples that gave a site, so a test can tell that it reached the render step


@fuzz_settings(examples=50, seconds=20)
@given(files=st.sampled_from([TAME, WILD]).flatmap(project), diagrams=st.integers(0, 3).map(lambda n: n == 0))
def test_random_projects_build_a_safe_site_or_stop_with_diagnostics(
    diagram_cache: Path, files: dict[str, str], diagrams: bool
) -> None:
    # One project folder for every example, emptied but for its diagram cache (a cache outside the project is
    # refused), so that diagrams are drawn once.
    root = diagram_cache / "project"
    for child in list(root.iterdir()) if root.is_dir() else []:
        if child.name != ".cache":
            shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
    options = {"diagrams": diagrams}
    config = write_project(root, {"journeys/sam-buys.yml": None, "personas/sam.yml": None}, options)
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    errors = _Errors()
    logging.getLogger("mkdocs").addHandler(errors)
    try:
        with time_limit(30):
            site = build_site(config, site_dir=root / "site", strict=False)
    except Abort:
        assert any("Journey data has errors" in m for m in errors.messages), errors.messages
        assert not (root / "site").exists()
        return
    finally:
        logging.getLogger("mkdocs").removeHandler(errors)
    BUILT.append(1)
    # A relative URL written in the data may lead nowhere: that is the author's to fix (MkDocs warns about it).
    written = "\n".join(files.values())
    assert [p for p in check_links(site).problems if unquote(p.split(" -> ")[1]) not in written] == []
    for page in site.rglob("*.html"):
        assert read_page(page.read_text(encoding="utf-8")).problems == [], page


# --- 2. random YAML documents in place of one file ------------------------------------------------------------------

KEYS = st.sampled_from(
    ["name", "role", "summary", "goals", "stages", "stage", "touchpoints", "emotion", "score", "note", "personas",
     "channel", "channels", "url", "picture", "kpis", "target", "actual", "entering", "content", "existing", "wishes",
     "id", "phase", "type", "assets", "title", "format", "survey", "questions", "pain_points", "library", "formats",
     "include", "exclude", "replace", "preferred_channels", "unknown", "Name", "<b>"]
)  # fmt: skip
SCALAR = st.one_of(
    st.none(), st.booleans(), NUMBER, TEXT, URL, st.sampled_from([*STAGE_IDS, *TOUCHPOINT_IDS, "sam", "web"])
)
DATA = st.recursive(
    SCALAR, lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=6), max_leaves=25
)
SMALL_FILES = ["personas/sam.yml", "personas/new.yml", "journeys/sam-buys.yml", "journeys/stages.yml",
               "journeys/touchpoints.yml", "journeys/content.yml", "journeys/other/journey.yml"]  # fmt: skip


@pytest.fixture(scope="module")
def small_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz-small")
    write_project(root, {"journeys/content.yml": "assets: []\n"})
    return root


@contextlib.contextmanager
def replaced(root: Path, relative: str, content: bytes) -> Iterator[None]:
    """`root/relative` holds `content` for the block, then what it held before (or nothing)."""
    path = root / relative
    before = path.read_bytes() if path.is_file() else None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    try:
        yield
    finally:
        if before is None:
            path.unlink()
        else:
            path.write_bytes(before)


RENDERED: list[int] = []


@fuzz_settings(examples=150, seconds=10)
@given(relative=st.sampled_from(SMALL_FILES), data=st.dictionaries(KEYS, DATA, max_size=8) | DATA)
def test_random_yaml_documents_render_or_give_diagnostics(small_project: Path, relative: str, data: Any) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    with replaced(small_project, relative, text.encode("utf-8")), time_limit(15):
        result = _load(small_project)
        if result.catalog is None:
            assert_diagnostics_only(result)
            return
        RENDERED.append(render_everything(result))


# --- 3. mutations of the example's own files -------------------------------------------------------------------------

EXAMPLE_FILES = {
    path.relative_to(REPO).as_posix(): path.read_text(encoding="utf-8")
    for folder in ("personas", "journeys")
    for path in sorted((REPO / folder).rglob("*.yml"))
}
SYNTAX = [":", ": ", "- ", "-", "'", '"', "[", "]", "{", "}", ",", "#", "&a ", "*a", "!", "!!str ", "|", ">", "?",
          "%", "@", "`", "\t", "\\", "\x00", "\x1b", "\ufeff", "é", "\u2028", "\r", "\n", "  ", "---", "..."]  # fmt: skip
LINES = st.sampled_from(
    ["name: x", "  - stage: awareness", "    emotion: 9", "    touchpoints: [nope]", "personas: []", "- a", "a: *b",
     "x: &b [1]", "<<: *b", "id: Bad Id", "    url: javascript:alert(1)", "  kpis: [{name: x, target: .inf}]", ""]
)  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """`text` with one change of the kinds that typing, copying and merging produce."""
    lines = text.split("\n")
    line = draw(st.integers(0, max(len(lines) - 1, 0)))
    kind = draw(st.integers(0, 8))
    if kind == 0:
        del lines[line]
    elif kind == 1:
        lines.insert(line, lines[line])
    elif kind == 2:
        other = draw(st.integers(0, len(lines) - 1))
        lines[line], lines[other] = lines[other], lines[line]
    elif kind == 3:
        indent = draw(st.sampled_from(["", "  ", "    ", "\t", " "]))
        lines[line] = indent + lines[line].lstrip() if draw(st.booleans()) else indent + lines[line]
    elif kind == 4:
        lines[line] = draw(LINES)
    elif kind == 5:
        key, _, _ = lines[line].partition(":")
        lines[line] = f"{key}: {draw(TEXT | URL)}"
    else:
        joined = "\n".join(lines)
        at = draw(st.integers(0, len(joined)))
        if kind == 6:
            return joined[:at]  # a truncated file
        insert = draw(st.sampled_from(SYNTAX) | TEXT)
        return joined[:at] + insert + joined[at + (1 if kind == 7 else 0) :]
    return "\n".join(lines)


@st.composite
def mutated_example(draw: st.DrawFn) -> tuple[str, str]:
    relative = draw(st.sampled_from(sorted(EXAMPLE_FILES)))
    text = EXAMPLE_FILES[relative]
    for _ in range(draw(st.integers(1, 3))):
        text = draw(mutated(text))
    return relative, text


@pytest.fixture(scope="module")
def example_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz-example")
    for folder in ("personas", "journeys"):
        shutil.copytree(REPO / folder, root / folder)
    return root


@fuzz_settings(examples=80, seconds=20)
@given(change=mutated_example(), diagrams=st.integers(0, 3).map(lambda n: n == 0))
def test_mutated_example_files_render_or_give_diagnostics(
    example_project: Path, diagram_cache: Path, change: tuple[str, str], diagrams: bool
) -> None:
    relative, text = change
    with replaced(example_project, relative, text.encode("utf-8", errors="surrogatepass")), time_limit(30):
        result = _load(example_project)
        if result.catalog is None:
            assert_diagnostics_only(result)
            return
        RENDERED.append(render_everything(result, DiagramOptions(True, diagram_cache) if diagrams else None))


def test_the_fuzzers_reach_the_render_step() -> None:
    """Guards the strategies: if they only ever produced broken data, the render step would go untested."""
    if not BUILT and not RENDERED:
        pytest.skip("run with the fuzz tests above")
    print(f"fuzz: {len(BUILT)} random projects built, {len(RENDERED)} documents or mutations rendered")
    assert BUILT, "no random project built a site"
    assert len(RENDERED) >= 10, f"only {len(RENDERED)} examples were rendered"
