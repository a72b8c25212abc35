"""A visit on the phone: its page and what the crew does there (status taps, notes, photos, equipment,
inspection requests, the customer's sign-off) and the folder's files."""

import uuid

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from billing.selectors import club_line_for_customer
from installops.access import AccessControlMixin
from installops.clock import company_today
from installops.downloads import stored_file_response
from installops.errors import DomainError
from installops.timefmt import local_clock_exact
from jobs import selectors as job_selectors
from jobs.forms import InstalledEquipmentForm
from jobs.models import Document
from permits import selectors as permit_selectors
from scheduling.choices import VisitStatus
from scheduling.models import Visit

from .. import selectors, services
from ..forms import (
    FieldNoteForm,
    InspectionRequestForm,
    PhotoForm,
    SignoffForm,
    StatusTapForm,
)
from .access import visible_visit

# The buttons a crew gets on the phone; the rest of the flow (confirm, close out) is the office's.
FIELD_STATUS_BUTTONS = {
    VisitStatus.ON_MY_WAY: (VisitStatus.ON_MY_WAY.label, "bi-truck"),
    VisitStatus.ON_SITE: (VisitStatus.ON_SITE.label, "bi-geo-alt"),
    VisitStatus.COMPLETED: (VisitStatus.COMPLETED.label, "bi-check2-circle"),
}


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def back_to_visit(visit: Visit, anchor: str = ""):
    return HttpResponseRedirect(reverse("field:visit_detail", args=[visit.pk]) + anchor)


def visit_page_context(request, visit: Visit, **forms) -> dict:
    user = request.user
    allowed = selectors.visit_field_statuses(visit=visit, user=user)
    documents = list(job_selectors.document_list_field_folder(job=visit.job))
    context = {
        "visit": visit,
        "job": visit.job,
        "today": company_today(),
        "status_buttons": [
            (status, *FIELD_STATUS_BUTTONS[status]) for status in FIELD_STATUS_BUTTONS if status in allowed
        ],
        "day_refusal": selectors.visit_field_day_refusal(visit=visit, user=user),
        "completion_missing": (
            selectors.visit_completion_missing(visit=visit) if VisitStatus.COMPLETED in allowed else None
        ),
        "refused_taps": [
            (FIELD_STATUS_BUTTONS.get(action.to_status, (action.to_status,))[0], action)
            for action in selectors.field_action_list_refused(visit=visit, user=user)
        ],
        "sent_notes": list(selectors.field_note_list_for_visit(visit=visit)),
        "inspections": (
            list(permit_selectors.inspection_list_for_job(job=visit.job))
            if user.has_perm("permits.view_inspection")
            else []
        ),
        "documents": documents,
        "photos": [document for document in documents if document.is_photo],
        "files": [document for document in documents if not document.is_photo],
        "installed_equipment": (
            list(job_selectors.installed_equipment_list_for_job(job=visit.job))
            if user.has_perm("jobs.view_installedequipment")
            else []
        ),
        "equipment_lines": [line for line in visit.job.equipment_proposed.splitlines() if line.strip()],
        "permit": permit_selectors.permit_summary_for_job(job_id=visit.job_id),
        # The customer's maintenance agreement ("Club: Gold until Jun 2027"), never its price.
        "club": club_line_for_customer(customer_id=visit.job.customer_id),
        "new_uuid": uuid.uuid4,
        "can_upload": user.has_perm("jobs.add_document"),
        "can_record_equipment": user.has_perm("jobs.add_installedequipment"),
        "can_note": user.has_perm("field.add_fieldnote"),
        "can_request_inspection": user.has_perm("permits.add_inspection"),
        "can_sign": user.has_perm("jobs.add_completionsignoff") and visit.completed_at is not None,
        "note_form": forms.get("note_form") or FieldNoteForm(initial={"client_uuid": uuid.uuid4()}),
        "photo_form": forms.get("photo_form") or PhotoForm(),
        "equipment_form": forms.get("equipment_form") or InstalledEquipmentForm(),
        "inspection_form": forms.get("inspection_form") or InspectionRequestForm(initial={"client_uuid": uuid.uuid4()}),
        "status_error": forms.get("status_error"),
    }
    return context


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
    # How a refusal names what was sent ("Note not sent: …").
    what = "That"

    def post(self, request, *args, **kwargs):
        form = self.form_class(request.POST, request.FILES)
        if not form.is_valid():
            return self.invalid(form)
        asked = self.ask_first(form)
        if asked is not None:
            return asked
        try:
            message = self.apply(form)
        except DomainError as error:
            if wants_json(request):
                # The phone reloads once its queue is sent: the refusal waits for it on the next page.
                messages.error(request, f"{self.what_was_sent(form)} not sent: {error.message}")
                return JsonResponse({"ok": False, "message": error.message}, status=409)
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return self.invalid(form)
        messages.success(request, message)
        if wants_json(request):
            return JsonResponse({"ok": True, "message": message})
        return back_to_visit(self.object, self.anchor)

    def ask_first(self, form):
        """A page to show before applying the form (a confirmation), or None to apply it now."""
        return None

    def what_was_sent(self, form) -> str:
        return self.what

    def invalid(self, form):
        if wants_json(self.request):
            errors = "; ".join(str(error) for errors in form.errors.values() for error in errors)
            message = errors or "That did not go through."
            messages.error(self.request, f"{self.what} not sent: {message}")
            return JsonResponse({"ok": False, "message": message}, status=400)
        context = visit_page_context(self.request, self.object, **{self.form_context_name: form})
        return render(self.request, "field/visit_detail.html", context, status=400)


class VisitStatusView(VisitFormView):
    permission_required = "scheduling.dispatch_visit"
    form_class = StatusTapForm
    form_context_name = "status_form"
    what = "Status tap"

    def what_was_sent(self, form) -> str:
        label = FIELD_STATUS_BUTTONS.get(form.cleaned_data["to_status"], (form.cleaned_data["to_status"],))[0]
        return f"“{label}”"

    def ask_first(self, form):
        """Without JavaScript, "Completed" first shows what is still missing and asks to confirm
        (the phone's script asks in a dialog and sends `confirmed`)."""
        data = form.cleaned_data
        if data["to_status"] != VisitStatus.COMPLETED or data["confirmed"] or wants_json(self.request):
            return None
        visit = self.object
        if VisitStatus.COMPLETED not in selectors.visit_field_statuses(visit=visit, user=self.request.user):
            return None  # refused by the service, with its reason
        context = {
            "visit": visit,
            "job": visit.job,
            "client_uuid": data["client_uuid"],
            "completion_missing": selectors.visit_completion_missing(visit=visit),
        }
        return render(self.request, "field/visit_complete_confirm.html", context)

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
        return f"{label} at {local_clock_exact(action.tapped_at)}."


class VisitNoteView(VisitFormView):
    what = "Note"
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
    what = "Inspection request"
    permission_required = "permits.add_inspection"
    form_class = InspectionRequestForm
    form_context_name = "inspection_form"
    anchor = "#inspection"

    def apply(self, form) -> str:
        inspection = services.visit_inspection_request(
            visit=self.object,
            by=self.request.user,
            kind=form.cleaned_data["kind"],
            note=form.cleaned_data["note"],
            client_uuid=form.cleaned_data["client_uuid"],
        )
        return f"The office was asked for a {inspection.get_kind_display().lower()}."


class VisitPhotoView(VisitFormView):
    what = "Photo"
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
    what = "Equipment"
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
