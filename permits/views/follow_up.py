"""The install administrator's follow-up list, and its count for the menu's badge."""

from django.core.paginator import Paginator
from django.views.generic import TemplateView

from installops.access import AccessControlMixin
from installops.forms import PageForm, announce_ignored, valid_values

from .. import selectors
from ..forms.follow_up import FollowUpFilterForm

LINES_PER_PAGE = 100


class FollowUpListView(AccessControlMixin, TemplateView):
    permission_required = "permits.view_permit_follow_up"
    template_name = "permits/follow_up/follow_up_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = FollowUpFilterForm(self.request.GET or None)
        kind = valid_values(form).get("kind") or ""
        if form.errors:
            announce_ignored(self.request, form, instead="The list shows every kind instead.")
        lines = selectors.follow_up_list(kinds=[kind] if kind else None)
        context["filter_form"] = form
        context["kind"] = kind
        context["page_obj"] = Paginator(lines, LINES_PER_PAGE).get_page(PageForm(self.request.GET).number())
        return context


class FollowUpCountView(AccessControlMixin, TemplateView):
    """The menu's badge, loaded by htmx after the page: how many lines wait."""

    permission_required = "permits.view_permit_follow_up"
    template_name = "permits/follow_up/_follow_up_count.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["count"] = sum(selectors.follow_up_counts().values())
        return context
