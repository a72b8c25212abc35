"""The job page's inspections panel, and the office's actions on it (each re-renders the panel).

Coordinators and install administrators act; accounting and sales read it. A refused form comes back
inside the panel with its errors and the entries kept (htmx), or on a page of its own without JavaScript.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views import View

from installops.access import AccessControlMixin
from installops.errors import DomainError
from jobs.models import Job

from .. import selectors, services
from ..choices import InspectionStatus
from ..forms.inspections import (
    InspectionBookForm,
    InspectionReconfirmForm,
    InspectionRequestForm,
    InspectionResultForm,
)
from .access import visible_inspection, visible_job

PANEL_TEMPLATE = "permits/inspections/_job_inspections_panel.html"
PAGE_TEMPLATE = "permits/inspections/job_inspections.html"


def panel_context(request, job: Job, *, bound: tuple[str, int | None, object] | None = None) -> dict:
    """The panel's rows, each with the forms its status offers; `bound` (action, inspection pk, form) is
    the refused form, shown in place of a blank one."""
    can_act = request.user.has_perm("permits.change_inspection")
    action, bound_pk, bound_form = bound or ("", None, None)
    inspections = list(selectors.inspection_list_for_job(job=job))
    rows = []
    for inspection in inspections:
        forms: dict = {}
        if can_act:
            if inspection.status in (InspectionStatus.TO_BOOK, InspectionStatus.SCHEDULED):
                forms["book"] = InspectionBookForm(
                    initial={
                        "scheduled_on": inspection.scheduled_on,
                        "window": inspection.window,
                        "inspector": inspection.inspector,
                        "booked_by_method": inspection.booked_by_method,
                        "booking_reference": inspection.booking_reference,
                    },
                    prefix=f"book-{inspection.pk}",
                )
                forms["result"] = InspectionResultForm(prefix=f"result-{inspection.pk}")
            if inspection.status == InspectionStatus.NO_ACCESS and inspection.access_reconfirmed_at is None:
                forms["reconfirm"] = InspectionReconfirmForm(prefix=f"reconfirm-{inspection.pk}")
            if bound_pk == inspection.pk and action in forms:
                forms[action] = bound_form
        rows.append(
            {"inspection": inspection, "forms": forms, "open_form": action if bound_pk == inspection.pk else ""}
        )
    request_form = bound_form if action == "request" else InspectionRequestForm(prefix="request")
    return {
        "job": job,
        "rows": rows,
        "can_act": can_act,
        "request_form": request_form if can_act else None,
        "request_open": action == "request",
        "windows": selectors.inspection_windows_for_job(job=job) if can_act else [],
    }


class JobInspectionsPanelView(AccessControlMixin, View):
    """The job's inspections: kind, status, day and window, inspector, result, corrections, photos."""

    permission_required = "permits.view_inspection"
    get_object = visible_job

    def get(self, request, *args, **kwargs):
        return render(request, PANEL_TEMPLATE, panel_context(request, self.object))


class _InspectionActionView(AccessControlMixin, View):
    """Parse the form, call one service, re-render the panel (htmx) or go back to the job page."""

    permission_required = "permits.change_inspection"
    action = ""
    form_class: type = InspectionRequestForm
    done = ""

    def job(self) -> Job:
        return self.object.job

    def prefix(self) -> str:
        return f"{self.action}-{self.object.pk}"

    def apply(self, form) -> None:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        form = self.form_class(request.POST, request.FILES, prefix=self.prefix())
        if form.is_valid():
            try:
                self.apply(form)
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
        job = self.job()
        if not form.errors:
            if request.htmx:
                return render(request, PANEL_TEMPLATE, panel_context(request, job))
            messages.success(request, self.done)
            return redirect(job)
        context = panel_context(request, job, bound=(self.action, self.bound_pk(), form))
        if request.htmx:
            return render(request, PANEL_TEMPLATE, context)
        return render(request, PAGE_TEMPLATE, context, status=400)

    def bound_pk(self) -> int | None:
        return self.object.pk


class InspectionRequestView(_InspectionActionView):
    """The office asks for an inspection (its own idea, or the customer called)."""

    permission_required = ("permits.add_inspection", "permits.change_inspection")
    get_object = visible_job
    action = "request"
    form_class = InspectionRequestForm
    done = "Inspection added to book."

    def job(self) -> Job:
        return self.object

    def prefix(self) -> str:
        return "request"

    def bound_pk(self) -> int | None:
        return None

    def apply(self, form) -> None:
        services.inspection_request(
            job=self.object,
            kind=form.cleaned_data["kind"],
            via=form.cleaned_data["via"],
            note=form.cleaned_data["note"],
            by=self.request.user,
        )


class InspectionBookView(_InspectionActionView):
    get_object = visible_inspection
    action = "book"
    form_class = InspectionBookForm
    done = "Inspection booked."

    def apply(self, form) -> None:
        services.inspection_book(inspection=self.object, by=self.request.user, **form.cleaned_data)


class InspectionResultView(_InspectionActionView):
    get_object = visible_inspection
    action = "result"
    form_class = InspectionResultForm
    done = "Inspection result recorded."

    def apply(self, form) -> None:
        data = form.cleaned_data
        services.inspection_record_result(
            inspection=self.object,
            by=self.request.user,
            result=data["result"],
            result_on=data["result_on"],
            notes=data["notes"],
            corrections=data["corrections"],
            photos=data["photos"],
        )


class InspectionReconfirmView(_InspectionActionView):
    """After "no access": the customer reconfirmed; the next inspection goes on the list to book."""

    get_object = visible_inspection
    action = "reconfirm"
    form_class = InspectionReconfirmForm
    done = "Reconfirmed: the next inspection is to book."

    def apply(self, form) -> None:
        services.inspection_reconfirm(inspection=self.object, by=self.request.user, note=form.cleaned_data["note"])
