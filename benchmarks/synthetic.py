"""Synthetic journey data the size of a small team's, a department's and a large organisation's site.

    python benchmarks/synthetic.py M /tmp/site-m      # writes mkdocs.yml, docs/, personas/ and journeys/

The same seed gives the same files, byte for byte. The shapes follow the example site: personas with goals, needs
and pains in their own words; 8 shared stages of which each journey goes through 6 to 8, in order; touchpoints
spread over the built-in channels, some with a survey; a content inventory in the built-in formats; funnel counts
that shrink from stage to stage; emotions, pain points, opportunities and KPIs on most steps. Every persona takes
a journey and every touchpoint is used, so the data loads without a warning, as a maintained site's does.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Size:
    name: str
    personas: int
    journeys: int
    touchpoints: int
    assets: int


SIZES = {
    "XS": Size("XS", 3, 4, 12, 4),  # for the smoke test only
    "S": Size("S", 10, 20, 50, 20),
    "M": Size("M", 50, 200, 200, 60),
    "L": Size("L", 200, 1000, 500, 150),
}

# The 8 common stage types of the content library, in customer order; each journey skips up to two.
STAGES = (
    ("awareness", "Awareness", "before"),
    ("favorability", "Favorability", "before"),
    ("consideration", "Consideration", "before"),
    ("intent", "Intent", "before"),
    ("decision", "Decision", "before"),
    ("purchase", "Purchase", "during"),
    ("retention", "Retention", "after"),
    ("advocacy", "Advocacy", "after"),
)
# Channel ids are the built-in ones; the weights make web, search, email and social the common ones.
CHANNELS = {
    "web": 6,
    "search": 4,
    "email": 4,
    "social": 4,
    "advertising": 2,
    "phone": 2,
    "chat": 2,
    "in-person": 1,
    "events": 1,
    "word-of-mouth": 1,
    "mobile-app": 2,
    "product": 3,
    "partner": 1,
}
FORMATS = {
    "awareness": ("blog-post", "seo-article", "social-post", "video"),
    "favorability": ("customer-story", "brand-story", "expert-article", "newsletter"),
    "consideration": ("comparison-guide", "case-study", "webinar", "reviews", "faq", "ebook"),
    "intent": ("buying-checklist", "consultation", "retargeting-ad"),
    "decision": ("pricing-page", "free-trial", "testimonial", "roi-calculator"),
    "purchase": ("checkout-help", "order-confirmation", "onboarding-email", "getting-started-guide"),
    "retention": ("tutorial", "help-article", "satisfaction-survey", "loyalty-programme"),
    "advocacy": ("referral-programme", "review-request", "community"),
}
FIRST_NAMES = [
    "Nadia",
    "Amir",
    "Chloé",
    "Daniel",
    "Elif",
    "Farid",
    "Grace",
    "Hugo",
    "Ines",
    "Jonas",
    "Kemal",
    "Lena",
    "Marco",
    "Noor",
    "Oskar",
    "Priya",
    "Quentin",
    "Rosa",
    "Samir",
    "Tanja",
    "Umar",
    "Vera",
    "Wei",
    "Xenia",
    "Yusuf",
    "Zoe",
]
LAST_NAMES = [
    "Okafor",
    "Berg",
    "Dubois",
    "Novak",
    "Yilmaz",
    "Haddad",
    "Murphy",
    "Laurent",
    "Costa",
    "Weber",
    "Aydin",
    "Schmidt",
    "Rossi",
    "Khan",
    "Lind",
    "Patel",
    "Moreau",
    "Silva",
    "Nasser",
    "Kovač",
    "Ali",
    "Petrova",
    "Chen",
    "Ivanova",
    "Demir",
    "Evans",
]
ROLES = (
    "Owner of a small design studio",
    "IT manager at a mid-size manufacturer",
    "First-time online shopper",
    "Procurement lead in a hospital group",
    "Freelance photographer",
    "Head of operations at a logistics start-up",
    "Retired teacher who shops by phone",
    "Finance director of a charity",
)
VERBS = [
    "compares",
    "reads",
    "asks",
    "books",
    "watches",
    "downloads",
    "searches",
    "visits",
    "tries",
    "calls",
    "joins",
    "shares",
    "checks",
    "orders",
]
NOUNS = [
    "prices",
    "plans",
    "reviews",
    "the",
    "demo",
    "a",
    "webinar",
    "the",
    "pricing",
    "page",
    "a",
    "case",
    "study",
    "the",
    "newsletter",
    "support",
    "the",
    "app",
    "a",
    "colleague",
    "the",
    "trial",
    "the",
    "checkout",
    "a",
    "partner",
    "the",
    "contract",
    "the",
    "onboarding",
    "guide",
]
WORDS = [
    "late",
    "invoices",
    "setup",
    "cost",
    "support",
    "contract",
    "delivery",
    "refund",
    "trust",
    "security",
    "price",
    "plan",
    "team",
    "data",
    "export",
    "accountant",
    "phone",
    "evening",
    "weekend",
    "renewal",
    "upgrade",
    "fee",
    "discount",
    "privacy",
    "warranty",
    "install",
    "training",
]
QUESTIONS = (
    "How much does it really cost after the first year?",
    "Is there a way to try it without a card?",
    "What do other people like me use?",
    "Will it work with what I already have?",
    "Who do I call when something breaks?",
    "Can I trust them with my data?",
    "How long does setup take?",
    "Is it normal to feel this lost at this point?",
)


def _sentence(rng: random.Random, words: int = 12) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _action(rng: random.Random) -> str:
    return f"{rng.choice(VERBS).capitalize()} {rng.choice(NOUNS)} and {rng.choice(VERBS)} {rng.choice(NOUNS)}."


def generate(size: Size, folder: Path, *, seed: int = 8, theme: str = "material") -> Path:
    """Write a complete project for `size` into `folder` (which may exist); returns the path of its mkdocs.yml."""
    rng = random.Random(f"{seed}-{size.name}")
    personas_dir = folder / "personas"
    journeys_dir = folder / "journeys"
    docs_dir = folder / "docs"
    for directory in (personas_dir, journeys_dir, docs_dir):
        directory.mkdir(parents=True, exist_ok=True)

    stage_ids = [stage_id for stage_id, _, _ in STAGES]
    _write(
        journeys_dir / "stages.yml",
        {
            "stages": [
                {
                    "id": stage_id,
                    "name": name,
                    "phase": phase,
                    "description": _sentence(rng, 24),
                    "customer_goal": _sentence(rng, 10),
                }
                for stage_id, name, phase in STAGES
            ]
        },
    )

    channels = rng.choices(list(CHANNELS), weights=list(CHANNELS.values()), k=size.touchpoints)
    touchpoints = []
    for n, channel in enumerate(channels):
        touchpoint: dict[str, object] = {
            "id": f"touchpoint-{n:04d}",
            "name": f"{channel.replace('-', ' ').capitalize()} touchpoint {n}",
            "channel": channel,
            "owner": rng.choice(("Marketing", "Sales", "Support", "Product", "E-commerce")),
            "url": f"https://www.example.com/{channel}/{n}",
            "description": _sentence(rng, 20),
        }
        if n % 7 == 0:
            touchpoint["survey"] = {"name": "Quick survey", "scale": "1-5 stars", "questions": [QUESTIONS[n % 8]]}
        touchpoints.append(touchpoint)
    _write(journeys_dir / "touchpoints.yml", {"touchpoints": touchpoints})
    touchpoint_ids = [str(t["id"]) for t in touchpoints]

    persona_ids = [f"persona-{n:03d}" for n in range(size.personas)]
    for n, persona_id in enumerate(persona_ids):
        _write(
            personas_dir / f"{persona_id}.yml",
            {
                "name": f"{FIRST_NAMES[n % len(FIRST_NAMES)]} {LAST_NAMES[(n * 7) % len(LAST_NAMES)]} {n}",
                "role": rng.choice(ROLES),
                "summary": _sentence(rng, 18),
                "demographics": {"age_range": rng.choice(("25-34", "35-44", "45-54")), "location": "Leeds, UK"},
                "goals": [_sentence(rng, 10) for _ in range(rng.randint(3, 5))],
                "needs": [_sentence(rng, 9) for _ in range(rng.randint(2, 4))],
                "expectations": [_sentence(rng, 8) for _ in range(rng.randint(1, 3))],
                "pain_points": [_sentence(rng, 11) for _ in range(rng.randint(3, 5))],
                "preferred_channels": rng.sample(sorted(CHANNELS), rng.randint(2, 4)),
                "quote": _sentence(rng, 12),
            },
        )

    assets = []
    for n in range(size.assets):
        stage_id = stage_ids[n % len(stage_ids)]
        assets.append(
            {
                "id": f"asset-{n:03d}",
                "title": f"{_sentence(rng, 5)[:-1]} ({n})",
                "format": rng.choice(FORMATS[stage_id]),
                "url": f"https://www.example.com/content/{n}",
                "description": _sentence(rng, 14),
                "stages": [stage_id],
                "personas": rng.sample(persona_ids, min(len(persona_ids), rng.randint(1, 3))),
            }
        )
    _write(journeys_dir / "content.yml", {"assets": assets})
    assets_by_stage = {s: [str(a["id"]) for a in assets if a["stages"] == [s]] for s in stage_ids}

    unused = list(touchpoint_ids)  # every touchpoint is used at least once
    for n in range(size.journeys):
        skipped = set(rng.sample(stage_ids[1:], rng.randint(0, 2)))
        entering = rng.randint(5_000, 200_000)
        steps = []
        for stage_id in stage_ids:
            if stage_id in skipped:
                continue
            chosen = rng.sample(touchpoint_ids, rng.randint(2, 5))
            if unused:
                chosen.insert(0, unused.pop())
            step: dict[str, object] = {
                "stage": stage_id,
                "summary": _sentence(rng, 16),
                "actions": [_action(rng) for _ in range(rng.randint(2, 4))],
                "questions": rng.sample(QUESTIONS, rng.randint(1, 3)),
                "decision": _sentence(rng, 8),
                "touchpoints": list(dict.fromkeys(chosen)),
                "emotion": {"score": rng.randint(-2, 2), "note": _sentence(rng, 6)},
                "pain_points": [_sentence(rng, 10) for _ in range(rng.randint(0, 2))],
                "opportunities": [_sentence(rng, 9) for _ in range(rng.randint(0, 2))],
                "entering": entering,
            }
            entering = int(entering * rng.uniform(0.3, 0.8))
            if rng.random() < 0.4:
                step["kpis"] = [{"name": "Conversion", "target": 30, "actual": rng.randint(10, 50), "unit": "%"}]
            if assets_by_stage[stage_id] and rng.random() < 0.5:
                step["content"] = {
                    "existing": rng.sample(assets_by_stage[stage_id], 1),
                    "wishes": [_sentence(rng, 7)],
                }
            steps.append(step)
        first = persona_ids[n % len(persona_ids)]  # every persona takes a journey
        others = rng.sample(persona_ids, min(len(persona_ids), rng.randint(0, 1)))
        _write(
            journeys_dir / f"journey-{n:04d}.yml",
            {
                "name": f"Journey {n}: {_sentence(rng, 4)[:-1]}",
                "personas": list(dict.fromkeys([first, *others])),
                "summary": _sentence(rng, 20),
                "owner": rng.choice(("Growth team", "Sales", "Customer success")),
                "stages": steps,
            },
        )

    (docs_dir / "index.md").write_text(f"# Synthetic site {size.name}\n\nGenerated by benchmarks/synthetic.py.\n")
    config = folder / "mkdocs.yml"
    config.write_text(site_config(size.name, theme), encoding="utf-8")
    return config


MATERIAL_FEATURES = (
    "navigation.tabs",
    "navigation.sections",
    "navigation.indexes",
    "navigation.prune",
    "navigation.top",
    "navigation.footer",
    "search.suggest",
    "search.highlight",
    "content.tooltips",
    "toc.follow",
)
"""The example site's features (mkdocs.yml at the root of this repository)."""


def site_config(name: str, theme: str = "material", features: tuple[str, ...] = MATERIAL_FEATURES) -> str:
    """The example site's configuration, on the synthetic data: same theme, features, plugins and extensions."""
    theme_block = {"name": theme}
    if theme == "material":
        theme_block["features"] = list(features)  # type: ignore[assignment]
    config = {
        "site_name": f"Synthetic journeys {name}",
        "site_url": "https://example.com/",
        "theme": theme_block,
        "plugins": ["search", {"journeys": {"cache_dir": ".cache/journeys"}}],
        "markdown_extensions": [
            "admonition",
            "attr_list",
            "md_in_html",
            "tables",
            {"toc": {"permalink": True}},
            "pymdownx.highlight",
            "pymdownx.superfences",
        ],
        "nav": [{"Home": "index.md"}, {"Customer journeys": "journeys/index.md"}],
    }
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True)


def _write(path: Path, data: object) -> None:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110)
    path.write_text(f"# Generated by benchmarks/synthetic.py\n{text}", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", choices=sorted(SIZES))
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=8)
    options = parser.parse_args()
    print(generate(SIZES[options.size], options.folder, seed=options.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
