"""Job files on an S3-compatible bucket (moto's server on localhost): uploaded through the real view,
rendered into a folder PDF, downloaded through the permission-checked views, private, deleted."""

import environ
import pytest
from django.core.files.storage import default_storage, storages
from django.urls import reverse
from storages.backends.s3 import S3Storage

from field import services as field_services
from installops.settings.environment import ConfigurationExit
from installops.settings.storage import media_storage
from jobs.models import Document
from tests import s3_server
from tests.jobs.factories import JobFactory
from tests.jobs.files import image_bytes, pdf_bytes, upload
from tests.s3_server import BUCKET, stored_bytes

pytestmark = pytest.mark.django_db

# The fixtures of the local S3 server.
s3_endpoint = s3_server.s3_endpoint
bucket = s3_server.bucket


def test_a_job_file_goes_to_the_bucket_privately_and_comes_back_through_the_app(bucket, client, coordinator):
    job = JobFactory()
    client.force_login(coordinator)

    response = client.post(
        reverse("jobs:document_upload", args=[job.pk]),
        {"category": "pictures", "title": "Old unit", "file": upload(image_bytes(800, 600), "old unit.jpg")},
    )
    assert response.status_code == 302
    document = Document.objects.get(job=job)
    assert isinstance(storages["default"], S3Storage)
    photo = stored_bytes(bucket, document.file.name)
    assert photo.startswith(b"\xff\xd8\xff")
    assert stored_bytes(bucket, document.thumbnail.name).startswith(b"\xff\xd8\xff")

    # Private: no grant to everyone, and any URL the storage makes is signed and expires.
    grants = bucket.get_object_acl(Bucket=BUCKET, Key=f"media/{document.file.name}")["Grants"]
    assert not [grant for grant in grants if "AllUsers" in grant["Grantee"].get("URI", "")]
    assert "X-Amz-Signature=" in document.file.url

    download = client.get(reverse("jobs:document_file", args=[job.pk, document.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == photo
    assert download["Cache-Control"] == "private, no-store"


def test_a_folder_pdf_renders_from_the_bucket_into_the_bucket(
    bucket, client, coordinator, django_capture_on_commit_callbacks
):
    job = JobFactory()
    client.force_login(coordinator)
    for name, content, category in (
        ("unit.jpg", image_bytes(640, 480), "pictures"),
        ("permit.pdf", pdf_bytes("Building permit B-77", pages=2), "permit"),
    ):
        form = {"category": category, "file": upload(content, name)}
        assert client.post(reverse("jobs:document_upload", args=[job.pk]), form).status_code == 302
    assert Document.objects.filter(job=job).count() == 2

    with django_capture_on_commit_callbacks(execute=True):
        render = field_services.job_folder_request_render(job=job, by=coordinator)
    render.refresh_from_db()
    assert render.status == "done", render.error
    stored = stored_bytes(bucket, render.file.name)
    assert stored.startswith(b"%PDF-")

    download = client.get(reverse("field:job_folder_download", args=[render.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == stored


def test_deleting_a_stored_file_removes_it_from_the_bucket(bucket):
    name = default_storage.save("jobs/check/deleted.pdf", upload(pdf_bytes("Gone"), "deleted.pdf"))
    assert default_storage.exists(name)
    default_storage.delete(name)
    assert not default_storage.exists(name)
    assert bucket.list_objects_v2(Bucket=BUCKET).get("KeyCount", 0) == 0


@pytest.fixture
def storage_env(monkeypatch):
    for name in ("MEDIA_STORAGE", "AWS_STORAGE_BUCKET_NAME", "AWS_S3_ENDPOINT_URL", "AWS_LOCATION"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_the_environment_chooses_the_storage(storage_env):
    assert media_storage(environ.Env())["BACKEND"] == "django.core.files.storage.FileSystemStorage"

    storage_env.setenv("AWS_STORAGE_BUCKET_NAME", "valley-comfort-files")
    storage_env.setenv("AWS_S3_ENDPOINT_URL", "https://s3.example.net")
    chosen = media_storage(environ.Env())
    assert chosen["BACKEND"] == "storages.backends.s3.S3Storage"
    assert chosen["OPTIONS"]["bucket_name"] == "valley-comfort-files"
    assert chosen["OPTIONS"]["endpoint_url"] == "https://s3.example.net"
    assert chosen["OPTIONS"]["default_acl"] is None

    storage_env.setenv("MEDIA_STORAGE", "filesystem")
    assert media_storage(environ.Env())["BACKEND"] == "django.core.files.storage.FileSystemStorage"


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"MEDIA_STORAGE": "s3"}, "MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME"),
        ({"MEDIA_STORAGE": "ftp"}, "MEDIA_STORAGE must be 'filesystem' or 's3', not 'ftp'"),
    ],
)
def test_a_bad_storage_choice_stops_with_one_line(storage_env, variables, message):
    for name, value in variables.items():
        storage_env.setenv(name, value)
    with pytest.raises(ConfigurationExit, match=message):
        media_storage(environ.Env())
