"""Suggested content: the content library applied to what a journey says about one persona in one stage.

Each format of the stage becomes one `ContentSuggestion`. The persona's questions and pain points in that stage are
given to the format whose keywords match them best, so the suggestion says what to write ("a comparison guide
answering 'What will this cost after the first year?'"); the persona's preferred channels decide where to publish
it, and a touchpoint they already use on that channel names the place. Every suggestion carries a one-line reason.

Pure functions; the order is deterministic: formats nobody has published yet first, those answering a question or
pain point before the general ones (in the order the journey lists them), then by the persona's channel preference
and the library's order. One suggestion per format, never two.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from mkdocs_journeys.data.catalog import Catalog
from mkdocs_journeys.data.model import ContentAsset, ContentFormat, JourneyStep, Persona, Stage, Touchpoint

TopicKind = Literal["question", "pain point", "frustration"]
"""Questions and pain points come from the journey's stage; frustrations are the persona's own pain points, which
only fill formats that no question or pain point of the stage went to."""


@dataclass(frozen=True)
class Topic:
    """Something the persona asks, suffers, needs or wants, in the words of the journey or the persona."""

    kind: TopicKind
    text: str

    @property
    def from_stage(self) -> bool:
        return self.kind in ("question", "pain point")


@dataclass(frozen=True)
class ContentSuggestion:
    """One piece of content to publish for a persona in a stage, and why."""

    format: ContentFormat
    title: str
    reason: str
    channel: str | None = None
    """The channel id to publish on: the persona's most preferred channel among the format's channels."""
    preferred_rank: int | None = None
    """1 when `channel` is the persona's first-choice channel; None when it is not among their preferences."""
    touchpoint: str | None = None
    """A touchpoint on `channel` that the persona already uses in this journey (in this stage first)."""
    answers: tuple[Topic, ...] = ()
    """The questions and pain points this content should answer; the first one is in the title."""
    published: tuple[str, ...] = ()
    """Ids of assets of this format already published for this persona in this stage."""

    @property
    def is_open(self) -> bool:
        """Nothing of this format is published for them here yet."""
        return not self.published


def suggest(
    formats: Sequence[ContentFormat],
    *,
    persona: Persona,
    stage: Stage,
    step: JourneyStep | None = None,
    touchpoints: Sequence[Touchpoint] = (),
    published: Sequence[ContentAsset] = (),
    channel_names: Mapping[str, str] | None = None,
) -> list[ContentSuggestion]:
    """Suggestions for `persona` in `stage`, from the stage's `formats` and the journey's `step` (if any).

    `touchpoints` are those the persona uses in this stage (a suggestion names the one on its channel);
    `published` are the assets already serving the persona in this stage; `channel_names` turn channel ids into
    words for the reasons.
    """
    names = channel_names or {}
    unique = _unique_formats(formats)
    stage_topics = _unique_topics(
        [Topic("question", q) for q in step.questions] + [Topic("pain point", p) for p in step.pain_points]
        if step
        else []
    )
    assigned = assign_topics(unique, stage_topics)
    persona_topics = _unique_topics([Topic("frustration", p) for p in persona.pain_points])
    for format_id, topic in match_persona_topics([f for f in unique if not assigned[f.id]], persona_topics).items():
        assigned[format_id].append(topic)
    first_name = persona.name.split()[0]
    suggestions = []
    for content_format in unique:
        answers = tuple(assigned[content_format.id])
        channel, rank, touchpoint = _placement(content_format, persona.preferred_channels, touchpoints)
        if rank is not None:
            where = "their first-choice channel" if rank == 1 else f"their {_ordinal(rank)} preferred channel"
            where = f"{names.get(channel or '', channel)} is {where}"
        else:
            where = f"they meet you on {touchpoint.name} in this stage" if touchpoint else ""
        suggestions.append(
            ContentSuggestion(
                format=content_format,
                title=_title(content_format, answers),
                reason=_reason(first_name, stage, step, answers, where),
                channel=channel,
                preferred_rank=rank,
                touchpoint=touchpoint.id if touchpoint else None,
                answers=answers,
                published=tuple(a.id for a in published if a.format == content_format.id),
            )
        )
    # A format that answers nothing they ask and reaches them nowhere they look is not advice for this persona.
    relevant = [s for s in suggestions if s.answers or s.preferred_rank is not None or s.touchpoint]
    suggestions = relevant or suggestions
    topic_order = {topic: position for position, topic in enumerate([*stage_topics, *persona_topics])}
    library_order = {f.id: position for position, f in enumerate(unique)}
    no_preference = len(persona.preferred_channels) + 1

    def order(suggestion: ContentSuggestion) -> tuple[bool, int, int, int]:
        if suggestion.answers:
            group = 0 if suggestion.answers[0].from_stage else 1
            first = topic_order[suggestion.answers[0]]
        else:
            group, first = 2, suggestion.preferred_rank or no_preference
        return (not suggestion.is_open, group, first, library_order[suggestion.format.id])

    return sorted(suggestions, key=order)


def assign_topics(formats: Sequence[ContentFormat], topics: Sequence[Topic]) -> dict[str, list[Topic]]:
    """Give each topic to the format whose keywords it matches most (ties: the earlier format).

    A topic that matches nothing goes to the stage's first catch-all format (an FAQ), else to its first format,
    so that no question the journey records is left without an answer.
    """
    assigned: dict[str, list[Topic]] = {f.id: [] for f in formats}
    if not formats:
        return assigned
    fallback = next((f for f in formats if f.catch_all), formats[0])
    matcher = keyword_matcher(formats)
    for topic in topics:
        best, best_score = fallback, 0
        for content_format, score in zip(formats, matcher.scores(topic.text), strict=True):
            if score > best_score:
                best, best_score = content_format, score
        assigned[best.id].append(topic)
    return assigned


def match_persona_topics(formats: Sequence[ContentFormat], topics: Sequence[Topic]) -> dict[str, Topic]:
    """Give formats that no stage question went to the persona's frustration they match best.

    Only real matches count (no catch-all here), each topic goes to one format at most, and a format takes the
    earliest topic among its best matches, so the result depends only on the order of the inputs.
    """
    matched: dict[str, Topic] = {}
    used: set[Topic] = set()
    matcher = keyword_matcher(formats)
    scores = [matcher.scores(topic.text) for topic in topics]
    for position, content_format in enumerate(formats):
        best, best_score = None, 0
        for topic, score in zip(topics, (of_topic[position] for of_topic in scores), strict=True):
            if topic not in used and score > best_score:
                best, best_score = topic, score
        if best is not None:
            matched[content_format.id] = best
            used.add(best)
    return matched


def keyword_score(text: str, keywords: Iterable[str]) -> int:
    """How many keywords occur in `text` as words, case-insensitively; `fee` also matches 'fees', and a keyword
    ending in `*` matches any ending: `compar*` matches 'compare' and 'comparison', but `fee` not 'feed'."""
    return KeywordMatcher([list(keywords)]).scores(text)[0]


def channel_words(catalog: Catalog) -> dict[str, str]:
    """Channel names as they read inside a sentence: 'Social media' → 'social media'."""
    return {channel_id: _sentence_part(channel.name) for channel_id, channel in catalog.channels.items()}


# --- wording ----------------------------------------------------------------------------------------------------


def _title(content_format: ContentFormat, answers: tuple[Topic, ...]) -> str:
    if not answers:
        return content_format.name
    topic = answers[0]
    if topic.kind == "question":
        return f"{content_format.name} answering “{topic.text}”"
    return f"{content_format.name} addressing “{topic.text.rstrip('.')}”"


_WHY = {
    "question": "{name} asks this at {stage}",
    "pain point": "{name} runs into this at {stage}",
    "frustration": "One of {name}'s frustrations, in their words",
}


def _reason(first_name: str, stage: Stage, step: JourneyStep | None, answers: tuple[Topic, ...], where: str) -> str:
    if answers:
        why = _WHY[answers[0].kind].format(name=first_name, stage=stage.name)
    elif step and step.decision:
        why = f"Moves {first_name} on to the next stage: {_sentence_part(step.decision)}"
    elif stage.customer_goal:
        why = f"Serves {first_name}'s goal at {stage.name}: {_sentence_part(stage.customer_goal)}"
    else:
        why = f"A staple of {stage.name} content for {first_name}"
    return f"{why}; {where}." if where else f"{why}."


def _sentence_part(text: str) -> str:
    """'Build a shortlist.' → 'build a shortlist' (for use inside a sentence)."""
    text = " ".join(text.split()).rstrip(".")
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


# --- helpers ----------------------------------------------------------------------------------------------------


def _unique_topics(candidates: Sequence[Topic]) -> list[Topic]:
    """Topics in order, on one line each, the same words (ignoring case and spacing) only once."""
    topics: list[Topic] = []
    seen: set[str] = set()
    for topic in candidates:
        text = " ".join(topic.text.split())
        if text.lower() not in seen:
            seen.add(text.lower())
            topics.append(Topic(topic.kind, text))
    return topics


def _unique_formats(formats: Sequence[ContentFormat]) -> list[ContentFormat]:
    seen: set[str] = set()
    unique = []
    for content_format in formats:
        if content_format.id not in seen:
            seen.add(content_format.id)
            unique.append(content_format)
    return unique


def _placement(
    content_format: ContentFormat, preferred: Sequence[str], touchpoints: Sequence[Touchpoint]
) -> tuple[str | None, int | None, Touchpoint | None]:
    """Where to publish: (channel, its rank among the persona's preferred channels, a touchpoint on it).

    The persona's most preferred channel that the format is published on; else a channel of the format on which
    they meet a touchpoint in this stage; else the format's usual channel.
    """
    for rank, channel in enumerate(preferred, start=1):
        if channel in content_format.channels:
            return channel, rank, next((t for t in touchpoints if t.channel == channel), None)
    for touchpoint in touchpoints:
        if touchpoint.channel in content_format.channels:
            return touchpoint.channel, None, touchpoint
    return (content_format.channels[0] if content_format.channels else None), None, None


# --- matching keywords ---------------------------------------------------------------------------------------------
#
# Every question and pain point of a stage is scored against every format of the stage. Matching each keyword with a
# pattern of its own cost keywords x texts (16,000 of each took 208 s and 1.3 GB); the keywords of a stage's formats
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
