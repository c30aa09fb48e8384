"""Content coverage: personas × stages, what is published for whom, and the gaps."""

from __future__ import annotations

from typing import Any

from mkdocs_journeys.site.links import PageRef
from mkdocs_journeys.site.pages.base import PageKind


class CoveragePage(PageKind, name="coverage", file="content-coverage.md", title="Content coverage"):
    def context(self, page: PageRef) -> dict[str, Any]:
        return {
            "matrix": self.build.advisor.coverage,
            "assets": sorted(self.catalog.content.values(), key=lambda a: (a.title.lower(), a.id)),
        }
