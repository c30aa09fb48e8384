"""Big raw HTML held back from Markdown behind placeholders, and put back whole."""

from __future__ import annotations

from mkdocs_journeys.site.deferred import DeferredHtml


def test_each_placeholder_is_replaced_by_its_own_block() -> None:
    deferred = DeferredHtml()
    first, second = deferred.hold("<svg>1</svg>"), deferred.hold("<svg>2</svg>")
    page = f"<p>a</p>\n{second}\n<p>b</p>\n{first}"
    assert deferred.insert(page) == "<p>a</p>\n<svg>2</svg>\n<p>b</p>\n<svg>1</svg>"


def test_the_same_block_is_held_once_and_no_html_needs_no_placeholder() -> None:
    deferred = DeferredHtml()
    assert deferred.hold("<svg/>") == deferred.hold("<svg/>")
    assert deferred.hold("") == ""


def test_a_placeholder_markdown_rewrote_with_a_line_break_is_still_found() -> None:
    deferred = DeferredHtml()
    placeholder = deferred.hold("<svg/>")
    assert deferred.insert(str(placeholder).replace("></div>", ">\n</div>")) == "<svg/>"


def test_text_that_only_looks_like_a_placeholder_once_escaped_stays_text() -> None:
    deferred = DeferredHtml()
    deferred.hold("<svg/>")
    escaped = '&lt;div data-journeys-deferred="0"&gt;&lt;/div&gt;'
    assert deferred.insert(escaped) == escaped


def test_the_fingerprint_follows_the_blocks_not_their_placeholder_numbers() -> None:
    one, other = DeferredHtml(), DeferredHtml()
    other.hold("<svg>unrelated</svg>")  # shifts the numbers of the other build
    page_one = f"# Page\n{one.hold('<svg>1</svg>')}"
    page_other = f"# Page\n{other.hold('<svg>1</svg>')}"
    assert page_one != page_other
    assert one.fingerprint(page_one) == other.fingerprint(page_other)
    assert one.fingerprint(f"# Page\n{one.hold('<svg>2</svg>')}") != one.fingerprint(page_one)
