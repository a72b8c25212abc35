"""Handing a stored file to a browser, after the calling view has checked who is asking.

Files live in Django's storage (local disk or S3-compatible) and are never linked by a public
media URL: every download goes through a view that found the record through a visibility rule.
"""

from django.http import FileResponse


def stored_file_response(field_file, *, content_type: str, download_name: str, as_attachment: bool = False):
    response = FileResponse(
        field_file.storage.open(field_file.name, "rb"),
        content_type=content_type,
        as_attachment=as_attachment,
        filename=download_name,
    )
    # Private to the signed-in person: no shared cache may keep a customer's paperwork.
    response["Cache-Control"] = "private, max-age=3600"
    # Only PDF, JPEG and PNG are ever stored (sniffed on upload); the browser must not guess otherwise.
    response["X-Content-Type-Options"] = "nosniff"
    return response
