"""Where job files and PDFs are kept: local disk (MEDIA_ROOT) by default, or an S3-compatible bucket.

`MEDIA_STORAGE=s3` (or a set `AWS_STORAGE_BUCKET_NAME`) chooses the bucket. Files stay private: no
ACL is sent (the bucket's own, private, applies), and nothing links to them; every download goes
through a permission-checked view (installops/downloads.py), which reads the object itself.
"""

from typing import Any

import environ

from .environment import ConfigurationExit


def media_storage(env: environ.Env) -> dict[str, Any]:
    """The `STORAGES["default"]` entry the environment asks for."""
    bucket = env("AWS_STORAGE_BUCKET_NAME", default="")
    choice = env("MEDIA_STORAGE", default="s3" if bucket else "filesystem").strip().lower()
    if choice == "filesystem":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if choice != "s3":
        raise ConfigurationExit(f"MEDIA_STORAGE must be 'filesystem' or 's3', not {choice!r}")
    if not bucket:
        raise ConfigurationExit("MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME")
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": s3_options(
            bucket=bucket,
            endpoint_url=env("AWS_S3_ENDPOINT_URL", default="") or None,
            region_name=env("AWS_S3_REGION_NAME", default="") or None,
            # Without keys, boto3's own chain applies (instance role, ~/.aws, AWS_* variables).
            access_key=env("AWS_ACCESS_KEY_ID", default="") or None,
            secret_key=env("AWS_SECRET_ACCESS_KEY", default="") or None,
            location=env("AWS_LOCATION", default=""),
        ),
    }


def s3_options(*, bucket: str, endpoint_url=None, region_name=None, access_key=None, secret_key=None, location=""):
    return {
        "bucket_name": bucket,
        "endpoint_url": endpoint_url,
        "region_name": region_name,
        "access_key": access_key,
        "secret_key": secret_key,
        "location": location,  # a prefix inside the bucket, e.g. "media"
        "default_acl": None,  # never public-read: the bucket's private default
        "querystring_auth": True,  # any URL ever made is signed and short-lived
        "querystring_expire": 300,
        "signature_version": "s3v4",
        "file_overwrite": False,  # a name already taken gets a new one, never replaces a file
        "object_parameters": {"CacheControl": "private"},
        # Path-style addressing works with every S3-compatible server (MinIO, Ceph, moto).
        "addressing_style": "path" if endpoint_url else None,
    }
