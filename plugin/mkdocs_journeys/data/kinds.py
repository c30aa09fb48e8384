"""Every kind of thing a journey map holds, and every kind of file that defines them, declared once.

Loading, the checks between files, the JSON Schemas, pages, navigation, `new`, `diff`, `export` and the counts of
`validate` all read these tables instead of listing kinds of their own. Adding a kind is one `EntityKind` here (and
the `DataFile` that defines it, if it has a file of its own), its model in `model.py` and its page kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from mkdocs_journeys.data.model import (
    BUILTIN_CHANNELS,
    Channel,
    ContentAsset,
    ContentFile,
    Journey,
    OpportunitiesFile,
    Opportunity,
    Persona,
    ResearchSource,
    SourcesFile,
    Stage,
    StagesFile,
    Touchpoint,
    TouchpointsFile,
)

DataFolder = Literal["personas", "journeys"]
"""The two data folders, each set by the plugin option `<folder>_dir`."""


@dataclass(frozen=True)
class DataFile:
    """A kind of data file: the model that validates it (which names its JSON Schema), where it lives, what it holds.

    A shared file (`name` set) is one file of the journeys folder holding lists of entities (`lists`: the key of each
    list and the kind of its entries). Otherwise every file holds one entity, whose id is the file's (or folder's)
    name.
    """

    schema: str
    title: str
    """What the file holds, as the guide's YAML reference heads it."""
    model: type[BaseModel]
    folder: DataFolder
    name: str | None = None
    lists: tuple[tuple[str, str], ...] = ()
    required: bool = False
    folder_file: str | None = None
    """One-entity files that may also live in a folder of their own, as `<id>/<folder_file>` (journeys)."""

    @property
    def stem(self) -> str:
        """The name without its suffix: `stages` (the loader also reads `stages.yaml`)."""
        return (self.name or "").rsplit(".", 1)[0]

    @property
    def pattern(self) -> str:
        """Where such files are, relative to their folder, as the guide and hints write it."""
        if self.name is not None:
            return self.name
        return "<id>.yml" + (f" or <id>/{self.folder_file}" if self.folder_file else "")


PERSONA_FILE = DataFile("persona", "Personas", Persona, "personas")
JOURNEY_FILE = DataFile("journey", "Journeys", Journey, "journeys", folder_file="journey.yml")
STAGES_FILE = DataFile("stages", "Stages", StagesFile, "journeys", "stages.yml", (("stages", "stage"),), required=True)
TOUCHPOINTS_FILE = DataFile(
    "touchpoints",
    "Touchpoints and channels",
    TouchpointsFile,
    "journeys",
    "touchpoints.yml",
    (("channels", "channel"), ("touchpoints", "touchpoint")),
)
CONTENT_FILE = DataFile(
    "content", "Content inventory", ContentFile, "journeys", "content.yml", (("assets", "content"),)
)
OPPORTUNITIES_FILE = DataFile(
    "opportunities",
    "Opportunities",
    OpportunitiesFile,
    "journeys",
    "opportunities.yml",
    (("opportunities", "opportunity"),),
)
SOURCES_FILE = DataFile("sources", "Research sources", SourcesFile, "journeys", "sources.yml", (("sources", "source"),))

DATA_FILES: tuple[DataFile, ...] = (
    PERSONA_FILE,
    JOURNEY_FILE,
    STAGES_FILE,
    TOUCHPOINTS_FILE,
    CONTENT_FILE,
    OPPORTUNITIES_FILE,
    SOURCES_FILE,
)
"""Every kind of data file, in the order a team usually writes them."""

SHARED_FILES: tuple[DataFile, ...] = tuple(file for file in DATA_FILES if file.name is not None)
"""The shared files, in the order they are loaded: stages first, since journeys are checked against them."""


@dataclass(frozen=True)
class EntityKind:
    """A kind of entity: how messages name it, where the catalog keeps it, which file defines it, where its pages go."""

    name: str
    label: str
    plural: str
    collection: str
    model: type[BaseModel]
    defined_in: DataFile
    page_folder: str | None = None
    """The folder of its pages below the plugin's prefix; None when it has no page of its own."""
    builtin: tuple[Any, ...] = ()
    """Entities every site has before any file defines more (channels)."""
    ordered: bool = False
    """Kept in the order of the file that defines them (stages: customer order); others are shown by name."""
    also_defined: str = ""
    """Where else entities of this kind may be defined, as hints say it."""


PERSONA = EntityKind("persona", "persona", "personas", "personas", Persona, PERSONA_FILE, "personas")
# Journey pages go to `maps/`, so that the default prefix never makes `journeys/journeys/`.
JOURNEY = EntityKind("journey", "journey", "journeys", "journeys", Journey, JOURNEY_FILE, "maps")
STAGE = EntityKind("stage", "stage", "stages", "stages", Stage, STAGES_FILE, "stages", ordered=True)
TOUCHPOINT = EntityKind(
    "touchpoint", "touchpoint", "touchpoints", "touchpoints", Touchpoint, TOUCHPOINTS_FILE, "touchpoints"
)
CHANNEL = EntityKind(
    "channel", "channel", "channels", "channels", Channel, TOUCHPOINTS_FILE, "channels", builtin=BUILTIN_CHANNELS
)
CONTENT = EntityKind("content", "content asset", "content assets", "content", ContentAsset, CONTENT_FILE)
OPPORTUNITY = EntityKind(
    "opportunity",
    "opportunity",
    "opportunities",
    "opportunities",
    Opportunity,
    OPPORTUNITIES_FILE,
    "opportunities",
    also_defined="a journey stage's `opportunities:`, as `{id, title, …}`",
)
SOURCE = EntityKind(
    "source", "research source", "research sources", "sources", ResearchSource, SOURCES_FILE, "research"
)

ENTITY_KINDS: dict[str, EntityKind] = {
    kind.name: kind for kind in (PERSONA, JOURNEY, STAGE, TOUCHPOINT, CHANNEL, CONTENT, OPPORTUNITY, SOURCE)
}
"""Every kind of entity by name, in the order pages, counts, `diff` and `export` list them."""
