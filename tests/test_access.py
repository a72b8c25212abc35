"""installops.access.AccessControlMixin on its own: the order of its checks, and views that forget to decide."""

import ast
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from django.views import View
from django.views.generic import CreateView

from installops import access
from installops.access import SIGNED_IN, AccessControlMixin
from jobs.models import Job
from tests.jobs.factories import JobFactory, UserFactory
from tests.scheduling.factories import VisitFactory

pytestmark = pytest.mark.django_db


class Page(AccessControlMixin, View):
    def get(self, request, *args, **kwargs):
        return HttpResponse(f"object: {getattr(self, 'object', None)}")


def ask(view_class, user=None, **kwargs):
    request = RequestFactory().get("/somewhere/?page=2")
    request.user = user or AnonymousUser()
    return view_class.as_view()(request, **kwargs)


def test_a_view_that_does_not_say_who_may_open_it_fails_loudly(coordinator):
    class Forgotten(Page):
        pass

    class EmptyTuple(Page):
        permission_required = ()

    for view_class in (Forgotten, EmptyTuple):
        with pytest.raises(ImproperlyConfigured, match="permission_required"):
            ask(view_class, coordinator)
        # Even for anonymous visitors: the mistake shows on the first request, not only in production logs.
        with pytest.raises(ImproperlyConfigured):
            ask(view_class)


def test_a_public_view_cannot_also_require_permissions():
    class Confused(Page):
        public = True
        permission_required = "jobs.view_job"

    with pytest.raises(ImproperlyConfigured, match="public"):
        ask(Confused)


def test_an_object_rule_needs_an_object(coordinator):
    class NoObject(Page):
        permission_required = "jobs.view_job"
        object_permission_required = "jobs.open_job"

    with pytest.raises(ImproperlyConfigured, match="get_object"):
        ask(NoObject, coordinator)


def test_a_create_view_has_no_object_to_load(coordinator):
    class NewJob(AccessControlMixin, CreateView):
        permission_required = "jobs.add_job"
        model = Job
        fields = ["description"]
        template_name = "403.html"  # any template: only the answer matters here

    request = RequestFactory().get("/jobs/new/")
    request.user = coordinator
    assert NewJob.as_view()(request).status_code == 200


def test_public_pages_open_for_anyone():
    class Open(Page):
        public = True

    assert ask(Open).status_code == 200


def test_signed_in_only_pages_need_no_role(db):
    class Home(Page):
        permission_required = SIGNED_IN

    assert ask(Home).status_code == 302
    assert ask(Home, UserFactory()).status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in_and_back():
    class Private(Page):
        permission_required = "jobs.view_job"

    response = ask(Private)
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/somewhere/%3Fpage%3D2"


def test_all_the_permissions_are_needed(coordinator, accounting):
    class TwoPermissions(Page):
        permission_required = ("jobs.view_job", "jobs.add_job")

    assert ask(TwoPermissions, coordinator).status_code == 200
    with pytest.raises(PermissionDenied):
        ask(TwoPermissions, accounting)  # views jobs, does not enter them


class JobPage(Page):
    permission_required = "jobs.view_job"
    object_permission_required = "jobs.edit_job"

    def get_object(self):
        from jobs.selectors import job_list_visible_to

        return job_list_visible_to(self.request.user).get(pk=self.kwargs["pk"])


def test_the_role_is_checked_before_the_object_is_looked_up(salesperson, django_assert_num_queries):
    class NotForSales(JobPage):
        permission_required = "jobs.change_job"

    # Any id, existing or not, gets the same 403: the answer tells nothing about the job.
    with pytest.raises(PermissionDenied), django_assert_num_queries(2):  # the user's permissions, no job
        ask(NotForSales, salesperson, pk=JobFactory().pk)
    with pytest.raises(PermissionDenied):
        ask(NotForSales, salesperson, pk=10**9)


def test_an_object_outside_the_visibility_rule_is_a_404_then_the_object_rule_decides(
    coordinator, installer, other_installer
):
    job = VisitFactory(crew=installer.crew).job
    with pytest.raises(Http404):
        ask(JobPage, other_installer, pk=job.pk)
    with pytest.raises(PermissionDenied):
        ask(JobPage, installer, pk=job.pk)  # sees it, may not edit it (jobs.edit_job)
    response = ask(JobPage, coordinator, pk=job.pk)
    assert response.content.decode() == f"object: {job}"
    with pytest.raises(Http404):
        ask(JobPage, coordinator, pk=10**9)


def test_a_json_endpoint_answers_its_denials_itself(installer):
    class Api(JobPage):
        def permission_denied(self):
            return HttpResponse("no", status=403)

    job = VisitFactory(crew=installer.crew).job
    assert ask(Api, installer, pk=job.pk).status_code == 403
    assert Job.objects.filter(pk=job.pk).exists()


def test_the_access_module_imports_no_app():
    """Apps import installops.access; it imports only Django (see docs/architecture.md)."""
    tree = ast.parse(Path(access.__file__).read_text())
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert {name.split(".")[0] for name in imported} <= {"collections", "django"}, imported
