"""Small files made in code for upload and PDF tests: nothing is downloaded."""

import io
import struct
import zlib

import pillow_heif
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from installops.pdf import html_to_pdf
from jobs import services

pillow_heif.register_heif_opener()


def image_bytes(width=400, height=300, *, format="JPEG", color=(30, 120, 200), gps=False) -> bytes:
    image = Image.new("RGB", (width, height), color)
    # A few shapes so that the encoder has something to encode.
    for x in range(0, width, max(1, width // 8)):
        image.paste((255, 255, 255), (x, 0, min(width, x + 4), height))
    buffer = io.BytesIO()
    if gps and format == "JPEG":
        exif = Image.Exif()
        exif[0x010F] = "PhoneMaker"  # Make
        exif[0x0112] = 6  # Orientation: rotated 90°, so the stored photo must come out upright
        exif.get_ifd(0x8825).update({1: "N", 2: (36.0, 48.0, 0.0), 3: "W", 4: (119.0, 47.0, 0.0)})
        image.save(buffer, format=format, exif=exif.tobytes())
    else:
        image.save(buffer, format=format)
    return buffer.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims huge dimensions: a decompression bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def pdf_bytes(text: str = "Attached paperwork", pages: int = 1) -> bytes:
    body = "".join(
        f'<section style="page-break-after: always"><h1>{text}</h1><p>Page {n + 1}</p></section>' for n in range(pages)
    )
    return html_to_pdf(f"<html><body>{body}</body></html>")


def upload(content: bytes, name: str, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def add_document(job, category: str, content: bytes, name: str, *, by=None, title: str = ""):
    return services.document_upload(job=job, category=category, upload=upload(content, name), by=by, title=title)
