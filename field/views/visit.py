import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import ListView, TemplateView

from installops.access import AccessControlMixin
from installops.downloads import stored_file_response
from installops.errors import DomainError
from jobs import selectors as job_selectors
from jobs.forms import InstalledEquipmentForm
from jobs.models import Document, Job
from scheduling import selectors as scheduling_selectors
from scheduling.models import Visit

from .. import pdfs, selectors, services
from ..choices import FolderAudience, RenderStatus
from ..forms import (
    FieldNoteForm,
    FolderPrintForm,
    InspectionHandledForm,
    InspectionRequestForm,
    PhotoForm,
    SignoffForm,
    StatusTapForm,
)
from ..models import InspectionRequest, JobFolderRender

# The buttons a crew gets on the phone; the rest of the flow (confirm, close out) is the office's.
FIELD_STATUS_BUTTONS = {
    "on_my_way": ("On my way", "bi-truck"),
    "on_site": ("On site", "bi-geo-alt"),
    "completed": ("Completed", "bi-check2-circle"),
}


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


# ---------------------------------------------------------------- the phone view


# The views' `get_object`: installops.access.AccessControlMixin calls them and keeps `self.object`;
# what the user may not see does not exist for them (404).


def visible_visit(view) -> Visit:
    """The URL's visit, through the crew rule: another crew's visit is not found."""
    return selectors.visit_get_for_field(user=view.request.user, pk=view.kwargs["pk"])


def visible_job(view) -> Job:
    return job_selectors.job_list_visible_to(view.request.user).get(pk=view.kwargs["pk"])


def visible_render(view) -> JobFolderRender:
    """A folder PDF of a job the user may see; the office folder only for those who see office files."""
    render_record = JobFolderRender.objects.select_related("job").get(
        pk=view.kwargs["render_pk"], job__in=job_selectors.job_list_visible_to(view.request.user)
    )
    if render_record.audience == FolderAudience.OFFICE and not job_selectors.user_sees_office_folder(view.request.user):
        raise Http404("No such folder.")
    return render_record


def back_to_visit(visit: Visit, anchor: str = ""):
    return HttpResponseRedirect(reverse("field:visit_detail", args=[visit.pk]) + anchor)


def visit_page_context(request, visit: Visit, **forms) -> dict:
    user = request.user
    allowed = scheduling_selectors.visit_statuses_settable_by(visit=visit, user=user)
    documents = list(job_selectors.document_list_field_folder(job=visit.job))
    context = {
        "visit": visit,
        "job": visit.job,
        "status_buttons": [
            (status, *FIELD_STATUS_BUTTONS[status]) for status in FIELD_STATUS_BUTTONS if status in allowed
        ],
        "documents": documents,
        "photos": [document for document in documents if document.is_photo],
        "files": [document for document in documents if not document.is_photo],
        "installed_equipment": (
            list(job_selectors.installed_equipment_list_for_job(job=visit.job))
            if user.has_perm("jobs.view_installedequipment")
            else []
        ),
        "equipment_lines": [line for line in visit.job.equipment_proposed.splitlines() if line.strip()],
        "new_uuid": uuid.uuid4,
        "can_upload": user.has_perm("jobs.add_document"),
        "can_record_equipment": user.has_perm("jobs.add_installedequipment"),
        "can_note": user.has_perm("field.add_fieldnote"),
        "can_request_inspection": user.has_perm("field.add_inspectionrequest"),
        "can_sign": user.has_perm("jobs.add_completionsignoff") and visit.completed_at is not None,
        "note_form": forms.get("note_form") or FieldNoteForm(initial={"client_uuid": uuid.uuid4()}),
        "photo_form": forms.get("photo_form") or PhotoForm(),
        "equipment_form": forms.get("equipment_form") or InstalledEquipmentForm(),
        "inspection_form": forms.get("inspection_form") or InspectionRequestForm(initial={"client_uuid": uuid.uuid4()}),
        "status_error": forms.get("status_error"),
    }
    return context


class MyDayView(AccessControlMixin, TemplateView):
    """Today's and tomorrow's visits of the installer's crew, in order."""

    permission_required = "scheduling.view_visit"
    template_name = "field/my_day.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        visits = list(selectors.visit_list_my_day(user=self.request.user, today=today))
        days = [
            (today, "Today", [visit for visit in visits if timezone.localtime(visit.starts_at).date() <= today]),
            (
                today + timezone.timedelta(days=1),
                "Tomorrow",
                [visit for visit in visits if timezone.localtime(visit.starts_at).date() > today],
            ),
        ]
        return super().get_context_data(days=days, visits=visits, **kwargs)


class VisitDetailView(AccessControlMixin, TemplateView):
    permission_required = "scheduling.view_visit"
    get_object = visible_visit
    template_name = "field/visit_detail.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **visit_page_context(self.request, self.object)}


class VisitFormView(AccessControlMixin, View):
    """A phone form posted to a visit: JSON answers for the offline queue, pages otherwise."""

    get_object = visible_visit
    form_class = None
    form_context_name = ""
    anchor = ""

    def post(self, request, *args, **kwargs):
        form = self.form_class(request.POST, request.FILES)
        if not form.is_valid():
            return self.invalid(form)
        try:
            message = self.apply(form)
        except DomainError as error:
            if wants_json(request):
                return JsonResponse({"ok": False, "message": error.message}, status=409)
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return self.invalid(form)
        if wants_json(request):
            return JsonResponse({"ok": True, "message": message})
        messages.success(request, message)
        return back_to_visit(self.object, self.anchor)

    def invalid(self, form):
        if wants_json(self.request):
            errors = "; ".join(str(error) for errors in form.errors.values() for error in errors)
            return JsonResponse({"ok": False, "message": errors or "That did not go through."}, status=400)
        context = visit_page_context(self.request, self.object, **{self.form_context_name: form})
        return render(self.request, "field/visit_detail.html", context, status=400)


class VisitStatusView(VisitFormView):
    permission_required = "scheduling.dispatch_visit"
    form_class = StatusTapForm
    form_context_name = "status_form"

    def invalid(self, form):
        if wants_json(self.request):
            return super().invalid(form)
        context = visit_page_context(self.request, self.object, status_error=" ".join(
            str(error) for errors in form.errors.values() for error in errors
        ))  # fmt: skip
        return render(self.request, "field/visit_detail.html", context, status=400)

    def apply(self, form) -> str:
        action = services.visit_dispatch_from_field(
            visit=self.object,
            to_status=form.cleaned_data["to_status"],
            by=self.request.user,
            client_uuid=form.cleaned_data["client_uuid"],
            tapped_at=form.cleaned_data.get("happened_at"),
        )
        if not action.applied:
            raise DomainError(action.outcome or "That was not applied.")
        label = FIELD_STATUS_BUTTONS.get(action.to_status, (action.to_status,))[0]
        return f"{label} at {timezone.localtime(action.tapped_at):%-I:%M %p}."


class VisitNoteView(VisitFormView):
    permission_required = "field.add_fieldnote"
    form_class = FieldNoteForm
    form_context_name = "note_form"
    anchor = "#notes"

    def apply(self, form) -> str:
        services.field_note_add(
            visit=self.object,
            by=self.request.user,
            text=form.cleaned_data["text"],
            client_uuid=form.cleaned_data["client_uuid"],
            written_at=form.cleaned_data.get("happened_at"),
        )
        return "Note sent to the office."


class VisitInspectionRequestView(VisitFormView):
    permission_required = "field.add_inspectionrequest"
    form_class = InspectionRequestForm
    form_context_name = "inspection_form"
    anchor = "#inspection"

    def apply(self, form) -> str:
        request = services.inspection_request_create(
            visit=self.object,
            by=self.request.user,
            kind=form.cleaned_data["kind"],
            note=form.cleaned_data["note"],
            client_uuid=form.cleaned_data["client_uuid"],
        )
        return f"The office was asked for a {request.get_kind_display().lower()}."


class VisitPhotoView(VisitFormView):
    permission_required = "jobs.add_document"
    form_class = PhotoForm
    form_context_name = "photo_form"
    anchor = "#photos"

    def apply(self, form) -> str:
        services.visit_photo_add(
            visit=self.object,
            by=self.request.user,
            upload=form.cleaned_data["file"],
            title=form.cleaned_data["title"],
        )
        return "Photo added to the folder."


class VisitEquipmentView(VisitFormView):
    permission_required = "jobs.add_installedequipment"
    form_class = InstalledEquipmentForm
    form_context_name = "equipment_form"
    anchor = "#equipment"

    def apply(self, form) -> str:
        data = form.cleaned_data
        equipment = services.visit_equipment_record(
            visit=self.object,
            by=self.request.user,
            kind=data["kind"],
            manufacturer=data["manufacturer"],
            model_number=data["model_number"],
            serial_number=data["serial_number"],
            warranty_years=data["warranty_years"],
            warranty_registered_on=data["warranty_registered_on"],
            warranty_notes=data["warranty_notes"],
            nameplate_upload=data["nameplate_photo"],
        )
        return f"Recorded {equipment.model_number} s/n {equipment.serial_number}."


class VisitSignoffView(AccessControlMixin, View):
    """The customer signs on the phone's screen once the work is completed."""

    permission_required = "jobs.add_completionsignoff"
    get_object = visible_visit
    template_name = "field/visit_signoff.html"

    def get(self, request, *args, **kwargs):
        form = SignoffForm(initial={"client_uuid": uuid.uuid4(), "signer_name": self.object.job.customer.name})
        return render(request, self.template_name, {"visit": self.object, "form": form})

    def post(self, request, *args, **kwargs):
        visit = self.object
        form = SignoffForm(request.POST)
        if form.is_valid():
            try:
                signoff = services.visit_signoff_record(
                    visit=visit,
                    by=request.user,
                    signer_name=form.cleaned_data["signer_name"],
                    signature_png=form.cleaned_data["signature"],
                    client_uuid=form.cleaned_data["client_uuid"],
                )
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(
                    request, f"Signed by {signoff.signer_name}; the completion certificate is in the folder."
                )
                return back_to_visit(visit, "#folder")
        return render(request, self.template_name, {"visit": visit, "form": form}, status=400)


class VisitDocumentView(AccessControlMixin, View):
    """A field-folder file of one of the crew's visits (under /field/, so it can be cached offline)."""

    permission_required = ("scheduling.view_visit", "jobs.view_document")
    get_object = visible_visit
    thumbnail = False

    def get(self, request, pk: int, document_pk: int):
        try:
            document = selectors.field_document_get(visit=self.object, pk=document_pk)
        except Document.DoesNotExist:
            raise Http404("No such document.") from None
        if self.thumbnail:
            if not document.thumbnail:
                raise Http404("No thumbnail.")
            return stored_file_response(document.thumbnail, content_type="image/jpeg", download_name="thumb.jpg")
        extension = document.file.name.rsplit(".", 1)[-1]
        return stored_file_response(
            document.file, content_type=document.content_type, download_name=f"{document.title}.{extension}"
        )


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


# ---------------------------------------------------------------- office: generated sheets and folder PDFs


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
        "folders": [(audience, FolderAudience(audience).label, renders[audience]) for audience in audiences],
        # For the office and the crew on the job (the job is visible to them), not for sales.
        "field_notes": (
            list(selectors.field_note_list_for_job(job=job)[:20]) if user.has_perm("field.view_fieldnote") else []
        ),
        "inspection_requests": (
            list(selectors.inspection_request_list_for_job(job=job))
            if user.has_perm("field.view_inspectionrequest")
            else []
        ),
        "can_handle_inspections": user.has_perm("field.change_inspectionrequest"),
    }


class JobFolderPanelView(AccessControlMixin, View):
    """The job page's panel: print the folder, its progress, the sheets, notes and requests from the field."""

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
        services.job_folder_request_render(job=job, by=request.user, audience=audience)
        if request.htmx:
            return render(request, "field/_job_folder_panel.html", folder_panel_context(request, job))
        return redirect(job)


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
            as_attachment=request.GET.get("download") == "1",
        )


class JobFolderLatestView(AccessControlMixin, View):
    """The newest finished folder PDF of a job: a stable link for the evening page-out."""

    permission_required = "jobs.view_document"
    get_object = visible_job

    def get(self, request, *args, **kwargs):
        job = self.object
        audience = request.GET.get("folder", FolderAudience.FIELD)
        if audience not in FolderAudience.values or (
            audience == FolderAudience.OFFICE and not job_selectors.user_sees_office_folder(request.user)
        ):
            raise Http404("No such folder.")
        latest = selectors.job_folder_latest(job=job, audience=audience)
        if latest is None:
            # Not printed yet: the job's page has the same folder, file by file.
            messages.info(request, "This job's folder has not been printed as a PDF yet; its files are below.")
            return HttpResponseRedirect(f"{job.get_absolute_url()}#folder")
        return stored_file_response(
            latest.file, content_type="application/pdf", download_name=f"{job.number}-{audience}-folder.pdf"
        )


class InspectionRequestListView(AccessControlMixin, ListView):
    """What crews asked for from the site: the office books the inspections and marks them handled."""

    permission_required = "field.change_inspectionrequest"
    template_name = "field/inspection_request_list.html"
    context_object_name = "inspection_requests"
    paginate_by = 50

    def get_queryset(self):
        return selectors.inspection_request_list_open()


class InspectionRequestHandledView(AccessControlMixin, View):
    permission_required = "field.change_inspectionrequest"

    def get_object(self) -> InspectionRequest:
        jobs = job_selectors.job_list_visible_to(self.request.user)
        return InspectionRequest.objects.get(pk=self.kwargs["pk"], job__in=jobs)

    def post(self, request, pk: int):
        inspection_request = self.object
        form = InspectionHandledForm(request.POST)
        note = form.cleaned_data["note"] if form.is_valid() else ""
        services.inspection_request_mark_handled(inspection_request=inspection_request, by=request.user, note=note)
        messages.success(request, f"{inspection_request} marked handled.")
        next_url = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            next_url = reverse("field:inspection_request_list")
        return redirect(next_url)


class ServiceWorkerView(AccessControlMixin, View):
    """The offline cache for the phone view, served from /field/ so it may control every /field/ page.

    Public: a browser fetches and updates a service worker script by itself, without the session; it
    holds no data (the pages it caches are fetched signed in).
    """

    public = True

    def get(self, request):
        script = (Path(__file__).parent.parent / "static" / "field" / "sw.js").read_text()
        response = HttpResponse(script, content_type="application/javascript")
        response["Cache-Control"] = "no-cache"
        response["Service-Worker-Allowed"] = "/field/"
        return response
