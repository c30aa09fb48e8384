"""Reading one YAML file: every surprise in the bytes becomes a located diagnostic, never a traceback or lost data.

Each test feeds bytes to `load_bytes` (or a file to `load_file`) and checks the data, or the diagnostics: where
they point (line and column of the problem) and that they say how to fix it. Every test runs twice, with libyaml
and with PyYAML's pure-Python parser, since either may be installed.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_journeys.data import yaml_source as yaml_loader
from mkdocs_journeys.data.diagnostics import Diagnostic, DiagnosticsError, Severity
from mkdocs_journeys.data.yaml_source import MAX_DEPTH, LoadedDocument, load_bytes, load_file


@pytest.fixture(autouse=True, params=["libyaml", "python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    if request.param == "libyaml":
        if not yaml.__with_libyaml__:
            pytest.skip("PyYAML was built without libyaml")
        monkeypatch.setattr(yaml_loader, "_Loader", yaml.CSafeLoader)
    else:
        monkeypatch.setattr(yaml_loader, "_Loader", yaml.SafeLoader)
    yield request.param


@pytest.fixture
def budget(parser: str) -> float:
    """Seconds a refusal may take: "well under a second" with libyaml; the pure-Python parser is slower."""
    return 0.25 if parser == "libyaml" else 1.5


def assert_well_formed(diagnostics: list[Diagnostic]) -> None:
    """What every diagnostic owes its reader: a place, a code, a message and, for errors, a way to fix it."""
    assert diagnostics
    for d in diagnostics:
        assert d.line >= 1 and d.column >= 1, d
        assert d.code and d.message.strip(), d
        assert "\n" not in d.message, d
        if d.is_error:
            assert d.hint.strip(), f"{d.code} has no hint: {d}"


def load(text: str | bytes) -> LoadedDocument:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    document = load_bytes(raw, "personas/ana.yml")
    if document.warnings:
        assert_well_formed(document.warnings)
    return document


def problems(text: str | bytes) -> list[Diagnostic]:
    """The diagnostics that refuse `text`; fails the test if it loads."""
    with pytest.raises(DiagnosticsError) as caught:
        load(text)
    found: list[Diagnostic] = caught.value.diagnostics
    assert_well_formed(found)
    return found


def only(text: str | bytes) -> Diagnostic:
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


# --- plain data and where it came from ----------------------------------------------------------------------


def test_keys_and_values_keep_their_line_and_column() -> None:
    document = load("name: Ana\ngoals:\n  - Save time\n  - Pay less\n")

    assert document.data == {"name": "Ana", "goals": ["Save time", "Pay less"]}
    assert document.source.locate(("goals",), prefer_key=True) == yaml_loader.Position(2, 1)
    assert document.source.locate(("goals", 1)) == yaml_loader.Position(4, 5)
    assert document.source.locate(("goals", 7, "missing")) == yaml_loader.Position(3, 3)


def test_no_and_on_keys_stay_text_instead_of_becoming_booleans() -> None:
    assert load("no: 1\non: 2\nyes: 3\n1: 4\nnull: 5\n").data == {"no": 1, "on": 2, "yes": 3, "1": 4, "null": 5}


def test_dates_stay_the_text_written() -> None:
    data = load("since: 2024-01-05\nwhen: 2024-1-5\nstamp: 2024-01-05 10:30:00\n").data

    assert data == {"since": "2024-01-05", "when": "2024-1-5", "stamp": "2024-01-05 10:30:00"}


def test_an_impossible_date_stays_text_instead_of_crashing() -> None:
    assert load("since: 2024-13-45\n").data == {"since": "2024-13-45"}


def test_numbers_yaml_would_silently_change_stay_the_text_written() -> None:
    data = load("zip: 01234\ntime: 1:30\ncode: 0x1F\nbig: 1_000\nnot: .inf\n").data

    assert data == {"zip": "01234", "time": "1:30", "code": "0x1F", "big": "1_000", "not": ".inf"}


def test_plain_numbers_and_booleans_are_read_as_such() -> None:
    data = load("a: 3\nb: -2\nc: 10.5\nd: 1.5e+3\ne: yes\nf: off\ng: ~\nh: '3'\n").data

    assert data == {"a": 3, "b": -2, "c": 10.5, "d": 1500.0, "e": True, "f": False, "g": None, "h": "3"}


def test_a_number_too_long_for_python_stays_text() -> None:
    assert load("n: " + "9" * 5000 + "\n").data == {"n": "9" * 5000}


def test_one_explicit_document_with_an_end_marker_is_fine() -> None:
    assert load("---\nname: Ana\n...\n").data == {"name": "Ana"}


# --- encodings and bytes ------------------------------------------------------------------------------------


def test_utf8_byte_order_mark_is_a_warning_and_the_data_is_still_read() -> None:
    document = load(b"\xef\xbb\xbfname: Ana\n")

    assert document.data == {"name": "Ana"}
    [warning] = document.warnings
    assert (warning.code, warning.severity, warning.line, warning.column) == ("byte-order-mark", Severity.WARNING, 1, 1)
    assert "UTF-8 without BOM" in warning.hint


def test_utf16_with_byte_order_mark_is_refused_naming_the_encoding() -> None:
    problem = only("name: Ana\n".encode("utf-16"))

    assert problem.code == "not-utf8"
    assert "UTF-16" in problem.message
    assert "UTF-8" in problem.hint


def test_utf16_without_byte_order_mark_is_refused_naming_the_encoding() -> None:
    problem = only("name: Ana\nrole: Buyer\n".encode("utf-16-le"))

    assert problem.code == "not-utf8"
    assert "UTF-16" in problem.message


def test_invalid_utf8_byte_is_located_by_line_and_character_column() -> None:
    raw = "name: Zoë\nrole: Café ".encode() + b"\xe9" + b" owner\n"  # Latin-1 é after UTF-8 text

    problem = only(raw)

    assert (problem.code, problem.line, problem.column) == ("not-utf8", 2, 12)
    assert "0xe9" in problem.message
    assert "UTF-8" in problem.hint


def test_invalid_utf8_after_old_mac_line_breaks_counts_lines_like_yaml() -> None:
    problem = only(b"a: 1\rb: 2\rc: \xff\r")

    assert (problem.line, problem.column) == (3, 4)


def test_nul_bytes_mean_a_binary_file_located_at_the_first_one() -> None:
    problem = only(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")

    assert problem.code == "binary-file"
    assert (problem.line, problem.column) == (3, 1)
    assert ".yml" in problem.hint


def test_control_character_pasted_into_text_is_located() -> None:
    problem = only("name: Ana\nrole: Office\x07manager\n")

    assert (problem.code, problem.line, problem.column) == ("control-character", 2, 13)
    assert "U+0007" in problem.message


def test_empty_file_is_refused_with_a_way_to_start() -> None:
    problem = only(b"")

    assert problem.code == "empty-file"
    assert "mkdocs-journeys new" in problem.hint


def test_whitespace_only_file_is_empty() -> None:
    assert only(b"  \n\n").code == "empty-file"


def test_comment_only_file_says_it_holds_only_comments() -> None:
    problem = only("# yaml-language-server: $schema=../schemas/persona.schema.json\n# TODO\n")

    assert problem.code == "empty-file"
    assert "only comments" in problem.message


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.yml"
    with path.open("wb") as file:
        file.write(b"name: Ana\n")
        file.write(b"# padding\n" * 1_000_000)  # 10 MB

    with pytest.raises(DiagnosticsError) as caught:
        load_file(path, "personas/huge.yml")

    [problem] = caught.value.diagnostics
    assert problem.code == "file-too-large"
    assert "9.5 MiB" in problem.message  # 10 MB
    assert_well_formed([problem])


def test_load_bytes_refuses_a_file_over_the_size_limit_too() -> None:
    assert only(b"a: " + b"x" * (yaml_loader.MAX_FILE_BYTES + 1)).code == "file-too-large"


def test_unreadable_path_is_a_diagnostic(tmp_path: Path) -> None:
    with pytest.raises(DiagnosticsError) as caught:
        load_file(tmp_path / "gone.yml", "personas/gone.yml")

    [problem] = caught.value.diagnostics
    assert problem.code == "unreadable-file"
    assert_well_formed([problem])


# --- tabs -----------------------------------------------------------------------------------------------------


def test_tab_indentation_is_located_at_the_tab_with_a_hint() -> None:
    problem = only("name: Ana\ngoals:\n\t- Save time\n")

    assert (problem.code, problem.line, problem.column) == ("tab-indent", 3, 1)
    assert "spaces" in problem.hint


def test_tab_after_spaces_is_located_at_the_tab() -> None:
    problem = only("demographics:\n  age_range: 30-39\n  \tlocation: Lyon\n")

    assert (problem.code, problem.line, problem.column) == ("tab-indent", 3, 3)


def test_every_tab_indented_line_is_reported_at_once() -> None:
    found = problems("goals:\n\t- a\n\t- b\npains:\n\t- c\n")

    assert [(d.code, d.line) for d in found] == [("tab-indent", 2), ("tab-indent", 3), ("tab-indent", 5)]


def test_tab_after_a_list_dash_is_reported_as_a_tab() -> None:
    problem = only("goals:\n  - a\n  -\tb\n")

    assert (problem.code, problem.line, problem.column) == ("tab-indent", 3, 4)


def test_tabs_inside_a_block_of_text_are_content_not_indentation() -> None:
    assert load("quote: |\n  Price\tper seat\n  \tindented with a tab\n").data == {
        "quote": "Price\tper seat\n\tindented with a tab\n"
    }


def test_tab_between_key_and_value_is_read_by_libyaml_or_located_by_pure_python(parser: str) -> None:
    if parser == "libyaml":
        assert load("name:\tAna\n").data == {"name": "Ana"}
    else:
        problem = only("name:\tAna\n")
        assert (problem.code, problem.line, problem.column) == ("tab-indent", 1, 6)
        assert "space" in problem.hint


# --- refused YAML features ------------------------------------------------------------------------------------


def test_duplicate_key_is_reported_at_the_second_naming_the_first_line() -> None:
    problem = only("name: Ana\nrole: Buyer\nname: Ann\n")

    assert (problem.code, problem.line, problem.column) == ("duplicate-key", 3, 1)
    assert "line 1" in problem.message
    assert "'name'" in problem.message


def test_every_duplicate_key_is_reported_at_once_also_when_nested() -> None:
    found = problems("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n")

    assert [(d.code, d.line, d.column) for d in found] == [("duplicate-key", 4, 3), ("duplicate-key", 5, 1)]


def test_keys_that_differ_only_in_quoting_are_duplicates() -> None:
    assert only("no: 1\n'no': 2\n").code == "duplicate-key"


@pytest.mark.parametrize(
    "text",
    [
        "name: !!python/object/apply:os.system ['echo owned']\n",
        "name: !!python/name:os.system\n",
        "name: !!python/object:collections.OrderedDict {}\n",
        "!!python/name:os.system : x\n",
        "name: !!binary aGVsbG8=\n",
        "name: !!set {a, b}\n",
        "name: !!omap [a: 1]\n",
        "name: !custom value\n",
    ],
)
def test_tags_that_could_run_code_or_build_objects_are_refused(text: str) -> None:
    problem = only(text)

    assert problem.code == "unsafe-tag"
    assert problem.line == 1
    assert "remove" in problem.hint


def test_every_refused_tag_is_reported_at_once() -> None:
    assert [d.line for d in problems("a: !!binary aGk=\nb: ok\nc: !x y\n")] == [1, 3]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("n: !!int '" + "9" * 5000 + "'\n", "not a valid number", id="quoted-int-too-long-for-python"),
        ("n: !!int abc\n", "not a valid number"),
        ("n: !!float many\n", "not a valid number"),
        ("n: !!bool maybe\n", "not true or false"),
        ("n: !!timestamp soon\n", "not a date"),
        ("n: !!seq abc\n", "does not fit"),
        ("n: !!map [a]\n", "does not fit"),
        ("n: !!str [a]\n", "does not fit"),
    ],
)
def test_core_tags_that_do_not_fit_their_value_are_refused(text: str, expected: str) -> None:
    problem = only(text)

    assert problem.code == "yaml-tag"
    assert expected in problem.message
    assert len(problem.message) < 200


def test_core_tags_that_fit_are_read() -> None:
    assert load("a: !!str 123\nb: !!int '7'\nc: !!float 1\nd: !!bool 'yes'\ne: !!null ''\n").data == {
        "a": "123",
        "b": 7,
        "c": 1.0,
        "d": True,
        "e": None,
    }


def test_merge_key_is_refused_at_the_merge() -> None:
    problem = only("base: &base\n  owner: Marketing\nblog:\n  <<: *base\n  name: Blog\n")

    assert (problem.code, problem.line, problem.column) == ("merge-key", 4, 3)
    assert "write the keys out" in problem.hint


def test_complex_key_is_refused() -> None:
    assert only("? [a, b]\n: value\n").code == "complex-key"


def test_aliases_of_a_small_value_are_read() -> None:
    document = load("owner: &team Marketing\nbackup: *team\nlist: &l [a, b]\ncopy: *l\n")

    assert document.data == {"owner": "Marketing", "backup": "Marketing", "list": ["a", "b"], "copy": ["a", "b"]}
    assert document.source.locate(("copy", 1)) == yaml_loader.Position(3, 14)  # where the value was written


BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_alias_bomb_is_refused_quickly_at_the_alias_that_explodes(budget: float) -> None:
    started = time.perf_counter()
    problem = only(BILLION_LAUGHS)
    elapsed = time.perf_counter() - started

    assert elapsed < budget
    assert problem.code == "too-many-values"
    assert "aliases" in problem.message
    assert problem.line > 1


def test_many_aliases_of_a_large_list_are_refused_quickly(budget: float) -> None:
    text = "a: &a [" + "x, " * 1000 + "]\nb: [" + "*a, " * 500 + "]\n"

    started = time.perf_counter()
    problem = only(text)

    assert time.perf_counter() - started < budget
    assert (problem.code, problem.line) == ("too-many-values", 2)


def test_alias_inside_its_own_anchor_is_refused() -> None:
    problem = only("name: &a [*a]\n")

    assert problem.code == "too-deep"
    assert "'*a'" in problem.message


def test_undefined_alias_is_a_located_syntax_error() -> None:
    problem = only("name: Ana\nrole: *job\n")

    assert (problem.code, problem.line, problem.column) == ("yaml-syntax", 2, 7)
    assert "anchor (&name)" in problem.hint


def test_anchor_defined_twice_is_located_at_the_second_naming_the_first() -> None:
    problem = only("owner: &team Marketing\nbackup: &team Sales\n")

    assert (problem.code, problem.line, problem.column) == ("yaml-syntax", 2, 9)
    assert problem.message == "YAML syntax error: anchor '&team' is defined twice (first at line 1)"
    assert "only once" in problem.hint


# --- structure limits -----------------------------------------------------------------------------------------


def test_fifty_levels_of_nesting_give_a_clean_diagnostic() -> None:
    text = "".join("  " * level + f"level{level}:\n" for level in range(50)) + "  " * 50 + "end: 1\n"

    problem = only(text)

    assert problem.code == "too-deep"
    assert problem.line == MAX_DEPTH + 1
    assert str(MAX_DEPTH) in problem.message


def test_nesting_up_to_the_limit_is_fine() -> None:
    text = "[" * MAX_DEPTH + "]" * MAX_DEPTH

    assert load(text).data is not None


@pytest.mark.parametrize("opening", ["[", "{", "[a, ", "{a: ", "- "])
def test_thousands_of_open_brackets_give_a_clean_diagnostic_quickly(opening: str, budget: float) -> None:
    started = time.perf_counter()
    problem = only(opening * 5000)

    assert time.perf_counter() - started < budget
    assert problem.code == "too-deep"
    assert problem.line == 1


@pytest.mark.parametrize("opening", ["[", "{", "[a, ", "{a: ", "- "])
def test_too_deep_is_placed_where_our_limit_is_exceeded_however_deep_the_file_goes(opening: str) -> None:
    """libyaml 0.2.6 stops at 1,000 levels itself, reading ahead: the place must not depend on the parser's limit."""
    shallow = only(opening * (MAX_DEPTH + 10))
    deep = only(opening * 5000)

    assert (deep.code, deep.line, deep.column, deep.message) == (
        shallow.code,
        shallow.line,
        shallow.column,
        shallow.message,
    )
    assert shallow.code == "too-deep"
    assert shallow.column > len(opening) * MAX_DEPTH


def test_a_file_full_of_brackets_is_refused_quickly(budget: float) -> None:
    """A million `[` used to take libyaml minutes (and crash the interpreter when composed)."""
    started = time.perf_counter()
    problem = only("[" * 1_000_000 + "]" * 1_000_000)

    assert time.perf_counter() - started < budget
    assert problem.code == "too-deep"


def test_too_many_values_without_aliases_suggests_splitting_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_loader, "MAX_VALUES", 1000)

    problem = only("- [" + "1," * 1010 + "]\n")

    assert problem.code == "too-many-values"
    assert "split" in problem.hint


def test_second_document_is_refused_at_its_separator() -> None:
    problem = only("name: Ana\n---\nname: Ben\n")

    assert (problem.code, problem.line, problem.column) == ("several-documents", 2, 1)
    assert "'---'" in problem.hint


def test_an_empty_second_document_is_still_a_second_document() -> None:
    assert only("name: Ana\n---\n").code == "several-documents"


def test_a_top_level_list_is_loaded_and_left_to_validation() -> None:
    assert load("- name: Ana\n- name: Ben\n").data == [{"name": "Ana"}, {"name": "Ben"}]


# --- syntax errors --------------------------------------------------------------------------------------------


SYNTAX_ERRORS = {
    "colon in text": ("name: Ana\nsummary: Note: prices\n", 2, 14, "quotes"),
    "indented key": ("name: Ana\n role: Buyer\n", 2, 6, "indented"),
    "key among list entries": ("goals:\n  - a\n  b: 1\n", 3, 3, "list entry"),
    "unclosed list": ("goals: [a, b\nrole: x\n", 2, 5, "not closed"),
    "unclosed mapping": ("name: {first: Ana\n", 2, 1, "not closed"),
    "value starting with @": ("name: @ana\n", 1, 7, "'@'"),
    "value starting with backtick": ("name: `ana`\n", 1, 7, "'`'"),
    "lone asterisk": ("name: *\n", 1, 8, "alias"),
    "backslash in double quotes": ('name: "C:\\Users"\n', 1, 12, "backslash"),
    "over-indented key": ("name: Ana\n  role: Buyer\n", 2, 7, "quotes"),
    "key without colon": ("name: Ana\nrole\nsummary: x\n", 2, 1, "'key: value'"),
    "quote inside single quotes": ("name: 'it's'\n", 1, 11, "''"),
    "list entry under a mapping": ("name: Ana\n- goal\n", 2, 1, "lines up"),
}


@pytest.mark.parametrize(("text", "line", "column", "hint"), SYNTAX_ERRORS.values(), ids=SYNTAX_ERRORS.keys())
def test_syntax_error_is_located_with_a_useful_hint(text: str, line: int, column: int, hint: str) -> None:
    problem = only(text)

    assert problem.code == "yaml-syntax"
    assert (problem.line, problem.column) == (line, column)
    assert problem.message.startswith("YAML syntax error: ")
    assert hint in problem.hint


def test_unclosed_bracket_message_names_where_it_was_opened() -> None:
    assert "'[' opened at line 1, column 8" in only("goals: [a, b\nrole: x\n").message


def test_unclosed_quote_points_at_the_opening_quote() -> None:
    problem = only('name: Ana\nsummary: "Buys the tools\nrole: Buyer\n')

    assert (problem.code, problem.line, problem.column) == ("yaml-syntax", 2, 10)
    assert "never closed" in problem.message
    assert "closing quote" in problem.hint


# --- whatever the bytes, a diagnostic and never a traceback -------------------------------------------------------

YAMLISH = st.sampled_from(
    [
        "name", "a", "no", "- ", ": ", "? ", "---\n", "...\n", "&a ", "*a", "!!int ", "!!python/name:x ", "!x ",
        "<<: ", "[", "]", "{", "}", ", ", "'", '"', "\\", "#", "|\n", ">-\n", "\n", "  ", "\t", "\r", "\x00",
        "\ufeff", "é", "\u2028", "2024-13-45", "1:30", "0123", ".inf", "9" * 50, "yes", "~", "%YAML 1.1\n",
    ]
)  # fmt: skip


@settings(max_examples=200, deadline=500, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(max_size=200), st.text(max_size=200).map(str.encode), st.lists(YAMLISH).map("".join)))
def test_any_input_gives_data_or_diagnostics_never_an_exception(raw: bytes | str) -> None:
    try:
        load(raw)
    except DiagnosticsError as error:
        assert_well_formed(error.diagnostics)


def test_a_control_character_written_as_an_escape_is_named_in_the_hint_as_written() -> None:
    # The hint named "\x14 or \0" whatever the character was.
    problem = only('name: Ana\nrole: "Office\\emanager"\n')

    assert problem.code == "control-character" and "U+001B" in problem.message
    assert "(\\x1b)" in problem.hint and "\\x14" not in problem.hint
