"""Booking: the queue of jobs not booked yet, booking a visit, and booking a subcontractor."""

from datetime import time

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView

from installops.access import AccessControlMixin
from installops.clock import company_date, company_today
from installops.errors import DomainError
from installops.forms import PageForm, valid_values
from installops.timefmt import local_span

from .. import selectors, services
from ..forms import BookingPrefillForm, SubcontractorBookingForm, VisitBookForm
from .access import visible_job


class UnscheduledView(AccessControlMixin, TemplateView):
    permission_required = "scheduling.view_board"
    template_name = "scheduling/unscheduled.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(selectors.job_list_unscheduled(), 50).get_page(PageForm(self.request.GET).number())
        for job in page.object_list:
            job.missing = selectors.readiness_missing(job)
        context["page_obj"] = page
        context["can_book"] = self.request.user.has_perm("scheduling.book_visit")
        context["today"] = company_today()
        return context


class VisitBookView(AccessControlMixin, TemplateView):
    permission_required = "scheduling.add_visit"
    object_permission_required = "scheduling.book_visit"
    get_object = visible_job
    template_name = "scheduling/visit_book.html"

    def get_initial(self, job, estimate):
        # What the board's "book here" link carried; a refused value is simply not filled in.
        params = valid_values(BookingPrefillForm(self.request.GET))
        crew = params.get("crew") or selectors.crew_of_original_install(job)
        initial = {"estimated_hours": estimate.hours, "crew": crew.pk if crew else None}
        if params.get("day"):
            initial["day"] = params["day"]
        start = params.get("start")
        if start is not None:
            initial["start_time"] = start
            initial["window_start"] = start
            initial["window_end"] = time(min(start.hour + estimate.arrival_window_hours, 23), start.minute)
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
                    request, f"{job.number} booked: {visit.assignee_name}, {local_span(starts_at, ends_at)}."
                )
                return redirect(reverse("scheduling:board") + f"?date={company_date(starts_at).isoformat()}")
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
