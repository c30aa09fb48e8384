"""mkdocs-journeys: customer journeys written as YAML, published as a cross-linked MkDocs site."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mkdocs-journeys")
except PackageNotFoundError:  # running from a source checkout that was not installed
    __version__ = "0.0.0"
