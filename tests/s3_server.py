"""An S3-compatible server on localhost (moto's), with a fresh private bucket as the media storage."""

import socket

import boto3
import pytest
from moto.server import ThreadedMotoServer

from installops.settings.storage import s3_options

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
