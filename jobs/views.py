from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import FormView, ListView, TemplateView
from django_filters.views import FilterView

from installops.access import AccessControlMixin
from installops.downloads import stored_file_response
from installops.errors import DomainError
from installops.forms import DownloadForm, PageForm, announce_ignored

from . import selectors, services
from .customer_links import customer_links_for
from .filters import JobFilter
from .forms import (
    CustomerPickForm,
    CustomerSearchForm,
    DocumentUploadForm,
    JobCreateForm,
    JobEditForm,
    JobStatusForm,
    NewCustomerForm,
    SiteForm,
)
from .models import Customer, Document, Job


class JobListView(AccessControlMixin, FilterView):
    permission_required = "jobs.view_job"
    filterset_class = JobFilter
    template_name = "jobs/job_list.html"
    paginate_by = 50

    def get_queryset(self):
        return selectors.job_list_for_table(user=self.request.user)

    def get_template_names(self):
        if self.request.htmx:
            return ["jobs/_job_table.html"]
        return [self.template_name]


def visible_job(view) -> Job:
    """The URL's job, through the visibility rule: a job the user may not see does not exist (404).

    The job views' `get_object`; `installops.access.AccessControlMixin` calls it and keeps `self.object`.
    """
    return selectors.job_get_for_detail(user=view.request.user, pk=view.kwargs["pk"])


class JobDetailView(AccessControlMixin, TemplateView):
    permission_required = "jobs.view_job"
    object_permission_required = "jobs.open_job"
    get_object = visible_job
    template_name = "jobs/job_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        job = context["job"] = self.object
        context["can_edit"] = user.has_perm("jobs.edit_job", job)
        context["can_move"] = user.has_perm("jobs.move_job", job)
        moves = services.job_status_moves(job=job, by=user) if context["can_move"] else []
        if moves:
            context["status_form"] = kwargs.get("status_form") or JobStatusForm(
                moves=moves, can_override=services.job_may_override_status(by=user)
            )
        context["status_changes"] = job.status_changes.all()
        context.update(job_folder_context(self.request, job, upload_form=kwargs.get("upload_form")))
        return context


def job_folder_context(request, job: Job, *, upload_form=None) -> dict:
    """The folder part of the job page: documents by category, what is missing, what was installed."""
    user = request.user
    office = selectors.user_sees_office_folder(user)
    documents = list(selectors.document_list_for_user(job=job, user=user))
    context = {
        "folder_documents": documents,
        "folder_is_office": office,
        "paperwork_missing": selectors.job_paperwork_missing(job=job),
        "installed_equipment": (
            list(selectors.installed_equipment_list_for_job(job=job))
            if user.has_perm("jobs.view_installedequipment")
            else []
        ),
        "signoffs": (
            list(selectors.completion_signoff_list_for_job(job=job))
            if user.has_perm("jobs.view_completionsignoff")
            else []
        ),
        "can_remove_documents": user.has_perm("jobs.remove_document", job),
    }
    if user.has_perm("jobs.upload_document", job):
        context["upload_form"] = upload_form or DocumentUploadForm(can_choose_office_only=office)
    return context


class JobStatusChangeView(AccessControlMixin, FormView):
    permission_required = "jobs.change_job_status"
    object_permission_required = "jobs.move_job"
    get_object = visible_job
    http_method_names = ["post"]
    form_class = JobStatusForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        user = self.request.user
        kwargs["moves"] = services.job_status_moves(job=self.object, by=user)
        kwargs["can_override"] = services.job_may_override_status(by=user)
        return kwargs

    def form_valid(self, form):
        job = self.object
        try:
            job = services.job_change_status(
                job=job,
                to_status=form.cleaned_data["to_status"],
                by=self.request.user,
                note=form.cleaned_data["note"],
                override_reason=form.cleaned_data.get("override_reason", ""),
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, f"{job.number} is now {job.get_status_display().lower()}.")
        return redirect(job)

    def form_invalid(self, form):
        view = JobDetailView(request=self.request, kwargs=self.kwargs, args=())
        view.object = self.object
        context = view.get_context_data(status_form=form)
        return view.render_to_response(context, status=400)


class JobCreateView(AccessControlMixin, TemplateView):
    """A sold job: for an existing customer (?customer=ID) or with a new customer and address."""

    permission_required = ("jobs.add_job", "jobs.add_customer", "jobs.add_site")
    template_name = "jobs/job_form.html"

    def get_customer(self):
        # In the link (?customer=) when the page opens; a hidden field of the form when it is posted.
        form = CustomerPickForm(self.request.POST if self.request.method == "POST" else self.request.GET)
        if not form.is_valid():
            raise Http404("No such customer.")
        return form.cleaned_data["customer"]

    def get_forms(self, data=None):
        customer = self.get_customer()
        forms = {"job_form": JobCreateForm(data, customer=customer), "site_form": SiteForm(data)}
        if customer is None:
            forms["customer_form"] = NewCustomerForm(data)
        return customer, forms

    def get(self, request, *args, **kwargs):
        customer, forms = self.get_forms()
        return self.render_to_response(self.get_context_data(customer=customer, **forms))

    def post(self, request, *args, **kwargs):
        customer, forms = self.get_forms(request.POST)
        job_form, site_form = forms["job_form"], forms["site_form"]
        existing_site = None
        # A new address is only needed when no existing one was picked.
        if job_form.is_valid():
            existing_site = job_form.cleaned_data.get("existing_site")
        needs_site = existing_site is None
        valid = job_form.is_valid() and (not needs_site or site_form.is_valid())
        if "customer_form" in forms:
            valid = forms["customer_form"].is_valid() and valid
        if valid:
            try:
                # Customer, address and job: one service, saved together or not at all.
                job = services.job_create_sale(
                    customer=customer,
                    customer_fields=forms["customer_form"].cleaned_data if customer is None else None,
                    site=existing_site,
                    site_fields=site_form.cleaned_data if needs_site else None,
                    job_fields={name: job_form.cleaned_data[name] for name in job_form.Meta.fields},
                    by=request.user,
                )
            except DomainError as error:
                # On the form that has the field the service named; otherwise above the job's fields.
                form = next((form for form in forms.values() if error.field in form.fields), None)
                (form or job_form).add_error(error.field if form else None, error.message)
            else:
                messages.success(request, f"Job {job.number} entered for {job.customer.name}.")
                return HttpResponseRedirect(job.get_absolute_url())
        context = self.get_context_data(customer=customer, **forms)
        return self.render_to_response(context, status=400)


class JobEditView(AccessControlMixin, FormView):
    permission_required = "jobs.change_job"
    object_permission_required = "jobs.edit_job"
    get_object = visible_job
    template_name = "jobs/job_edit.html"
    form_class = JobEditForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.object
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(job=self.object, **kwargs)

    def form_valid(self, form):
        changes = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            job = services.job_update(job=self.object, by=self.request.user, **changes)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, f"{job.number} saved.")
        return redirect(job)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class CustomerListView(AccessControlMixin, ListView):
    # Customers are office records: the role decides, there is no per-customer rule. The search and
    # the customer's page show service addresses too.
    permission_required = ("jobs.view_customer", "jobs.view_site")
    template_name = "jobs/customer_list.html"
    paginate_by = 50
    context_object_name = "customers"

    def get_queryset(self):
        form = CustomerSearchForm(self.request.GET)
        if not form.is_valid():
            announce_ignored(self.request, form, instead="Showing every customer.")
            return selectors.customer_list_search(query="")
        return selectors.customer_list_search(query=form.cleaned_data["q"])


class CustomerDetailView(AccessControlMixin, TemplateView):
    permission_required = ("jobs.view_customer", "jobs.view_site")
    template_name = "jobs/customer_detail.html"

    def get_object(self) -> Customer:
        return Customer.objects.get(pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["customer"] = self.object
        jobs = selectors.job_list_for_table(user=self.request.user).filter(customer=self.object)
        context["jobs_page"] = Paginator(jobs, 50).get_page(PageForm(self.request.GET).number())
        context["sites"] = self.object.sites.all()
        context["new_job_url"] = f"{reverse('jobs:job_create')}?customer={self.object.pk}"
        context["customer_links"] = customer_links_for(user=self.request.user, customer=self.object)
        return context


class DocumentUploadView(AccessControlMixin, FormView):
    permission_required = "jobs.add_document"
    object_permission_required = "jobs.upload_document"
    get_object = visible_job
    http_method_names = ["post"]
    form_class = DocumentUploadForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["can_choose_office_only"] = selectors.user_sees_office_folder(self.request.user)
        return kwargs

    def form_valid(self, form):
        job = self.object
        try:
            document = services.document_upload(
                job=job,
                category=form.cleaned_data["category"],
                upload=form.cleaned_data["file"],
                by=self.request.user,
                title=form.cleaned_data["title"],
                office_only=form.cleaned_data.get("office_only", False),
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, f"“{document.title}” added to the folder.")
        return HttpResponseRedirect(f"{job.get_absolute_url()}#folder")

    def form_invalid(self, form):
        view = JobDetailView(request=self.request, kwargs=self.kwargs, args=())
        view.object = self.object
        context = view.get_context_data(upload_form=form)
        return view.render_to_response(context, status=400)


class DocumentFileView(AccessControlMixin, View):
    """A folder file, only for someone who may see it: another crew's installer gets a 404."""

    permission_required = "jobs.view_document"
    thumbnail = False

    def get_object(self) -> Document:
        return selectors.document_get_for_user(
            user=self.request.user, pk=self.kwargs["document_pk"], job_pk=self.kwargs["pk"]
        )

    def get(self, request, pk: int, document_pk: int):
        document = self.object
        if self.thumbnail:
            if not document.thumbnail:
                raise Http404("No thumbnail.")
            return stored_file_response(
                document.thumbnail, content_type="image/jpeg", download_name=f"thumb-{document.pk}.jpg"
            )
        extension = document.file.name.rsplit(".", 1)[-1]
        return stored_file_response(
            document.file,
            content_type=document.content_type,
            download_name=f"{document.job.number}-{document.title}.{extension}",
            as_attachment=DownloadForm(request.GET).as_attachment(),
        )


class DocumentRemoveView(AccessControlMixin, View):
    permission_required = "jobs.delete_document"
    object_permission_required = "jobs.remove_document"
    get_object = visible_job

    def post(self, request, pk: int, document_pk: int):
        job = self.object
        document = get_object_or_404(Document, pk=document_pk, job=job, removed_at__isnull=True)
        try:
            services.document_remove(document=document, by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"“{document.title}” taken out of the folder.")
        return HttpResponseRedirect(f"{job.get_absolute_url()}#folder")
