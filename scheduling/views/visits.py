from datetime import date, datetime, time

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from installops.access import AccessControlMixin
from installops.errors import DomainError
from jobs.models import Job
from jobs.selectors import job_list_visible_to
from people.models import Employee

from .. import selectors, services
from ..board_render import board_render_blocks
from ..forms import (
    BoardFilterForm,
    SubcontractorBookingForm,
    TimeOffForm,
    VisitBookForm,
    VisitCloseoutForm,
    VisitRescheduleForm,
    VisitStatusForm,
)
from ..models import Crew, TimeOff, Visit


def _form_error(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


# The views' `get_object`: installops.access.AccessControlMixin calls them and keeps `self.object`;
# what the user may not see does not exist for them (404).


def visible_visit(view) -> Visit:
    """The URL's visit, through the visibility rule: another crew's visit is not found."""
    return selectors.visit_get_for_detail(user=view.request.user, pk=view.kwargs["pk"])


def visible_job(view) -> Job:
    """The URL's job, through the visibility rule."""
    return (
        job_list_visible_to(view.request.user)
        .select_related("customer", "site", "original_job")
        .get(pk=view.kwargs["job_pk"])
    )


# ----------------------------------------------------------------------------------------------
# The dispatch board and the unscheduled queue.


class BoardView(AccessControlMixin, TemplateView):
    permission_required = "scheduling.view_board"
    template_name = "scheduling/board.html"

    def get_template_names(self):
        if self.request.htmx and self.request.htmx.target == "board":
            return ["scheduling/_board_grid.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = BoardFilterForm(self.request.GET or None)
        values = form.cleaned_data if form.is_valid() else {}
        mode = values.get("view") or "week"
        day = values.get("date") or timezone.localdate()
        crew = values.get("crew")
        board = selectors.board_for(
            mode=mode, day=day, kind=values.get("kind") or "", crew_id=crew.pk if crew else None,
            status=values.get("status") or "",
        )  # fmt: skip
        board_render_blocks(
            board,
            # Blocks link by id: the URLs are worked out once, not per block.
            visit_url=reverse("scheduling:visit_detail", args=[0])[:-2],
            job_url=reverse("jobs:job_detail", args=[0])[:-2],
        )
        query = self.request.GET.copy()
        query.pop("date", None)
        context.update(
            board=board,
            readiness_checks=selectors.READINESS_CHECKS,
            filter_form=form,
            other_params=query.urlencode(),
            can_move=self.request.user.has_perm("scheduling.move_visit"),
            today=timezone.localdate(),
        )
        return context


class VisitMoveView(AccessControlMixin, View):
    """A block dropped on the board: re-validated here; on refusal the board snaps it back."""

    permission_required = "scheduling.change_visit"
    object_permission_required = "scheduling.move_visit"
    get_object = visible_visit
    http_method_names = ["post"]

    def permission_denied(self):
        return JsonResponse({"ok": False, "message": "You cannot move this visit."}, status=403)

    def post(self, request, pk):
        visit = self.object
        row = request.POST.get("row", "")
        try:
            day = date.fromisoformat(request.POST.get("day", ""))
        except ValueError:
            return JsonResponse({"ok": False, "message": "That is not a day on the board."}, status=400)
        crew, technician = self._assignee(row, visit)
        if crew is False:
            return JsonResponse({"ok": False, "message": "That is not a row on the board."}, status=400)
        start = timezone.localtime(visit.starts_at)
        hour = request.POST.get("hour")
        clock = time(int(hour), start.minute) if hour and hour.isdigit() and 0 <= int(hour) < 24 else start.time()
        starts_at = datetime.combine(day, clock, tzinfo=timezone.get_current_timezone())
        try:
            visit = services.visit_move(
                visit=visit, crew=crew, technician=technician, starts_at=starts_at, by=request.user,
                override_reason=request.POST.get("override_reason", ""),
            )  # fmt: skip
        except services.BookingNeedsOverride as error:
            return JsonResponse({"ok": False, "needs_override": True, "message": error.message}, status=409)
        except DomainError as error:
            return JsonResponse({"ok": False, "message": error.message}, status=409)
        return JsonResponse(
            {"ok": True, "message": f"{visit.job.number} moved to {visit.assignee_name}, "
             f"{services.local_span(visit.starts_at, visit.ends_at)}."}
        )  # fmt: skip

    def _assignee(self, row: str, visit: Visit):
        kind, _, pk = row.partition("-")
        if not pk.isdigit():
            return False, None
        if kind == "crew":
            crew = Crew.objects.filter(pk=pk, active=True).first()
            # A crew visit that also had a technician keeps them.
            return (crew, visit.technician) if crew else (False, None)
        if kind == "tech":
            technician = Employee.objects.filter(pk=pk, active=True).select_related("user").first()
            return (None, technician) if technician else (False, None)
        return False, None


class UnscheduledView(AccessControlMixin, TemplateView):
    permission_required = "scheduling.view_board"
    template_name = "scheduling/unscheduled.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(selectors.job_list_unscheduled(), 50).get_page(self.request.GET.get("page"))
        for job in page.object_list:
            job.missing = selectors.readiness_missing(job)
        context["page_obj"] = page
        context["can_book"] = self.request.user.has_perm("scheduling.book_visit")
        context["today"] = timezone.localdate()
        return context


# ----------------------------------------------------------------------------------------------
# Booking.


class VisitBookView(AccessControlMixin, TemplateView):
    permission_required = "scheduling.add_visit"
    object_permission_required = "scheduling.book_visit"
    get_object = visible_job
    template_name = "scheduling/visit_book.html"

    def get_initial(self, job, estimate):
        params = self.request.GET
        crew = selectors.crew_of_original_install(job)
        initial = {"estimated_hours": estimate.hours, "crew": params.get("crew") or (crew.pk if crew else None)}
        if params.get("day"):
            initial["day"] = params["day"]
        if params.get("start"):
            initial["start_time"] = params["start"]
            try:
                start = time.fromisoformat(params["start"])
                initial["window_start"] = start
                initial["window_end"] = time(min(start.hour + estimate.arrival_window_hours, 23), start.minute)
            except ValueError:
                pass
        return initial

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        job = self.object
        estimate = selectors.booking_estimate_for_job(job)
        context.update(
            job=job,
            estimate=estimate,
            form=form or VisitBookForm(initial=self.get_initial(job, estimate)),
            suggestions=selectors.visit_suggest_slots(job=job),
            original_crew=selectors.crew_of_original_install(job),
            existing_visits=selectors.visit_list_for_job(user=self.request.user, job=job),
        )
        return context

    def post(self, request, job_pk):
        job = self.object
        form = VisitBookForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            starts_at = form.starts_at()
            ends_at = data["ends_at"] or selectors.visit_block_for_hours(
                crew=data["crew"], starts_at=starts_at, hours=data["estimated_hours"]
            )
            window_start, window_end = form.window()
            try:
                visit = services.visit_book(
                    job=job, crew=data["crew"], technician=data["technician"], starts_at=starts_at, ends_at=ends_at,
                    arrival_window_start=window_start, arrival_window_end=window_end, notes=data["notes"],
                    by=request.user, override_reason=data["override_reason"], estimated_hours=data["estimated_hours"],
                )  # fmt: skip
            except services.BookingNeedsOverride as error:
                form.add_error("override_reason", error.message)
                form.needs_override = True
            except DomainError as error:
                field = {"starts_at": "start_time", "arrival_window_start": "window_start"}.get(
                    error.field, error.field
                )
                form.add_error(field if field in form.fields else None, error.message)
            else:
                messages.success(
                    request, f"{job.number} booked: {visit.assignee_name}, {services.local_span(starts_at, ends_at)}."
                )
                return redirect(reverse("scheduling:board") + f"?date={timezone.localdate(starts_at).isoformat()}")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class SubcontractorBookingCreateView(AccessControlMixin, TemplateView):
    # The form picks from the company's subcontractors; the page lists the job's bookings.
    permission_required = (
        "scheduling.add_subcontractorbooking",
        "scheduling.view_subcontractor",
        "scheduling.view_subcontractorbooking",
    )
    object_permission_required = "scheduling.book_subcontractor"
    get_object = visible_job
    template_name = "scheduling/subcontractor_book.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        job = self.object
        context.update(
            job=job,
            form=form or SubcontractorBookingForm(),
            bookings=selectors.subcontractor_booking_list_for_job(job=job),
        )
        return context

    def post(self, request, job_pk):
        job = self.object
        form = SubcontractorBookingForm(request.POST)
        if form.is_valid():
            starts_at, ends_at = form.times()
            try:
                booking = services.subcontractor_booking_create(
                    job=job, subcontractor=form.cleaned_data["subcontractor"], starts_at=starts_at, ends_at=ends_at,
                    notes=form.cleaned_data["notes"], by=request.user,
                )  # fmt: skip
            except DomainError as error:
                field = {"starts_at": "start_time", "ends_at": "end_time"}.get(error.field, error.field)
                form.add_error(field if field in form.fields else None, error.message)
            else:
                messages.success(request, f"{booking.subcontractor} booked on {job.number}.")
                return redirect(job)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class TimeOffView(AccessControlMixin, TemplateView):
    # The page lists the upcoming time off and records more.
    permission_required = ("scheduling.view_timeoff", "scheduling.add_timeoff")
    template_name = "scheduling/time_off.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = form or TimeOffForm()
        context["upcoming"] = (
            TimeOff.objects.filter(ends_at__gte=timezone.now())
            .select_related("crew", "employee__user")
            .order_by("starts_at")[:100]
        )
        return context

    def post(self, request):
        form = TimeOffForm(request.POST)
        if form.is_valid():
            starts_at, ends_at = form.span()
            try:
                services.time_off_create(
                    crew=form.cleaned_data["crew"], employee=form.cleaned_data["employee"], starts_at=starts_at,
                    ends_at=ends_at, reason=form.cleaned_data["reason"], by=request.user,
                )  # fmt: skip
            except DomainError as error:
                _form_error(form, error)
            else:
                messages.success(request, "Time off recorded.")
                return redirect("scheduling:time_off")
        return self.render_to_response(self.get_context_data(form=form), status=400)


# ----------------------------------------------------------------------------------------------
# One visit: its page, dispatch statuses, rescheduling, close-out.


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
            and visit.status not in ("closed_out", "cancelled", "rescheduled"),
            reschedule_form=reschedule_form or VisitRescheduleForm(),
            status_changes=visit.status_changes.all() if user.has_perm("scheduling.view_visitstatuschange") else [],
        )
        return context


class VisitStatusView(AccessControlMixin, View):
    permission_required = "scheduling.dispatch_visit"
    object_permission_required = "scheduling.set_visit_dispatch_status"
    get_object = visible_visit
    http_method_names = ["post"]

    def post(self, request, pk):
        visit = self.object
        allowed = selectors.visit_statuses_settable_by(visit=visit, user=request.user)
        form = VisitStatusForm(request.POST, allowed_statuses=allowed)
        if form.is_valid():
            try:
                visit = services.visit_set_dispatch_status(
                    visit=visit, to_status=form.cleaned_data["to_status"], by=request.user,
                    at=form.cleaned_data["at"], reason=form.cleaned_data["reason"],
                )  # fmt: skip
            except DomainError as error:
                _form_error(form, error)
            else:
                messages.success(request, f"{visit.job.number}: {visit.get_status_display().lower()}.")
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
                messages.success(request, f"Rescheduled to {services.local_span(new.starts_at, new.ends_at)}.")
                return redirect("scheduling:visit_detail", pk=new.pk)
        view = VisitDetailView(request=request, kwargs=self.kwargs, args=())
        view.object = visit
        return view.render_to_response(view.get_context_data(reschedule_form=form), status=400)


class VisitCloseoutView(AccessControlMixin, TemplateView):
    # Close-out records the crew's hours as timecards (entered, or corrected on a second pass).
    permission_required = ("scheduling.close_out_visit", "scheduling.add_timecard", "scheduling.change_timecard")
    object_permission_required = "scheduling.close_out"
    get_object = visible_visit
    template_name = "scheduling/visit_closeout.html"

    def get_form(self, data=None):
        visit = self.object
        initial = {
            "on_site_at": timezone.localtime(visit.on_site_at) if visit.on_site_at else None,
            "completed_at": timezone.localtime(visit.completed_at) if visit.completed_at else None,
            "actual_lead": visit.actual_lead_id or (visit.crew.lead_id if visit.crew_id else visit.technician_id),
            "checklist": list(visit.checklist_ticks.values_list("item_id", flat=True)),
        }
        return VisitCloseoutForm(data, visit=visit, initial=initial)

    def get_context_data(self, form=None, missing=None, **kwargs):
        context = super().get_context_data(**kwargs)
        visit = self.object
        context.update(
            visit=visit,
            form=form or self.get_form(),
            missing=missing if missing is not None else services.closeout.visit_closeout_missing(visit=visit),
        )
        return context

    def post(self, request, pk):
        visit = self.object
        form = self.get_form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                visit, missing = services.visit_record_closeout(
                    visit=visit, by=request.user, on_site_at=data["on_site_at"], completed_at=data["completed_at"],
                    ticked_item_ids=[item.pk for item in data["checklist"]],
                    hours_by_employee=form.hours_by_employee(), actual_lead=data["actual_lead"],
                    close="close" in request.POST,
                )  # fmt: skip
            except DomainError as error:
                _form_error(form, error)
            else:
                if visit.status == "closed_out":
                    messages.success(request, f"{visit.job.number} closed out.")
                    return redirect("scheduling:visit_detail", pk=visit.pk)
                if "close" in request.POST:
                    messages.warning(request, "Saved, but it cannot be closed out yet: see what is missing.")
                else:
                    messages.success(request, "Close-out entries saved.")
                return redirect("scheduling:visit_closeout", pk=visit.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class JobVisitsPanelView(AccessControlMixin, TemplateView):
    """The visits, readiness and subcontractors of one job: a panel the job page loads."""

    permission_required = "scheduling.view_visit"
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
        )
        return context
