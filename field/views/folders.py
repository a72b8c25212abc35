"""The job-folder PDF: the job page's panel, printing, the render's progress, the download and the
stable "latest" link of the evening page-out."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.views import View

from installops.access import AccessControlMixin
from installops.downloads import stored_file_response
from installops.errors import DomainError
from installops.forms import DownloadForm
from jobs import selectors as job_selectors
from jobs.models import Job

from .. import selectors, services
from ..choices import FolderAudience, RenderStatus
from ..forms import FolderChoiceForm, FolderPrintForm
from ..models import JobFolderRender
from .access import visible_job, visible_render


def folder_panel_context(request, job: Job) -> dict:
    user = request.user
    audiences = [FolderAudience.FIELD]
    if job_selectors.user_sees_office_folder(user):
        audiences.append(FolderAudience.OFFICE)
    renders = {}
    for audience in audiences:
        render_record = JobFolderRender.objects.filter(job=job, audience=audience).order_by("-requested_at", "-id")
        renders[audience] = render_record.first()
    in_progress = [r for r in renders.values() if r and r.status in (RenderStatus.QUEUED, RenderStatus.RENDERING)]
    return {
        "job": job,
        "polling_render": in_progress[0] if in_progress else None,
        "can_print": user.has_perm("field.print_job_folder"),
        "can_send_to_printer": user.has_perms(["field.print_job_folder", "installops.add_printjob"]),
        "folders": [(audience, FolderAudience(audience).label, renders[audience]) for audience in audiences],
        # For the office and the crew on the job (the job is visible to them), not for sales.
        "field_notes": (
            list(selectors.field_note_list_for_job(job=job)[:20]) if user.has_perm("field.view_fieldnote") else []
        ),
    }


class JobFolderPanelView(AccessControlMixin, View):
    """The job page's panel: print the folder, its progress, the sheets and the notes from the field."""

    # Folder PDFs are the folder's files bound together: whoever may see those may see them.
    permission_required = "jobs.view_document"
    get_object = visible_job

    def get(self, request, *args, **kwargs):
        return render(request, "field/_job_folder_panel.html", folder_panel_context(request, self.object))


class JobFolderPrintView(AccessControlMixin, View):
    """ "Print job folder": queue (or reuse) the PDF, then show its progress."""

    permission_required = "field.print_job_folder"
    get_object = visible_job

    def post(self, request, *args, **kwargs):
        job = self.object
        form = FolderPrintForm(request.POST)
        audience = form.cleaned_data["audience"] if form.is_valid() else FolderAudience.FIELD
        if audience == FolderAudience.OFFICE and not job_selectors.user_sees_office_folder(request.user):
            raise PermissionDenied
        render_record = services.job_folder_request_render(job=job, by=request.user, audience=audience)
        if request.htmx:
            # The panel itself says how far the PDF is.
            return render(request, "field/_job_folder_panel.html", folder_panel_context(request, job))
        if render_record.status == RenderStatus.QUEUED:
            messages.info(request, f"The {render_record.get_audience_display().lower()} PDF will be made shortly.")
        return redirect(job)


class JobFolderSendToPrinterView(AccessControlMixin, View):
    """ "Send to printer": the finished folder PDF to the office's printer."""

    permission_required = ("field.print_job_folder", "installops.add_printjob")
    get_object = visible_render

    def post(self, request, render_pk: int):
        render_record = self.object
        try:
            services.job_folder_send_to_printer(render=render_record, by=request.user)
        except DomainError as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request, f"The {render_record.get_audience_display().lower()} PDF was sent to the printer."
            )
        return redirect(render_record.job)


class JobFolderRenderStatusView(AccessControlMixin, View):
    """Polled by htmx while a folder renders; stops polling once it is done or failed."""

    permission_required = "jobs.view_document"
    get_object = visible_render

    def get(self, request, render_pk: int):
        render_record = self.object
        context = folder_panel_context(request, render_record.job)
        return render(request, "field/_job_folder_panel.html", context)


class JobFolderDownloadView(AccessControlMixin, View):
    permission_required = "jobs.view_document"
    get_object = visible_render

    def get(self, request, render_pk: int):
        render_record = self.object
        if render_record.status != RenderStatus.DONE:
            raise Http404("That folder is not ready.")
        return stored_file_response(
            render_record.file,
            content_type="application/pdf",
            download_name=f"{render_record.job.number}-{render_record.audience}-folder.pdf",
            as_attachment=DownloadForm(request.GET).as_attachment(),
        )


class JobFolderLatestView(AccessControlMixin, View):
    """The newest finished folder PDF of a job: a stable link for the evening page-out."""

    permission_required = "jobs.view_document"
    get_object = visible_job

    def get(self, request, *args, **kwargs):
        job = self.object
        form = FolderChoiceForm(request.GET)
        if not form.is_valid():
            raise Http404("No such folder.")
        audience = form.cleaned_data["folder"] or FolderAudience.FIELD
        if audience == FolderAudience.OFFICE and not job_selectors.user_sees_office_folder(request.user):
            raise Http404("No such folder.")
        latest = selectors.job_folder_latest(job=job, audience=audience)
        if latest is None:
            # Not printed yet: the job's page has the same folder, file by file.
            messages.info(request, "This job's folder has not been printed as a PDF yet; its files are below.")
            return HttpResponseRedirect(f"{job.get_absolute_url()}#folder")
        return stored_file_response(
            latest.file, content_type="application/pdf", download_name=f"{job.number}-{audience}-folder.pdf"
        )
