"""The generated paperwork: work order and confirmation sheet, as pages for the phone and the office
and as PDFs."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.views import View

from installops.access import AccessControlMixin

from .. import pdfs, selectors
from ..choices import FolderAudience
from .access import visible_job, visible_visit

SHEETS = {
    "work_order": ("Work order", "field/pdf/work_order.html", pdfs.work_order_pdf),
    "confirmation_sheet": ("Confirmation sheet", "field/pdf/confirmation_sheet.html", pdfs.confirmation_sheet_pdf),
}


class VisitSheetView(AccessControlMixin, View):
    """The work order or confirmation sheet, as a light page for the phone."""

    permission_required = "scheduling.view_visit"
    get_object = visible_visit
    sheet = "work_order"

    def get(self, request, *args, **kwargs):
        visit = self.object
        title, _, _ = SHEETS[self.sheet]
        context = selectors.job_folder_context(job=visit.job, audience=FolderAudience.FIELD)
        context.update(
            {"visit": visit, "sheet": self.sheet, "sheet_title": title, "company_name": settings.COMPANY_NAME}
        )
        return render(request, "field/visit_sheet.html", context)


class JobSheetView(AccessControlMixin, View):
    # The sheets are the job's paperwork: whoever may see its folder may see them.
    permission_required = "jobs.view_document"
    get_object = visible_job
    sheet = "work_order"

    def get(self, request, *args, **kwargs):
        job = self.object
        title, _, _ = SHEETS[self.sheet]
        context = selectors.job_folder_context(job=job, audience=FolderAudience.FIELD)
        context.update({"sheet": self.sheet, "sheet_title": title, "company_name": settings.COMPANY_NAME})
        return render(request, "field/job_sheet.html", context)


class JobSheetPdfView(AccessControlMixin, View):
    permission_required = "jobs.view_document"
    get_object = visible_job
    sheet = "work_order"

    def get(self, request, *args, **kwargs):
        job = self.object
        title, _, make_pdf = SHEETS[self.sheet]
        response = HttpResponse(make_pdf(job=job), content_type="application/pdf")
        file_name = f"{job.number}-{title.lower().replace(' ', '-')}.pdf"
        response["Content-Disposition"] = f'inline; filename="{file_name}"'
        response["Cache-Control"] = "private, no-store"
        return response
