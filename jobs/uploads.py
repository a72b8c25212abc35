"""Checking and cleaning a file before it goes into a job folder.

What a file is gets decided from its first bytes, never from its name. Images are opened by Pillow
with an explicit format list and a pixel cap (a tiny file can claim gigapixels), turned upright,
shrunk to what a phone or a printed folder needs, and re-encoded without their metadata (phones
write GPS coordinates of the customer's house into every photo).
"""

import hashlib
import io
import re
import unicodedata
import warnings
from dataclasses import dataclass

import pillow_heif
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from installops.errors import DomainError

from .choices import DocumentKind
from .pdf_active_content import TooComplexPdf, pdf_active_content

# iPhones save HEIC; Pillow reads it once this plug-in is registered.
pillow_heif.register_heif_opener()

ALLOWED_DESCRIPTION = "PDF, JPEG, PNG or HEIC (iPhone)"
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs", b"mif1", b"msf1"}

# What each sniffed type is opened as, and what it is stored as.
PILLOW_FORMAT = {"jpeg": "JPEG", "png": "PNG", "heif": "HEIF"}


@dataclass(frozen=True)
class CleanFile:
    kind: str
    content: bytes
    content_type: str
    extension: str
    name: str
    sha256: str
    width: int | None = None
    height: int | None = None
    page_count: int | None = None
    thumbnail: bytes | None = None


def sniff_file_type(head: bytes) -> str | None:
    """The real type of a file from its magic bytes: "pdf", "jpeg", "png", "heif" or None."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if len(head) >= 12 and head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS:
        return "heif"
    return None


def sanitised_file_name(original: str, extension: str) -> str:
    """A safe name to show and download under: no path, no control characters, the real extension."""
    base = re.split(r"[\\/]", original or "")[-1]
    base = unicodedata.normalize("NFKC", base)
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = "".join(ch for ch in stem if unicodedata.category(ch)[0] != "C")
    try:
        stem = get_valid_filename(stem)
    except Exception:  # get_valid_filename refuses names that end up empty
        stem = ""
    stem = stem.lstrip(".-_")[:80] or "file"
    return f"{stem}.{extension}"


def title_from_file_name(name: str) -> str:
    stem = name.rsplit(".", 1)[0]
    return re.sub(r"[_-]+", " ", stem).strip()[:200] or "Document"


def _read_limited(upload) -> bytes:
    limit = settings.JOB_FILE_MAX_BYTES
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise DomainError(f"That file is {filesizeformat(size)}; the limit is {filesizeformat(limit)}.", field="file")
    upload.seek(0)
    content = upload.read(limit + 1)
    if len(content) > limit:
        raise DomainError(f"That file is larger than the {filesizeformat(limit)} limit.", field="file")
    if not content:
        raise DomainError("That file is empty.", field="file")
    return content


def clean_upload(upload, *, original_name: str = "") -> CleanFile:
    """Check an uploaded file and return what to store. Raises DomainError (field "file") if refused."""
    content = _read_limited(upload)
    file_type = sniff_file_type(content[:16])
    if file_type is None:
        raise DomainError(f"That file is not a {ALLOWED_DESCRIPTION}, whatever its name says.", field="file")
    name = original_name or getattr(upload, "name", "") or ""
    if file_type == "pdf":
        return _clean_pdf(content, name)
    return clean_image(content, file_type=file_type, original_name=name)


def _clean_pdf(content: bytes, original_name: str) -> CleanFile:
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise DomainError("That PDF is password-protected; upload an unlocked copy.", field="file")
        page_count = len(reader.pages)
        active = pdf_active_content(reader.trailer)
    except DomainError:
        raise
    except TooComplexPdf as error:
        raise DomainError(
            "That PDF is too complex to check; upload a printed or scanned copy.", field="file"
        ) from error
    except (PdfReadError, ValueError, TypeError, KeyError, OSError, RecursionError) as error:
        raise DomainError("That PDF is damaged and cannot be read.", field="file") from error
    if page_count == 0:
        raise DomainError("That PDF has no pages.", field="file")
    if active:
        raise DomainError(
            f"That PDF contains {', '.join(sorted(active))}, which could run on the computers and phones that "
            "open it. Upload a plain copy instead: open it and use Print → Save as PDF, or scan the paper.",
            field="file",
        )
    return CleanFile(
        kind=DocumentKind.PDF,
        content=content,
        content_type="application/pdf",
        extension="pdf",
        name=sanitised_file_name(original_name, "pdf"),
        sha256=hashlib.sha256(content).hexdigest(),
        page_count=page_count,
    )


def _open_image(content: bytes, file_type: str) -> Image.Image:
    """Open and decode an image, refusing pixel bombs before any pixel is decoded."""
    max_pixels = settings.JOB_PHOTO_MAX_PIXELS
    max_edge = settings.JOB_PHOTO_MAX_EDGE
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(content), formats=[PILLOW_FORMAT[file_type]])
            if image.width * image.height > max_pixels:
                raise DomainError(
                    f"That image is {image.width} × {image.height} pixels; the limit is "
                    f"{max_pixels // 1_000_000} megapixels.",
                    field="file",
                )
            # JPEG can decode straight at a reduced scale: less memory and time for big phone photos.
            image.draft("RGB", (max_edge * 2, max_edge * 2))
            image.load()
            return image
    except DomainError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise DomainError("That image claims to be far too large to open.", field="file") from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise DomainError("That image is damaged or not really an image.", field="file") from error


def _encode(image: Image.Image, *, keep_png: bool, quality: int) -> tuple[bytes, str, str]:
    """Re-encode with no metadata at all (EXIF, GPS, XMP, comments are not carried over)."""
    buffer = io.BytesIO()
    if keep_png:
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            image = image.convert("RGBA")
        image.save(buffer, format="PNG", optimize=False)
        return buffer.getvalue(), "image/png", "png"
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        flat = Image.new("RGB", image.size, "white")
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    elif image.mode != "RGB":
        image = image.convert("RGB")
    image.save(buffer, format="JPEG", quality=quality, optimize=True)
    return buffer.getvalue(), "image/jpeg", "jpg"


def clean_image(content: bytes, *, file_type: str, original_name: str = "") -> CleanFile:
    """An upright, downscaled copy of a photo without metadata, and its thumbnail."""
    image = _open_image(content, file_type)
    try:
        upright = ImageOps.exif_transpose(image)
    except (OSError, ValueError, SyntaxError):
        upright = image  # unreadable orientation tag: keep the pixels as they are
    max_edge = settings.JOB_PHOTO_MAX_EDGE
    if max(upright.size) > max_edge:
        upright.thumbnail((max_edge, max_edge), Image.Resampling.LANCZOS)
    # A fresh image carries pixels only: nothing of the original's info dict can leak into the output.
    if upright.mode == "P":
        upright = upright.convert("RGBA")
    clean = Image.frombytes(upright.mode, upright.size, upright.tobytes())
    data, content_type, extension = _encode(clean, keep_png=file_type == "png", quality=82)

    thumb = clean.copy()
    thumb.thumbnail((settings.JOB_THUMBNAIL_EDGE, settings.JOB_THUMBNAIL_EDGE), Image.Resampling.LANCZOS)
    thumbnail, _, _ = _encode(thumb, keep_png=False, quality=70)
    return CleanFile(
        kind=DocumentKind.PHOTO,
        content=data,
        content_type=content_type,
        extension=extension,
        name=sanitised_file_name(original_name, extension),
        sha256=hashlib.sha256(data).hexdigest(),
        width=clean.width,
        height=clean.height,
        thumbnail=thumbnail,
    )


def clean_signature_png(content: bytes) -> bytes:
    """A customer's signature drawn on the phone: a small PNG, checked like any other image."""
    if len(content) > 2_000_000:
        raise DomainError("That signature is too large.", field="signature")
    if sniff_file_type(content[:16]) != "png":
        raise DomainError("The signature did not come through; ask the customer to sign again.", field="signature")
    try:
        image = _open_image(content, "png")
    except DomainError as error:
        raise DomainError(error.message, field="signature") from error
    if image.width > 4000 or image.height > 2000:
        raise DomainError("That signature is too large.", field="signature")
    clean = image.convert("RGBA")
    if clean.getchannel("A").getbbox() is None:
        raise DomainError("The signature is blank; ask the customer to sign in the box.", field="signature")
    clean.info = {}
    buffer = io.BytesIO()
    clean.save(buffer, format="PNG")
    return buffer.getvalue()
