"""The only URL fetcher WeasyPrint gets: bundled files from named folders and in-memory assets.

Rendered text is escaped, so a hostile name cannot add a URL; but a template bug or a future feature
must not be able to make a worker reach the network or read other files on the server either.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.request import url2pathname

logger = logging.getLogger(__name__)

MEMORY_SCHEME = "qudra-asset:"

MIME_TYPES = {
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".css": "text/css",
    ".ttf": "font/ttf",
}


class RefusedURL(ValueError):
    """The renderer asked for something that is not a bundled asset."""


def mime_type(path: Path) -> str:
    return MIME_TYPES.get(path.suffix.lower(), "application/octet-stream")


@functools.cache
def _fetcher_class() -> type:
    # WeasyPrint is imported on first use only: web processes that never render do not load it.
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class BundledAssetsFetcher(URLFetcher):
        def __init__(self, directories: tuple[Path, ...], memory: Mapping[str, tuple[bytes, str]]) -> None:
            super().__init__(allowed_protocols=("file", MEMORY_SCHEME[:-1]), allow_redirects=False)
            self.directories = directories
            self.memory = memory

        def fetch(self, url, headers=None):
            if url.startswith(MEMORY_SCHEME):
                key = url[len(MEMORY_SCHEME) :]
                if key in self.memory:
                    body, content_type = self.memory[key]
                    return URLFetcherResponse(url, body, {"Content-Type": content_type})
            elif url.startswith("file://"):
                path = Path(url2pathname(url.removeprefix("file://").split("?")[0])).resolve()
                if any(path.is_relative_to(directory) for directory in self.directories) and path.is_file():
                    return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime_type(path)})
            logger.warning("PDF renderer refused to fetch %s", url[:200])
            raise RefusedURL(f"Refused: {url[:200]}")

    return BundledAssetsFetcher


def bundled_assets_fetcher(allowed_dirs: Iterable[Path], memory: Mapping[str, tuple[bytes, str]] | None = None) -> Any:
    """A WeasyPrint ``URLFetcher`` serving files under ``allowed_dirs`` and ``memory``; refusing all else."""
    directories = tuple(Path(directory).resolve() for directory in allowed_dirs)
    return _fetcher_class()(directories, memory or {})
