"""Nobody is in two places at once: a double booking refused, with a message naming the visit in the way.

The rule that a crew (or a technician) is never booked twice lives in PostgreSQL (the exclusion
constraints on Visit). This turns a refusal into a message that names the visit in the way, also
when two coordinators book the same crew at the same moment, and catches a person taken twice
through different assignments (alone, and with their crew), which no constraint sees.
"""

from django.db import IntegrityError, transaction
from django.db.models import Q

from installops.errors import DomainError
from installops.timefmt import local_span
from people.models import Employee

from ..choices import RELEASED_VISIT_STATUSES
from ..models import Visit
from ..selectors.people import visit_people_ids, visit_q_worked_by


class VisitClashError(DomainError):
    """The crew or technician is already booked then; `clashing_visit_id` names the visit in the way."""

    def __init__(self, message: str, *, clashing_visit_id: int | None, field: str | None = "starts_at"):
        super().__init__(message, field=field)
        self.clashing_visit_id = clashing_visit_id


def clash_message(visit: Visit, clash: Visit | None) -> str:
    if clash is not None and visit.crew_id and clash.crew_id == visit.crew_id:
        who = str(visit.crew)
    elif clash is not None and visit.technician_id and clash.technician_id == visit.technician_id:
        who = str(visit.technician)
    elif clash is not None:
        shared = sorted(visit_people_ids(visit) & visit_people_ids(clash))
        who = str(Employee.objects.select_related("user").get(pk=shared[0])) if shared else str(visit.assignee_name)
    else:
        who = str(visit.crew or visit.technician)
    if clash is None:
        return f"{who} is already booked at that time. Pick another time or crew."
    customer = clash.job.customer.name
    city = clash.job.site.city
    return (
        f"{who} is already booked {local_span(clash.starts_at, clash.ends_at)} on "
        f"{clash.job.number} ({customer}, {city}). Pick another time or crew."
    )


def find_clash(visit: Visit, people: set[int] | None = None) -> Visit | None:
    """The first live visit overlapping this one that holds the same crew, technician or person."""
    who = Q()
    if visit.crew_id:
        who |= Q(crew_id=visit.crew_id)
    if visit.technician_id:
        who |= Q(technician_id=visit.technician_id)
    if people:
        # A technician booked alone is still on their crew: neither may take them twice.
        who |= visit_q_worked_by(employee_ids=people)
    overlapping = (
        Visit.objects.filter(who, starts_at__lt=visit.ends_at, ends_at__gt=visit.starts_at)
        .exclude(status__in=RELEASED_VISIT_STATUSES)
        .exclude(pk=visit.pk)
        .values("pk")
    )
    return (
        Visit.objects.filter(pk__in=overlapping)
        .select_related("job__customer", "job__site", "crew", "technician__user")
        .order_by("starts_at")
        .first()
    )


def save_or_name_the_clash(visit: Visit, **save_kwargs) -> None:
    """Save inside a savepoint; a double booking becomes a message naming the visit in the way."""
    try:
        with transaction.atomic():
            visit.save(**save_kwargs)
    except IntegrityError as error:
        constraint = getattr(getattr(error.__cause__, "diag", None), "constraint_name", "") or ""
        if not constraint.endswith("_not_double_booked"):
            raise
        clash = find_clash(visit)
        raise VisitClashError(clash_message(visit, clash), clashing_visit_id=clash.pk if clash else None) from None


def refuse_known_clash(visit: Visit) -> None:
    """Name a clash before asking for an override reason that could not help anyway.

    The exclusion constraints stay the guard for the same crew or the same technician: a booking
    committed between this check and the insert is caught there (see save_or_name_the_clash). A
    person can also be taken twice through different assignments (alone, and with their crew);
    locking the people involved first makes two such bookings wait for each other, so the second
    one sees the first here.
    """
    people = visit_people_ids(visit)
    list(Employee.objects.select_for_update().filter(pk__in=people).order_by("pk").values_list("pk", flat=True))
    clash = find_clash(visit, people)
    if clash is not None:
        raise VisitClashError(clash_message(visit, clash), clashing_visit_id=clash.pk)
