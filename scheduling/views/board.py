"""The dispatch board, and moving a visit by dropping its block on another day or row."""

from datetime import time

from django.http import JsonResponse, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from installops.access import AccessControlMixin
from installops.clock import at_company_time, company_today
from installops.errors import DomainError
from installops.forms import announce_ignored, valid_values
from installops.timefmt import local_span
from people.models import Employee

from .. import selectors, services
from ..board_render import board_render_blocks
from ..forms import BoardFilterForm, VisitMoveForm
from ..models import Crew, Visit
from ..notices import change_audience_sentence, visit_before
from .access import visible_visit


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
        # A refused parameter (a day off the calendar, an unknown crew) is left out, and said so.
        values = valid_values(form)
        if form.errors and not self.request.htmx:
            announce_ignored(self.request, form, instead="The board shows the default instead.")
        mode = values.get("view") or "week"
        day = values.get("date") or company_today()
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
        # The other filters, for the links to the previous and next day or week.
        query = QueryDict(mutable=True)
        for name in ("view", "kind", "crew", "status"):
            if values.get(name):
                query[name] = values[name].pk if name == "crew" else values[name]
        context.update(
            board=board,
            readiness_checks=selectors.READINESS_CHECKS,
            filter_form=form,
            other_params=query.urlencode(),
            can_move=self.request.user.has_perm("scheduling.move_visit"),
            today=company_today(),
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
        form = VisitMoveForm(request.POST)
        if not form.is_valid():
            return JsonResponse({"ok": False, "message": form.first_error()}, status=400)
        crew, technician = self._assignee(*form.row_kind_and_pk(), visit)
        if crew is False:
            return JsonResponse({"ok": False, "message": "That is not a row on the board."}, status=400)
        start = timezone.localtime(visit.starts_at)
        hour = form.cleaned_data["hour"]
        clock = time(hour, start.minute) if hour is not None else start.time()
        starts_at = at_company_time(form.cleaned_data["day"], clock)
        before = visit_before(visit)
        try:
            visit = services.visit_move(
                visit=visit, crew=crew, technician=technician, starts_at=starts_at, by=request.user,
                override_reason=form.cleaned_data["override_reason"],
            )  # fmt: skip
        except services.BookingNeedsOverride as error:
            return JsonResponse({"ok": False, "needs_override": True, "message": error.message}, status=409)
        except DomainError as error:
            return JsonResponse({"ok": False, "message": error.message}, status=409)
        told = change_audience_sentence(visit, before=before)
        return JsonResponse(
            {"ok": True, "message": f"{visit.job.number} moved to {visit.assignee_name}, "
             f"{local_span(visit.starts_at, visit.ends_at)}. {told}".strip(), "told": told}
        )  # fmt: skip

    def _assignee(self, kind: str, pk: int, visit: Visit):
        if kind == "crew":
            crew = Crew.objects.filter(pk=pk, active=True).first()
            # A crew visit that also had a technician keeps them.
            return (crew, visit.technician) if crew else (False, None)
        if kind == "tech":
            technician = Employee.objects.filter(pk=pk, active=True).select_related("user").first()
            return (None, technician) if technician else (False, None)
        return False, None
