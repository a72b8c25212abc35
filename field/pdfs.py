"""The PDFs generated from a job: confirmation sheet, work order, completion certificate, job folder.

All of them are HTML templates rendered by installops.pdf (WeasyPrint, local resources only); the
job folder then has the folder's own PDF attachments merged in after it with pypdf.
"""

import io

from django.core.files.storage import default_storage
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError

from installops.errors import DomainError
from installops.pdf import render_pdf
from jobs.models import CompletionSignoff, Job
from scheduling.models import Visit

from . import selectors


def confirmation_sheet_pdf(*, job: Job) -> bytes:
    context = selectors.job_folder_context(job=job, audience="field")
    return render_pdf("field/pdf/confirmation_sheet.html", context)


def work_order_pdf(*, job: Job) -> bytes:
    context = selectors.job_folder_context(job=job, audience="field")
    return render_pdf("field/pdf/work_order.html", context)


def completion_certificate_pdf(*, signoff: CompletionSignoff, visit: Visit) -> bytes:
    context = selectors.job_folder_context(job=signoff.job, audience="field")
    context.update({"signoff": signoff, "visit": visit})
    return render_pdf("field/pdf/completion_certificate.html", context)


def job_folder_pdf(*, job: Job, audience: str) -> tuple[bytes, int]:
    """The whole folder as one PDF: our pages first, then each attached PDF in folder order.

    Returns the bytes and the page count. An attachment that cannot be merged stops the render
    with its name, so the office can replace it (a folder silently missing a permit is worse).
    """
    context = selectors.job_folder_context(job=job, audience=audience)
    main = render_pdf("field/pdf/job_folder.html", context)
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(main)), outline_item=f"Job {job.number}")
    for document in context["attachments"]:
        try:
            with default_storage.open(document.file.name, "rb") as handle:
                reader = PdfReader(io.BytesIO(handle.read()), strict=False)
                if reader.is_encrypted:
                    reader.decrypt("")
                writer.append(reader, outline_item=f"{document.get_category_display()}: {document.title}")
        except (PyPdfError, OSError, ValueError, KeyError, TypeError) as error:
            raise DomainError(f"“{document.title}” could not be added to the folder PDF ({error}).") from error
    writer.add_metadata({"/Title": f"Job folder {job.number} — {job.customer.name}"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue(), len(writer.pages)
