"""The job page's Title 24 & HERS panel and its forms: the scope, the forms, the rater, the tests.

Each form posts by htmx and gets the whole panel back: saved, or with the form's errors and the
entries kept (htmx swaps only a 200, so a refusal is a 200 to htmx and a 400 to a plain post).
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views import View

from installops.access import AccessControlMixin
from installops.errors import DomainError
from jobs.choices import JobKind

from .. import selectors, services
from ..choices import OPEN_HERS_STATUSES, HersStatus, HersTestResult, Title24FormKind, Title24Trigger
from ..forms.title24 import (
    HersRaterForm,
    HersResultForm,
    HersScheduleForm,
    Title24FormRecordForm,
    Title24ScopeForm,
)
from .access import visible_job

PANEL_TEMPLATE = "permits/title24/_job_title24_panel.html"
OFFICE_FORM_PERMISSION = "permits.change_title24form"


def _form_kinds(user) -> list[str] | None:
    """The forms a user may record: all for the office, the installer's own CF2R for field staff."""
    return None if user.has_perm(OFFICE_FORM_PERMISSION) else [Title24FormKind.CF2R]


def _pending_kinds(facts) -> list[str]:
    verification = facts.verification
    if verification is None or verification.status != HersStatus.SCHEDULED:
        return []
    return [test.kind for test in verification.tests.all() if test.result == HersTestResult.PENDING]


def title24_panel_context(request, job, **bound) -> dict:
    user = request.user
    facts = selectors.title24_facts(job=job)
    scope = facts.scope
    verification = facts.verification
    open_verification = verification if verification and verification.status in OPEN_HERS_STATUSES else None
    scope_initial = (
        {
            "change_out": scope.trigger in (Title24Trigger.CHANGE_OUT, Title24Trigger.BOTH),
            "duct_feet_altered": scope.duct_feet_altered,
            "hers_required": scope.hers_required,
            "note": scope.note,
        }
        if scope
        else {"change_out": job.title24}
    )
    rater_initial = (
        {
            "rater_company": verification.rater_company,
            "rater_name": verification.rater_name,
            "registry": verification.registry,
            "registry_ids": verification.registry_ids,
        }
        if verification
        else {}
    )
    schedule_initial = (
        {"scheduled_on": open_verification.scheduled_on, "kinds": [t.kind for t in open_verification.tests.all()]}
        if open_verification and open_verification.tests.all()
        else {}
    )
    pending = _pending_kinds(facts)
    forms_rows = [
        (kind, selectors.FORM_LABELS[kind], facts.forms.get(kind), kind in facts.required_forms)
        for kind in Title24FormKind.values
    ]
    return {
        "job": job,
        "facts": facts,
        "applies": facts.applies,
        "is_install": job.kind == JobKind.INSTALL,
        "code_cycle": selectors.title24_code_cycle(facts),
        "forms_rows": forms_rows,
        "gate_missing": selectors.title24_forms_missing(facts),
        "hers_missing": selectors.hers_verification_missing(facts),
        "verifications": list(reversed(facts.verifications)),
        "can_scope": user.has_perm("permits.change_title24scope"),
        "can_record_form": user.has_perm("permits.add_title24form"),
        "can_hers": user.has_perm("permits.change_hersverification"),
        "scope_form": bound.get("scope_form") or Title24ScopeForm(initial=scope_initial),
        "record_form": bound.get("record_form") or Title24FormRecordForm(kinds=_form_kinds(user)),
        "rater_form": bound.get("rater_form") or HersRaterForm(initial=rater_initial),
        "schedule_form": bound.get("schedule_form") or HersScheduleForm(initial=schedule_initial or None),
        "result_form": bound.get("result_form") or (HersResultForm(kinds=pending) if pending else None),
        "open_form": bound.get("open_form", ""),
    }


class JobTitle24PanelView(AccessControlMixin, View):
    """Title 24 scope, code cycle, forms and HERS on the job page; the crew sees its job's status too."""

    permission_required = "permits.view_title24scope"
    get_object = visible_job

    def get(self, request, *args, **kwargs):
        return render(request, PANEL_TEMPLATE, title24_panel_context(request, self.object))


class _PanelFormView(AccessControlMixin, View):
    """A panel form's post: validate, call the service, answer with the panel."""

    get_object = visible_job
    http_method_names = ["post"]
    form_name = ""
    saved_message = ""

    def make_form(self, request):
        raise NotImplementedError

    def save(self, form, request) -> None:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        job = self.object
        form = self.make_form(request)
        if form.is_valid():
            try:
                self.save(form, request)
            except DomainError as error:
                field = {"file": "document"}.get(error.field or "", error.field)
                form.add_error(field if field in form.fields else None, error.message)
            else:
                if not request.htmx:
                    messages.success(request, self.saved_message)
                    return redirect(job)
                return render(
                    request, PANEL_TEMPLATE, title24_panel_context(request, job) | {"saved": self.saved_message}
                )
        context = title24_panel_context(request, job, **{self.form_name: form, "open_form": self.form_name})
        return render(request, PANEL_TEMPLATE, context, status=200 if request.htmx else 400)


class Title24ScopeSetView(_PanelFormView):
    permission_required = "permits.change_title24scope"
    form_name = "scope_form"
    saved_message = "Title 24 scope saved."

    def make_form(self, request):
        return Title24ScopeForm(request.POST)

    def save(self, form, request) -> None:
        data = form.cleaned_data
        services.title24_scope_set(
            job=self.object, change_out=data["change_out"], duct_feet_altered=data["duct_feet_altered"],
            hers_required=data["hers_required"], note=data["note"], by=request.user,
        )  # fmt: skip


class Title24FormRecordView(_PanelFormView):
    permission_required = "permits.add_title24form"
    form_name = "record_form"
    saved_message = "Title 24 form recorded."

    def make_form(self, request):
        return Title24FormRecordForm(request.POST, request.FILES, kinds=_form_kinds(request.user))

    def save(self, form, request) -> None:
        data = form.cleaned_data
        services.title24_form_record(
            job=self.object, kind=data["kind"], registry=data["registry"], registry_id=data["registry_id"],
            registered_on=data["registered_on"], upload=data["document"], by=request.user,
        )  # fmt: skip


class HersRaterSetView(_PanelFormView):
    permission_required = "permits.change_hersverification"
    form_name = "rater_form"
    saved_message = "HERS rater saved."

    def make_form(self, request):
        return HersRaterForm(request.POST)

    def save(self, form, request) -> None:
        data = form.cleaned_data
        services.hers_rater_set(
            job=self.object, rater_company=data["rater_company"], rater_name=data["rater_name"],
            registry=data["registry"], registry_ids=data["registry_ids"], by=request.user,
        )  # fmt: skip


class HersTestsScheduleView(_PanelFormView):
    permission_required = "permits.change_hersverification"
    form_name = "schedule_form"
    saved_message = "HERS visit scheduled."

    def make_form(self, request):
        return HersScheduleForm(request.POST)

    def save(self, form, request) -> None:
        data = form.cleaned_data
        services.hers_tests_schedule(
            job=self.object, scheduled_on=data["scheduled_on"], kinds=data["kinds"], by=request.user
        )


class HersTestResultView(_PanelFormView):
    permission_required = "permits.change_hersverification"
    form_name = "result_form"
    saved_message = "HERS result recorded."

    def make_form(self, request):
        return HersResultForm(request.POST)

    def save(self, form, request) -> None:
        data = form.cleaned_data
        verification = services.hers_test_record_result(
            job=self.object, kind=data["kind"], result=data["result"], reading=data["reading"],
            notes=data["notes"], by=request.user,
        )  # fmt: skip
        if verification.status == HersStatus.FAILED and verification.failed_hers_job_id:
            self.saved_message = (
                f"HERS failed: {verification.failed_hers_job.number} is ready to book, and a re-test is open."
            )
        elif verification.status == HersStatus.PASSED:
            self.saved_message = "HERS passed."
