"""Who is on a visit: its crew's lead and members, and its technician. The one definition, as a
query filter (which visits a person works on) and over loaded visits (who goes to this one)."""

from collections.abc import Iterable

from django.db.models import Prefetch, Q, prefetch_related_objects

from people.models import Employee

from ..models import Visit

# Load a list of visits with these and visit_people() costs no query per visit.
VISIT_PEOPLE_SELECT = ("crew__lead__user", "technician__user")
VISIT_PEOPLE_PREFETCH = Prefetch("crew__members", queryset=Employee.objects.select_related("user"))


def visit_q_worked_by(user=None, *, employee_ids: Iterable[int] | None = None) -> Q:
    """The visits a person works on (`user`), or any of these employees (`employee_ids`): as lead or
    member of the visit's crew, or as its technician."""
    if employee_ids is not None:
        ids = list(employee_ids)
        return Q(crew__lead_id__in=ids) | Q(crew__members__id__in=ids) | Q(technician_id__in=ids)
    return Q(crew__members__user=user) | Q(crew__lead__user=user) | Q(technician__user=user)


def visit_people(visit: Visit) -> list[Employee]:
    """Who goes to the visit: the crew's lead, its members, then the technician, each once.

    Reads what VISIT_PEOPLE_SELECT and VISIT_PEOPLE_PREFETCH loaded; a visit loaded without the
    prefetch costs one query for its crew's members.
    """
    people: dict[int, Employee] = {}
    # An empty crew or technician is read without a query.
    crew = visit.crew
    if crew is not None:
        if crew.lead is not None:
            people[crew.lead.pk] = crew.lead
        prefetch_related_objects([visit], VISIT_PEOPLE_PREFETCH)  # nothing to do when already prefetched
        for member in crew.members.all():
            people.setdefault(member.pk, member)
    technician = visit.technician
    if technician is not None:
        people.setdefault(technician.pk, technician)
    return list(people.values())


def visit_people_ids(visit: Visit) -> set[int]:
    """The ids of the employees a visit occupies (also of a visit not saved yet), in one query."""
    people = {visit.technician_id} if visit.technician_id else set()
    if visit.crew_id:
        on_crew = Employee.objects.filter(Q(crews=visit.crew_id) | Q(crews_led=visit.crew_id))
        people.update(on_crew.values_list("pk", flat=True))
    return people
