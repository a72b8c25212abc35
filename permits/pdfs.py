"""The permit packet mailed to the customer, as one PDF.

Our pages (the cover letter, the permit's details and the Title 24 forms) are an HTML template rendered
by installops.pdf (WeasyPrint, local resources only); the permit card, when it is a PDF on file, is
then bound in after them with pypdf.
"""

import io

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError

from installops.clock import company_today
from installops.errors import DomainError
from installops.pdf import render_pdf

from .models import Permit
from .selectors import packets as packet_selectors


def permit_packet_context(*, permit: Permit) -> dict:
    job = permit.job
    return {
        "permit": permit,
        "job": job,
        "customer": job.customer,
        "site": job.site,
        "jurisdiction": permit.jurisdiction,
        "forms": packet_selectors.permit_packet_forms(permit=permit),
        "attachment": packet_selectors.permit_packet_attachment(permit=permit),
        "company_phone": settings.COMPANY_PHONE,
        "letter_date": company_today(),
        "generated_at": timezone.now(),
    }


def permit_packet_pdf(*, permit: Permit) -> tuple[bytes, int]:
    """The packet's bytes and page count. A permit card that cannot be bound in stops the render with
    its name, so the office can replace it (a packet silently missing the permit is worse)."""
    context = permit_packet_context(permit=permit)
    main = render_pdf("permits/pdf/permit_packet.html", context)
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(main)), outline_item=f"Permit {permit.number}")
    document = context["attachment"]
    if document is not None:
        try:
            with default_storage.open(document.file.name, "rb") as handle:
                reader = PdfReader(io.BytesIO(handle.read()), strict=False)
                if reader.is_encrypted:
                    reader.decrypt("")
                writer.append(reader, outline_item=f"Permit card: {document.title}")
        except (PyPdfError, OSError, ValueError, KeyError, TypeError) as error:
            raise DomainError(f"“{document.title}” could not be added to the packet ({error}).") from error
    writer.add_metadata({"/Title": f"Permit packet {permit.number} — {permit.job.customer.name}"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue(), len(writer.pages)
