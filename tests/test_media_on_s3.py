"""Job files on an S3-compatible bucket (moto's server on localhost): uploaded through the real view,
rendered into a folder PDF, downloaded through the permission-checked views, private, deleted."""

import socket

import boto3
import environ
import pytest
from django.core.files.storage import default_storage, storages
from django.urls import reverse
from moto.server import ThreadedMotoServer
from storages.backends.s3 import S3Storage

from field import services as field_services
from installops.settings.environment import ConfigurationExit
from installops.settings.storage import media_storage, s3_options
from jobs.models import Document
from tests.jobs.factories import JobFactory
from tests.jobs.files import image_bytes, pdf_bytes, upload

pytestmark = pytest.mark.django_db

BUCKET = "installops-media-test"
KEYS = {"access_key": "test-key", "secret_key": "test-secret"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=free_port(), verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings):
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id=KEYS["access_key"],
        aws_secret_access_key=KEYS["secret_key"],
    )
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": s3_options(
                bucket=BUCKET, endpoint_url=s3_endpoint, region_name="us-east-1", location="media", **KEYS
            ),
        },
    }
    yield client
    listed = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    for item in listed:
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def stored_bytes(client, name: str) -> bytes:
    return client.get_object(Bucket=BUCKET, Key=f"media/{name}")["Body"].read()


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
    assert download["Cache-Control"] == "private, max-age=3600"


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
