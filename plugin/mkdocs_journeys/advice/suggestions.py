"""Suggested content: the formats that something recorded for one persona at one stage calls for, and why.

A format is suggested only when a signal (`signals.py`) calls for it:
- its keywords match the words of a question, a pain point, a KPI, an opportunity, a wish or a frustration
  (`match_signals`: each recorded thing goes to the formats it matches best);
- it answers every question of the stage (`ContentFormat.every_question_in`), or the questions no other format
  answers (`catch_all`);
- it is the content of a touchpoint where a pain point is recorded (`content_of_touchpoint`);
- it is the staple of a stage with a coverage gap (`staple_in`), or it brings back people lost in a large drop-off
  into the stage (`recovers_drop_off`).
It must also reach the persona: one of its channels is one they prefer, one of a touchpoint of the stage, or the
open web. A format already published for them there is suggested again only when a complaint (a pain point, a KPI
off target, a drop-off) calls for it. A stage where nothing calls for a format gets no suggestion of it.

Suggestions are placed on a channel that can carry the format (never a blog post on Instagram), the persona's most
preferred first, and ordered by impact: where the journey loses most people or misses its target by most, then how
many personas need the format at this stage, then what was recorded, in `signals.SIGNAL_ORDER`.

Pure functions; the order is deterministic and there is one suggestion per format.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from mkdocs_journeys.advice.signals import SIGNAL_ORDER, Signal
from mkdocs_journeys.data.catalog import Catalog
from mkdocs_journeys.data.model import (
    ContentAsset,
    ContentFormat,
    Persona,
    Stage,
    Touchpoint,
)

OPEN_CHANNELS = frozenset({"web", "search"})
"""Channels that reach anyone who looks: a page on the web can be found, read aloud or printed for anybody."""


@dataclass(frozen=True)
class ContentSuggestion:
    """One piece of content to publish for a persona in a stage, and why."""

    format: ContentFormat
    title: str
    reason: str
    """One line: what was recorded that calls for it, and where it reaches the persona."""
    signals: tuple[Signal, ...]
    """Everything recorded here that calls for this format, the most pressing first."""
    channel: str | None = None
    """The channel id to publish on: one of the format's channels, the persona's most preferred first."""
    preferred_rank: int | None = None
    """1 when `channel` is the persona's first-choice channel; None when it is not among their preferences."""
    touchpoint: str | None = None
    """A touchpoint on `channel` that the persona meets in this stage."""
    published: tuple[str, ...] = ()
    """Ids of assets of this format already published for this persona in this stage: they fall short."""
    personas: int = 1
    """How many personas need this format at this stage (set by the `Advisor`, which sees them all)."""

    @property
    def is_open(self) -> bool:
        """Nothing of this format is published for them here yet."""
        return not self.published

    @property
    def shortfall(self) -> float:
        """The largest share lost, or the largest miss of a target, among the signals that call for it."""
        return max((signal.shortfall for signal in self.signals), default=0.0)

    @property
    def topics(self) -> tuple[Signal, ...]:
        """The recorded words this content should answer; the first is in the title."""
        return tuple(signal for signal in self.signals if signal.kind in _TOPICS)

    @property
    def also(self) -> tuple[Signal, ...]:
        """What else calls for it, beyond the signal its reason gives and the topic its title quotes."""
        shown = {id(self.signals[0])} | {id(t) for t in self.topics[:1]}
        return tuple(signal for signal in self.signals if id(signal) not in shown)


def suggest(
    formats: Sequence[ContentFormat],
    *,
    persona: Persona,
    stage: Stage,
    signals: Sequence[Signal],
    touchpoints: Sequence[Touchpoint] = (),
    published: Sequence[ContentAsset] = (),
    channel_names: Mapping[str, str] | None = None,
    channels: Collection[str] | None = None,
) -> list[ContentSuggestion]:
    """Suggestions for `persona` at `stage`, from the `formats` that can serve them there and the `signals` recorded.

    `touchpoints` are those the persona meets in this stage; `published` the assets already serving the persona
    there; `channel_names` turn channel ids into words for the reasons; `channels` are the ids of the channels the
    site knows (a built-in format may name one a site does not use, such as text messages): only they carry content.
    """
    unique = _unique_formats(formats)
    calls = earn(unique, signals, stage.stage_type)
    reachable = OPEN_CHANNELS | set(persona.preferred_channels) | {t.channel for t in touchpoints}
    reachable |= {s.touchpoint.channel for s in signals if s.touchpoint is not None}
    suggestions = []
    for content_format in unique:
        called = calls[content_format.id]
        carriers = [c for c in content_format.channels if channels is None or c in channels]
        if not called or not reachable & set(carriers or OPEN_CHANNELS):
            continue
        assets = tuple(a.id for a in published if a.format == content_format.id)
        if assets and not any(signal.is_complaint for signal in called):
            continue
        suggestions.append(
            _suggestion(
                content_format, carriers, tuple(called), persona, stage, touchpoints, assets, channel_names or {}
            )
        )
    return rank(suggestions, unique)


def rank(suggestions: Iterable[ContentSuggestion], formats: Sequence[ContentFormat] = ()) -> list[ContentSuggestion]:
    """Most impact first: the largest shortfall, then the most personas in need, then what calls for it (in
    `SIGNAL_ORDER`, then the order it was recorded in), then the library's order."""
    library_order = {f.id: position for position, f in enumerate(formats)}
    kind_order = {kind: position for position, kind in enumerate(SIGNAL_ORDER)}

    def order(suggestion: ContentSuggestion) -> tuple[float, int, int, int]:
        lead = suggestion.signals[0]
        return (
            -suggestion.shortfall,
            -suggestion.personas,
            kind_order[lead.kind],
            library_order.get(suggestion.format.id, len(library_order)),
        )

    return sorted(suggestions, key=order)


def earn(
    formats: Sequence[ContentFormat], signals: Sequence[Signal], stage_type: str | None
) -> dict[str, list[Signal]]:
    """For each format (by id), the signals that call for it, in the order of `signals`."""
    calls: dict[str, list[Signal]] = {f.id: [] for f in formats}
    matched = match_signals(formats, [s for s in signals if s.is_worded])
    answered = {id(signal) for found in matched.values() for signal in found}
    questions = [s for s in signals if s.kind == "question"]
    for content_format in formats:
        own = calls[content_format.id]
        own += matched.get(content_format.id, [])
        if stage_type and stage_type in content_format.every_question_in:
            own += questions
        if content_format.catch_all:
            own += [q for q in questions if id(q) not in answered]
        for signal in signals:
            staple = signal.kind == "gap" and stage_type in content_format.staple_in
            recovers = signal.kind == "drop-off" and content_format.recovers_drop_off
            if staple or recovers:
                own.append(signal)
    for signal in signals:
        for content_format in touchpoint_content(formats, signal):
            calls[content_format.id].append(signal)
    position = {id(signal): index for index, signal in enumerate(signals)}
    return {
        format_id: sorted({id(s): s for s in found}.values(), key=lambda s: position[id(s)])
        if any(s.kind != "frustration" for s in found)
        else []
        for format_id, found in calls.items()
    }


def touchpoint_content(formats: Sequence[ContentFormat], signal: Signal) -> list[ContentFormat]:
    """The formats that are the content of the touchpoint where a pain point is recorded: those made for its channel
    (`content_of_touchpoint`), narrowed by the touchpoint's name and the pain point's words when they tell apart a
    comparison site from a broker; all of them when the words say nothing."""
    if signal.kind != "moment" or signal.touchpoint is None:
        return []
    touchpoint = signal.touchpoint
    candidates = [f for f in formats if f.content_of_touchpoint and touchpoint.channel in f.channels]
    words = f"{touchpoint.name}: {signal.text}"
    scores = {f.id: keyword_score(words, f.keywords) for f in candidates}
    best = max(scores.values(), default=0)
    return [f for f in candidates if scores[f.id] == best]


# --- wording ----------------------------------------------------------------------------------------------------

_TOPICS = frozenset({"moment", "pain point", "question", "opportunity", "wish", "frustration"})


def _suggestion(
    content_format: ContentFormat,
    carriers: Sequence[str],
    signals: tuple[Signal, ...],
    persona: Persona,
    stage: Stage,
    touchpoints: Sequence[Touchpoint],
    published: tuple[str, ...],
    channel_names: Mapping[str, str],
) -> ContentSuggestion:
    moment_touchpoint = next((s.touchpoint for s in signals if s.touchpoint is not None), None)
    channel, rank_, touchpoint = _placement(carriers, persona.preferred_channels, touchpoints, moment_touchpoint)
    topic = next((s for s in signals if s.kind in _TOPICS), None)
    first_name = persona.name.split()[0]
    why = _why(signals[0], topic, first_name, stage)
    if rank_ is not None:
        where = "their first-choice channel" if rank_ == 1 else f"their {_ordinal(rank_)} preferred channel"
        why += f"; {channel_names.get(channel or '', channel)} is {where}"
    elif touchpoint is not None:
        why += f"; they meet you on {touchpoint.name} in this stage"
    return ContentSuggestion(
        format=content_format,
        title=_title(content_format, topic),
        reason=f"{why}.",
        signals=signals,
        channel=channel,
        preferred_rank=rank_,
        touchpoint=touchpoint.id if touchpoint else None,
        published=published,
    )


def _title(content_format: ContentFormat, topic: Signal | None) -> str:
    if topic is None:
        return content_format.name
    text = _one_line(topic.text)
    if topic.kind == "question":
        return f"{content_format.name} answering “{text}”"
    if topic.kind in ("opportunity", "wish"):
        return f"{content_format.name}: “{text.rstrip('.')}”"
    return f"{content_format.name} addressing “{text.rstrip('.')}”"


def _why(lead: Signal, topic: Signal | None, first_name: str, stage: Stage) -> str:
    """The lead signal in one clause; it says "this" when the title already quotes it."""
    quoted = "this" if lead is topic else f"“{_one_line(lead.text).rstrip('.')}”"
    at = f"at {stage.name}"
    if lead.kind == "kpi":
        return f"“{_one_line(lead.text)}” is {lead.measure} {at}"
    if lead.kind == "drop-off":
        return f"{lead.measure} did not go on to {stage.name}"
    if lead.kind == "gap":
        return f"{_one_line(lead.text)}, and this is the first thing to publish there"
    if lead.kind == "moment":
        where = lead.touchpoint.name if lead.touchpoint else "a touchpoint"
        return f"{first_name} runs into {quoted} at {where} {at}"
    if lead.kind == "pain point":
        return f"{first_name} runs into {quoted} {at}"
    if lead.kind == "question":
        return f"{first_name} asks {quoted} {at}"
    if lead.kind == "opportunity":
        return f"The team's open opportunity {at}" if lead is topic else f"The team's open opportunity {at}: {quoted}"
    if lead.kind == "wish":
        return f"The team wishes for {quoted} {at}"
    return f"One of {first_name}'s frustrations, and it belongs {at}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def channel_words(catalog: Catalog) -> dict[str, str]:
    """Channel names as they read inside a sentence: 'Social media' → 'social media'."""
    return {channel_id: _sentence_part(channel.name) for channel_id, channel in catalog.channels.items()}


def _sentence_part(text: str) -> str:
    """'Build a shortlist.' → 'build a shortlist' (for use inside a sentence)."""
    text = " ".join(text.split()).rstrip(".")
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


# --- helpers ----------------------------------------------------------------------------------------------------


def _unique_formats(formats: Sequence[ContentFormat]) -> list[ContentFormat]:
    seen: set[str] = set()
    unique = []
    for content_format in formats:
        if content_format.id not in seen:
            seen.add(content_format.id)
            unique.append(content_format)
    return unique


def _placement(
    channels: Sequence[str],
    preferred: Sequence[str],
    touchpoints: Sequence[Touchpoint],
    moment_touchpoint: Touchpoint | None,
) -> tuple[str | None, int | None, Touchpoint | None]:
    """Where to publish: (channel, its rank among the persona's preferred channels, a touchpoint on it).

    Always one of the format's own `channels` (those the site knows): the one of the touchpoint whose pain point
    calls for it; else the persona's most preferred; else one on which they meet a touchpoint in this stage; else
    the format's usual one.
    """
    if moment_touchpoint is not None and moment_touchpoint.channel in channels:
        channel = moment_touchpoint.channel
        rank_ = preferred.index(channel) + 1 if channel in preferred else None
        return channel, rank_, moment_touchpoint
    for rank_, channel in enumerate(preferred, start=1):
        if channel in channels:
            return channel, rank_, next((t for t in touchpoints if t.channel == channel), None)
    for touchpoint in touchpoints:
        if touchpoint.channel in channels:
            return touchpoint.channel, None, touchpoint
    return (channels[0] if channels else None), None, None


def with_personas(suggestion: ContentSuggestion, personas: int) -> ContentSuggestion:
    """The suggestion, knowing how many personas need its format at this stage."""
    return replace(suggestion, personas=personas)


# --- matching ---------------------------------------------------------------------------------------------------


def match_signals(formats: Sequence[ContentFormat], signals: Sequence[Signal]) -> dict[str, list[Signal]]:
    """Give each signal to the formats whose keywords its words match best (every format of the best score).

    A signal that matches no keyword goes nowhere here (a catch-all format may still take a question).
    """
    matched: dict[str, list[Signal]] = {}
    matcher = keyword_matcher(formats)
    for signal in signals:
        scores = matcher.scores(signal.text)
        best_score = max(scores, default=0)
        for content_format, score in zip(formats, scores, strict=True):
            if best_score and score == best_score:
                matched.setdefault(content_format.id, []).append(signal)
    return matched


def keyword_score(text: str, keywords: Iterable[str]) -> int:
    """How many keywords occur in `text` as words, case-insensitively; `fee` also matches 'fees', and a keyword
    ending in `*` matches any ending: `compar*` matches 'compare' and 'comparison', but `fee` not 'feed'."""
    return KeywordMatcher([list(keywords)]).scores(text)[0]


# --- matching keywords ---------------------------------------------------------------------------------------------
#
# Every worded signal of a stage (questions, pain points, …) is scored against every format of the stage. Matching each keyword with a
# pattern of its own cost keywords × texts (`docs/benchmarks.md` has the figures); the keywords of a stage's formats
# are put into one tree of characters instead, and each text is walked once from each place a word can start, so
# the cost grows with the length of the texts and of the longest keyword (at most `model.MAX_KEYWORD`), not with
# their number.

_ENDS = ""
"""The key of a node of the tree under which the keywords ending there are listed (no character is empty)."""
_WORD_STARTS = re.compile(r"(?<!\w)")


class KeywordMatcher:
    """The keywords of several formats, each list scored on its own: `scores(text)[n]` is how many keywords of the
    n-th list occur in `text` (see `keyword_score` for what occurring means)."""

    def __init__(self, keyword_lists: Sequence[Sequence[str]]) -> None:
        self.size = len(keyword_lists)
        self._tree: dict[str, Any] = {}
        serial = 0
        for owner, keywords in enumerate(keyword_lists):
            for keyword in keywords:
                words = " ".join(keyword.lower().split())
                anything_after = words.endswith("*")
                node = self._tree
                for character in words[:-1] if anything_after else words:
                    node = node.setdefault(character, {})
                node.setdefault(_ENDS, []).append((owner, serial, anything_after))
                serial += 1
        self._scores: dict[str, tuple[int, ...]] = {}

    def scores(self, text: str) -> tuple[int, ...]:
        """Remembered: a persona's frustrations are matched against the same formats for every step of their
        journeys, and again for their content coverage."""
        found = self._scores.get(text)
        if found is None:
            if len(self._scores) > 65_536:
                self._scores.clear()
            found = self._scores[text] = self._score(" ".join(text.lower().split()))
        return found

    def _score(self, text: str) -> tuple[int, ...]:
        counts = [0] * self.size
        seen: set[int] = set()
        tree, end = self._tree, len(text)
        for start in (match.start() for match in _WORD_STARTS.finditer(text)):
            node: dict[str, Any] | None = tree
            position = start
            while node is not None:
                for owner, serial, anything_after in node.get(_ENDS, ()):
                    if serial not in seen and (anything_after or _word_ends(text, position)):
                        seen.add(serial)
                        counts[owner] += 1
                if position == end:
                    break
                node = node.get(text[position])
                position += 1
        return tuple(counts)


def _word_ends(text: str, position: int) -> bool:
    """A keyword ending at `position` ends a word there, or before a plural `s` or `es` that ends it."""
    for ending in ("", "s", "es"):
        after = position + len(ending)
        if text.startswith(ending, position) and (after == len(text) or not _is_word(text[after])):
            return True
    return False


def _is_word(character: str) -> bool:
    """What `\\w` matches in a pattern of text: a letter, digit or number of any script, or `_`."""
    return character.isalnum() or character == "_"


def keyword_matcher(formats: Sequence[ContentFormat]) -> KeywordMatcher:
    """The matcher of these formats' keywords, made once: the same formats (the same objects) are suggested for every
    persona of every journey through a stage."""
    key = tuple(map(id, formats))
    found = _MATCHERS.get(key)
    if found is None:
        if len(_MATCHERS) > 256:
            _MATCHERS.clear()
        # The formats are kept with their matcher, so that their ids cannot be reused by other objects meanwhile.
        found = _MATCHERS[key] = (tuple(formats), KeywordMatcher([f.keywords for f in formats]))
    return found[1]


_MATCHERS: dict[tuple[int, ...], tuple[tuple[ContentFormat, ...], KeywordMatcher]] = {}
