"""The install administrator's follow-up list, and its count for the menu's badge."""

from django.core.paginator import Paginator
from django.views.generic import TemplateView

from installops.access import AccessControlMixin
from installops.forms import PageForm, announce_ignored, valid_values

from .. import selectors
from ..choices import FollowUpKind
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
        # The whole list once: the filter's counts and the lines shown come from the same queries.
        every_line = selectors.follow_up_list()
        counts = dict.fromkeys(FollowUpKind.values, 0)
        for line in every_line:
            counts[line.kind] += 1
        lines = [line for line in every_line if line.kind == kind] if kind else every_line
        context["filter_form"] = form
        context["kind"] = kind
        context["kind_options"] = [("", "Every kind", len(every_line))] + [
            (value, label, counts[value]) for value, label in FollowUpKind.choices
        ]
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
