"""One visit's page, its dispatch status and rescheduling; and the job page's panel of visits."""

from decimal import Decimal

from django.contrib import messages
from django.shortcuts import redirect
from django.views import View
from django.views.generic import TemplateView

from installops.access import AccessControlMixin
from installops.errors import DomainError
from installops.forms import NextForm
from installops.timefmt import local_span
from jobs.models import Job

from .. import selectors, services
from ..choices import RELEASED_VISIT_STATUSES, VisitStatus
from ..forms import VisitRescheduleForm, VisitStatusForm
from ..notices import change_audience_sentence, visit_before
from .access import visible_job, visible_visit
from .errors import form_error


class VisitDetailView(AccessControlMixin, TemplateView):
    permission_required = "scheduling.view_visit"
    object_permission_required = "scheduling.open_visit"
    get_object = visible_visit
    template_name = "scheduling/visit_detail.html"

    def get_context_data(self, status_form=None, reschedule_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        visit = self.object
        user = self.request.user
        allowed = selectors.visit_statuses_settable_by(visit=visit, user=user)
        context.update(
            visit=visit,
            missing=selectors.readiness_missing(visit) if visit.holds_time else [],
            status_form=status_form or (VisitStatusForm(allowed_statuses=allowed) if allowed else None),
            can_move=user.has_perm("scheduling.move_visit", visit),
            can_close_out=user.has_perm("scheduling.close_out", visit)
            and visit.status not in (VisitStatus.CLOSED_OUT, *RELEASED_VISIT_STATUSES),
            reschedule_form=reschedule_form or VisitRescheduleForm(),
            status_changes=visit.status_changes.all() if user.has_perm("scheduling.view_visitstatuschange") else [],
            back_to=_back_to(self.request),
        )
        return context


def _back_to(request) -> str:
    """The list the office came from (a worklist's "reschedule"), to return to once done; '' if none or foreign."""
    return NextForm(request.POST).path() or NextForm(request.GET).path()


class VisitStatusView(AccessControlMixin, View):
    permission_required = "scheduling.dispatch_visit"
    object_permission_required = "scheduling.set_visit_dispatch_status"
    get_object = visible_visit
    http_method_names = ["post"]

    def post(self, request, pk):
        visit = self.object
        allowed = selectors.visit_statuses_settable_by(visit=visit, user=request.user)
        form = VisitStatusForm(request.POST, allowed_statuses=allowed)
        before = visit_before(visit)
        if form.is_valid():
            try:
                visit = services.visit_set_dispatch_status(
                    visit=visit, to_status=form.cleaned_data["to_status"], by=request.user,
                    at=form.cleaned_data["at"], reason=form.cleaned_data["reason"],
                )  # fmt: skip
            except DomainError as error:
                form_error(form, error)
            else:
                told = change_audience_sentence(visit, before=before) if not visit.holds_time else ""
                messages.success(request, f"{visit.job.number}: {visit.get_status_display().lower()}. {told}".strip())
                return redirect("scheduling:visit_detail", pk=visit.pk)
        view = VisitDetailView(request=request, kwargs=self.kwargs, args=())
        view.object = visit
        return view.render_to_response(view.get_context_data(status_form=form), status=400)


class VisitRescheduleView(AccessControlMixin, View):
    permission_required = "scheduling.change_visit"
    object_permission_required = "scheduling.move_visit"
    get_object = visible_visit
    http_method_names = ["post"]

    def post(self, request, pk):
        visit = self.object
        form = VisitRescheduleForm(request.POST)
        before = visit_before(visit)
        if form.is_valid():
            try:
                new = services.visit_reschedule(
                    visit=visit, starts_at=form.starts_at(), reason=form.cleaned_data["reason"], by=request.user,
                    override_reason=form.cleaned_data["override_reason"],
                )  # fmt: skip
            except DomainError as error:
                field = {"starts_at": "start_time"}.get(error.field, error.field)
                form.add_error(field if field in form.fields else None, error.message)
            else:
                told = change_audience_sentence(new, before=before)
                messages.success(request, f"Rescheduled to {local_span(new.starts_at, new.ends_at)}. {told}".strip())
                return redirect(_back_to(request) or new.get_absolute_url())
        view = VisitDetailView(request=request, kwargs=self.kwargs, args=())
        view.object = visit
        return view.render_to_response(view.get_context_data(reschedule_form=form), status=400)


class JobVisitsPanelView(AccessControlMixin, TemplateView):
    """The visits, readiness and subcontractors of one job: a panel the job page loads.

    For anyone who may open the job: a salesperson sees their job's dates (read-only, without links
    to the visit pages); accounting also sees the hours worked that it invoices.
    """

    permission_required = "jobs.view_job"
    get_object = visible_job
    template_name = "scheduling/_job_visits_panel.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        job = self.object
        user = self.request.user
        jobs = selectors.readiness_annotate(Job.objects.filter(pk=job.pk), on_visits=False)
        context.update(
            job=job,
            visits=selectors.visit_list_for_job(user=user, job=job),
            missing=selectors.readiness_missing(jobs.get()),
            subcontractor_bookings=(
                selectors.subcontractor_booking_list_for_job(job=job)
                if user.has_perm("scheduling.view_subcontractorbooking")
                else []
            ),
            can_book=user.has_perm("scheduling.book_visit"),
            can_open_visits=user.has_perm("scheduling.view_visit"),
        )
        if user.has_perm("scheduling.view_timecard"):
            timecards = list(selectors.timecard_list_for_job(job=job))
            context.update(timecards=timecards, timecard_hours=sum((card.hours for card in timecards), Decimal("0")))
        return context
