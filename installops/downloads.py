"""Handing a stored file to a browser, after the calling view has checked who is asking.

Files live in Django's storage (local disk or S3-compatible) and are never linked by a public
media URL: every download goes through a view that found the record through a visibility rule.
"""

from django.http import FileResponse

# A file opened in the browser runs nothing in the app's origin: no script, no form, no plug-in, only its own
# inline styles and images (what a PDF viewer's page may draw).
DOCUMENT_CSP = "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'none'"
# What a browser may show in its own tab; anything else is only ever saved to disk.
SHOWN_INLINE = {"application/pdf", "image/jpeg", "image/png"}


def stored_file_response(field_file, *, content_type: str, download_name: str, as_attachment: bool = False):
    as_attachment = as_attachment or content_type not in SHOWN_INLINE
    response = FileResponse(
        field_file.storage.open(field_file.name, "rb"),
        content_type=content_type,
        as_attachment=as_attachment,
        filename=download_name,
    )
    # Private to the signed-in person, and kept by no cache at all: a shared computer's browser cache
    # must not hand a customer's paperwork to the next person (the phone's service worker keeps its own copy).
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = DOCUMENT_CSP
    # Only PDF, JPEG and PNG are ever stored (sniffed on upload); the browser must not guess otherwise.
    response["X-Content-Type-Options"] = "nosniff"
    return response
