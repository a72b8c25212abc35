"""Every answer says what the browser may run and keep: the CSP, no-store when signed in, sandboxed files."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from installops.downloads import stored_file_response
from notifications.links import visit_confirm_token
from tests.jobs.factories import JobFactory, UserFactory
from tests.jobs.files import add_document, image_bytes, pdf_bytes
from tests.scheduling.factories import VisitFactory

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in policy.split(";") if part.strip()}


def test_a_signed_in_page_has_the_csp_no_store_and_a_permissions_policy(client_as, coordinator):
    response = client_as(coordinator).get(reverse("jobs:job_list"))

    assert response.status_code == 200
    csp = directives(response)
    assert csp["default-src"] == "default-src 'self'"
    assert csp["script-src"] == "script-src 'self'"
    assert csp["style-src"] == "style-src 'self'"
    assert csp["object-src"] == "object-src 'none'"
    assert csp["frame-ancestors"] == "frame-ancestors 'none'"
    assert csp["base-uri"] == "base-uri 'self'"
    assert csp["form-action"] == "form-action 'self'"
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "report-uri" not in policy
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "geolocation=()", "microphone=()", "payment=()", "usb=()"):
        assert feature in permissions


def test_the_office_pages_carry_no_inline_script_style_or_handler(client_as, coordinator):
    job = JobFactory()
    VisitFactory(job=job)
    client = client_as(coordinator)
    for url in (reverse("jobs:job_list"), job.get_absolute_url(), reverse("scheduling:board") + "?view=day"):
        page = client.get(url).content.decode()
        assert "<script>" not in page, url
        assert "<style" not in page, url
        assert " style=" not in page, url
        assert " onclick=" not in page, url
        assert " onsubmit=" not in page, url
        assert " onchange=" not in page, url
        # htmx is told not to inject its indicator style and not to evaluate attribute code.
        assert '"includeIndicatorStyles": false' in page
        assert '"allowEval": false' in page


def test_a_public_page_has_the_csp_but_keeps_its_caching(client):
    visit = VisitFactory()
    response = client.get(reverse("notifications:visit_confirm", args=[visit_confirm_token(visit.pk)]))

    assert response.status_code == 200
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert "Permissions-Policy" in response
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.parametrize(("download", "disposition"), [("", "inline"), ("?download=1", "attachment")])
def test_a_document_is_sandboxed_and_never_cached(client_as, coordinator, download, disposition):
    job = JobFactory()
    document = add_document(job, "permit", pdf_bytes("Permit"), "permit.pdf")

    response = client_as(coordinator).get(reverse("jobs:document_file", args=[job.pk, document.pk]) + download)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith(disposition)
    assert 'filename="' in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    csp = directives(response)
    assert csp["sandbox"] == "sandbox"
    assert csp["default-src"] == "default-src 'none'"
    assert "script-src" not in csp
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_photo_and_its_thumbnail_are_sandboxed_too(client_as, coordinator):
    job = JobFactory()
    photo = add_document(job, "pictures", image_bytes(), "unit.jpg")
    client = client_as(coordinator)
    for route in ("jobs:document_file", "jobs:document_thumbnail"):
        response = client.get(reverse(route, args=[job.pk, photo.pk]))
        assert response.status_code == 200
        assert response["Content-Security-Policy"].startswith("sandbox; default-src 'none'")
        assert response["Cache-Control"] == "private, no-store"


def test_admin_alone_may_keep_style_attributes_never_scripts(client_as, coordinator):
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    office_policy = client_as(coordinator).get(reverse("jobs:job_list"))["Content-Security-Policy"]
    admin_policy = client_as(admin).get(reverse("admin:index"))["Content-Security-Policy"]

    assert "style-src-attr" not in office_policy
    assert "style-src-attr 'unsafe-inline'" in admin_policy
    assert "script-src 'self';" in admin_policy
    assert "unsafe-eval" not in admin_policy


def test_a_file_of_any_other_type_is_only_ever_downloaded():
    document = add_document(JobFactory(), "permit", pdf_bytes("Permit"), "permit.pdf")

    response = stored_file_response(document.file, content_type="text/html", download_name="page.html")

    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"].startswith("sandbox;")
    response.close()


# Inline code the page CSP refuses; PDF templates are rendered by WeasyPrint on the server, where no CSP applies.
INLINE_CODE = re.compile(r"<script>|<script\s+(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=|\bhx-on\b", re.I)


def test_no_browser_template_carries_inline_script_style_or_handler():
    root = Path(settings.BASE_DIR)
    templates = [
        path for path in root.glob("**/templates/**/*.html") if ".venv" not in path.parts and "pdf" not in path.parts
    ]
    assert len(templates) > 40
    offenders = [
        f"{path.relative_to(root)}: {match.group(0)!r}"
        for path in templates
        for match in INLINE_CODE.finditer(path.read_text())
    ]
    assert offenders == []
