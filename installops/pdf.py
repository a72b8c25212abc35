"""Turning our own HTML into PDF with WeasyPrint, without ever reaching the network.

Templates refer to two kinds of resources only: shipped static files (fonts, print CSS) as
`static:<path>`, and stored job files as `storage:<name>`. The fetcher refuses everything else
(http, https, file, data URLs of unknown size...), so a customer's text typed into a job can never
make a worker fetch a URL.
"""

import logging
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

STATIC_SCHEME = "static:"
STORAGE_SCHEME = "storage:"
CONTENT_TYPES = {
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".css": "text/css",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}


class LocalOnlyFetcher(URLFetcher):
    """Serves `static:` and `storage:` resources from this app; refuses any other URL."""

    def __init__(self, *, storage=None, **kwargs):
        super().__init__(allowed_protocols=[], **kwargs)
        self.storage = storage or default_storage

    def fetch(self, url, headers=None):
        if url.startswith(STATIC_SCHEME):
            return self._static(url)
        if url.startswith(STORAGE_SCHEME):
            return self._stored(url)
        logger.warning("PDF rendering refused to fetch %s", url[:200])
        raise ValueError(f"Only shipped and stored files may be used in a PDF, not {url[:80]}")

    def _static(self, url):
        relative = url[len(STATIC_SCHEME) :].lstrip("/")
        if ".." in Path(relative).parts:
            raise ValueError("No parent paths in static resources.")
        found = finders.find(relative)
        if not found:
            raise ValueError(f"No such static file: {relative}")
        content_type = CONTENT_TYPES.get(Path(relative).suffix.lower(), "application/octet-stream")
        with open(found, "rb") as handle:
            body = handle.read()
        return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})

    def _stored(self, url):
        name = url[len(STORAGE_SCHEME) :]
        if ".." in Path(name).parts or not name.startswith("jobs/"):
            raise ValueError("Only job files may be used in a PDF.")
        content_type = CONTENT_TYPES.get(Path(name).suffix.lower(), "application/octet-stream")
        with self.storage.open(name, "rb") as handle:
            body = handle.read()
        return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})


def html_to_pdf(html: str) -> bytes:
    """PDF bytes for an HTML string that uses only `static:` and `storage:` resources."""
    document = HTML(string=html, base_url=f"{STATIC_SCHEME}/", url_fetcher=LocalOnlyFetcher())
    return document.write_pdf()


def render_pdf(template_name: str, context: dict) -> bytes:
    context = {"company_name": settings.COMPANY_NAME, **context}
    return html_to_pdf(render_to_string(template_name, context))
