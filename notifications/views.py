from datetime import date

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from installops.access import AccessControlMixin
from installops.clock import company_date, company_tomorrow
from installops.errors import DomainError
from installops.forms import NextForm, announce_ignored
from jobs.selectors import job_list_visible_to
from scheduling.models import Visit
from scheduling.selectors import visit_list_visible_to

from . import links, selectors, services
from .choices import AcknowledgedVia, ConfirmationOutcome, ConfirmationSource, ConfirmationState
from .forms import ConfirmationCallForm, CustomerRescheduleForm, DayForm, SendAgainForm
from .models import CrewPage, Message

# ---------------------------------------------------------------- no-login pages


class VisitConfirmView(AccessControlMixin, View):
    """The customer's page behind the confirmation link: confirm, or ask for another day with a note.

    Public: the customer has no account; the link's signed, expiring token is the credential.
    """

    public = True
    template_name = "notifications/visit_confirm.html"

    def get_visit(self):
        visit_id = links.visit_id_from_confirm_token(self.kwargs["token"])
        if visit_id is None:
            return None
        return Visit.objects.select_related("job__customer", "job__site").filter(pk=visit_id).first()

    def render_page(self, visit, *, form=None, status=200):
        if visit is None:
            return render(self.request, "notifications/link_invalid.html", status=404)
        events = list(visit.confirmation_events.filter(source=ConfirmationSource.CUSTOMER_REPLY))
        context = {
            "visit": visit,
            "job": visit.job,
            "site": visit.job.site,
            "arrival": services.visit_arrival_text(visit),
            "answer": events[-1] if events else None,
            "open": self.is_open(visit),
            "form": form or CustomerRescheduleForm(),
            "company": services.company_details(),
        }
        return render(self.request, self.template_name, context, status=status)

    @staticmethod
    def is_open(visit) -> bool:
        return visit.status in selectors.UPCOMING_VISIT_STATUSES and visit.starts_at > timezone.now()

    def get(self, request, token):
        return self.render_page(self.get_visit())

    def post(self, request, token):
        visit = self.get_visit()
        if visit is None:
            return self.render_page(None)
        form = CustomerRescheduleForm(request.POST)
        if not self.is_open(visit):
            form.is_valid()
            form.add_error(None, "This appointment can no longer be changed online; please call us.")
            return self.render_page(visit, form=form, status=400)
        if not form.is_valid():
            return self.render_page(visit, form=form, status=400)
        wants_other_day = form.cleaned_data["answer"] == "reschedule"
        try:
            services.visit_confirmation_record(
                visit=visit,
                source=ConfirmationSource.CUSTOMER_REPLY,
                outcome=ConfirmationOutcome.RESCHEDULE_REQUESTED if wants_other_day else ConfirmationOutcome.CONFIRMED,
                note=form.cleaned_data["note"] if wants_other_day else "",
            )
        except DomainError as error:
            form.add_error(None, error.message)
            return self.render_page(visit, form=form, status=400)
        return redirect(request.path)


class PageAcknowledgeView(AccessControlMixin, View):
    """A crew member's "got it" for tomorrow's page. The link opens a page with one button: phones'
    link previews fetch links by themselves, so only the tap (a POST) counts as the acknowledgement.

    Public: one tap from the text message, without signing in; the link's signed, expiring token is
    the credential.
    """

    public = True
    template_name = "notifications/page_acknowledge.html"

    def get_page(self):
        page_id = links.page_id_from_acknowledge_token(self.kwargs["token"])
        if page_id is None:
            return None
        return CrewPage.objects.select_related("employee__user", "crew").filter(pk=page_id).first()

    def render_page(self, page):
        if page is None:
            return render(self.request, "notifications/link_invalid.html", status=404)
        visits = list(selectors.visit_list_for_employee_on(employee_id=page.employee_id, day=page.for_date))
        return render(self.request, self.template_name, {"page": page, "visits": visits})

    def get(self, request, token):
        return self.render_page(self.get_page())

    def post(self, request, token):
        page = self.get_page()
        if page is not None:
            services.crew_page_acknowledge(page=page)
            return redirect(request.path)
        return self.render_page(page)


# ---------------------------------------------------------------- office worklists


def _day_from(request) -> date:
    form = DayForm(request.GET)
    if form.is_valid() and form.cleaned_data["day"]:
        return form.cleaned_data["day"]
    announce_ignored(request, form, instead="Showing tomorrow instead.")
    return company_tomorrow()


class ConfirmationWorklistView(AccessControlMixin, TemplateView):
    """Tomorrow's visits: who confirmed, who asked for another day, and whom to call."""

    permission_required = "notifications.view_worklists"
    template_name = "notifications/confirmation_worklist.html"

    def get_context_data(self, **kwargs):
        day = _day_from(self.request)
        rows = selectors.confirmation_rows_for_day(day=day)
        return super().get_context_data(
            day=day,
            to_call=[row for row in rows if row.state in selectors.CALL_LIST_STATES],
            waiting=[row for row in rows if row.state == ConfirmationState.AWAITING_REPLY],
            confirmed=[row for row in rows if row.state == ConfirmationState.CONFIRMED],
            deadline=selectors.confirmation_deadline(day),
            call_form=ConfirmationCallForm(),
            can_log=self.request.user.has_perm("notifications.log_confirmation_call"),
            can_resend=self.request.user.has_perm("notifications.resend_message"),
            **kwargs,
        )


class ConfirmationCallLogView(AccessControlMixin, View):
    """Log one call's outcome; with htmx the row is redrawn in place."""

    permission_required = "notifications.log_confirmation_call"

    def get_object(self) -> Visit:
        return visit_list_visible_to(self.request.user).select_related("job__customer").get(pk=self.kwargs["visit_id"])

    def post(self, request, visit_id):
        visit = self.object
        form = ConfirmationCallForm(request.POST)
        error = None
        if form.is_valid():
            try:
                services.visit_confirmation_record(
                    visit=visit,
                    source=ConfirmationSource.OFFICE_CALL,
                    outcome=form.cleaned_data["outcome"],
                    note=form.cleaned_data["note"],
                    by=request.user,
                )
            except DomainError as domain_error:
                error = domain_error.message
        else:
            error = " ".join(message for errors in form.errors.values() for message in errors)
        if request.htmx:
            row = selectors.confirmation_row_for_visit(visit_id=visit.pk)
            if row is not None and row.state == ConfirmationState.CONFIRMED and not error:
                return HttpResponse("")  # confirmed: off the call list, without reloading it
            if row is None:
                return render(request, "notifications/_confirmation_row_gone.html", {"visit": visit, "error": error})
            return render(
                request,
                "notifications/_confirmation_row.html",
                {
                    "row": row,
                    "call_form": form if error else ConfirmationCallForm(),
                    "error": error,
                    "can_log": True,
                    "can_resend": request.user.has_perm("notifications.resend_message"),
                },
            )  # 200 even with an error: htmx swaps only successful responses, and the row shows it
        if error:
            messages.error(request, error)
        else:
            messages.success(request, f"Call logged for {visit.job.customer.name}.")
        day = company_date(visit.starts_at)
        return redirect(reverse("notifications:confirmation_worklist") + f"?day={day}")


class PageWorklistView(AccessControlMixin, TemplateView):
    """Tomorrow's crew pages: who acknowledged, who did not (escalated after the set hour)."""

    permission_required = "notifications.view_worklists"
    template_name = "notifications/page_worklist.html"

    def get_context_data(self, **kwargs):
        day = _day_from(self.request)
        rows = selectors.page_rows_for_day(day=day)
        return super().get_context_data(
            day=day,
            rows=rows,
            unacknowledged=sum(1 for row in rows if row.page.acknowledged_at is None),
            deadline=selectors.page_ack_deadline(day),
            can_resend=self.request.user.has_perm("notifications.resend_message"),
            **kwargs,
        )


def _back_to_page_list(page: CrewPage):
    return redirect(reverse("notifications:page_worklist") + f"?day={page.for_date}")


class CrewPageSendAgainView(AccessControlMixin, View):
    """Send a crew member their day again now: a new message, once per click."""

    permission_required = "notifications.resend_message"
    http_method_names = ["post"]

    def get_object(self) -> CrewPage:
        return CrewPage.objects.select_related("employee__user").get(pk=self.kwargs["pk"])

    def post(self, request, pk):
        page = self.object
        seen = SendAgainForm(request.POST).seen_resends()
        try:
            queued = services.crew_page_send_again(page=page, by=request.user, seen_resends=seen)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            if queued:
                messages.success(request, f"Sending {page.employee} their day again.")
            else:
                messages.info(request, f"{page.employee}'s page was already sent again.")
        return _back_to_page_list(page)


class CrewPageAcknowledgeByPhoneView(AccessControlMixin, View):
    """The crew member said "got it" on the phone: the office records it, with who and when."""

    permission_required = "notifications.view_worklists"
    http_method_names = ["post"]

    def get_object(self) -> CrewPage:
        return CrewPage.objects.select_related("employee__user").get(pk=self.kwargs["pk"])

    def post(self, request, pk):
        page = services.crew_page_acknowledge(page=self.object, by=request.user, via=AcknowledgedVia.PHONE)
        messages.success(request, f"{page.employee}: acknowledged.")
        return _back_to_page_list(page)


class CrewPageMessagesView(AccessControlMixin, View):
    """What a crew member was sent about their day, word for word (opened under their row by htmx)."""

    permission_required = "notifications.view_worklists"

    def get_object(self) -> CrewPage:
        return CrewPage.objects.select_related("employee__user").get(pk=self.kwargs["pk"])

    def get(self, request, pk):
        page = self.object
        context = {"page": page, "page_messages": list(selectors.message_list_for_page(page=page))}
        return render(request, "notifications/_page_messages.html", context)


class MessageResendView(AccessControlMixin, View):
    # Messages are the office's log (crew pages have no job): the role decides, no per-message rule.
    permission_required = "notifications.resend_message"

    def get_object(self) -> Message:
        return Message.objects.get(pk=self.kwargs["pk"])

    def post(self, request, pk):
        message = self.object
        try:
            services.message_resend(message=message, by=request.user)
            messages.success(request, f"Queued again for {message.recipient_name}; it will go out shortly.")
        except DomainError as error:
            messages.error(request, error.message)
        return redirect(NextForm(request.POST).path() or reverse("notifications:confirmation_worklist"))


class JobMessagesPanelView(AccessControlMixin, View):
    """The messages and confirmation answers of one job, loaded into the job page by htmx."""

    permission_required = "notifications.view_message"

    def get_object(self):
        return job_list_visible_to(self.request.user).get(pk=self.kwargs["job_id"])

    def get(self, request, job_id):
        job = self.object
        context = {
            "job": job,
            "job_messages": list(selectors.message_list_for_job(job=job)),
            "events": list(selectors.confirmation_event_list_for_job(job=job)),
        }
        return render(request, "notifications/_job_messages.html", context)
