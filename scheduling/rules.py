"""Object permissions on visits (the `rules` package). Field staff act only on their own crew's visits."""

import rules

from .choices import VisitStatus


@rules.predicate
def sees_all_jobs(user) -> bool:
    return user.has_perm("jobs.view_all_jobs")


@rules.predicate
def works_on_visit(user, visit) -> bool:
    """The user is on the visit's crew (member or lead) or is its technician."""
    if visit is None:
        return False
    from .selectors import visit_list_visible_to

    return visit_list_visible_to(user).filter(pk=visit.pk).exists()


@rules.predicate
def visit_is_movable(user, visit) -> bool:
    return visit is None or visit.status in (VisitStatus.SCHEDULED, VisitStatus.CONFIRMED)


has_view_visit = rules.is_authenticated & rules.predicate(lambda user: user.has_perm("scheduling.view_visit"))
has_add_visit = rules.predicate(lambda user: user.has_perm("scheduling.add_visit"))
has_change_visit = rules.predicate(lambda user: user.has_perm("scheduling.change_visit"))
has_dispatch_visit = rules.predicate(lambda user: user.has_perm("scheduling.dispatch_visit"))
has_close_out_visit = rules.predicate(lambda user: user.has_perm("scheduling.close_out_visit"))
has_add_subcontractor_booking = rules.predicate(lambda user: user.has_perm("scheduling.add_subcontractorbooking"))

rules.add_perm("scheduling.open_visit", has_view_visit & (sees_all_jobs | works_on_visit))
rules.add_perm("scheduling.book_visit", has_add_visit & sees_all_jobs)
rules.add_perm("scheduling.book_subcontractor", has_add_subcontractor_booking & sees_all_jobs)
rules.add_perm("scheduling.move_visit", has_change_visit & sees_all_jobs & visit_is_movable)
rules.add_perm("scheduling.set_visit_dispatch_status", has_dispatch_visit & (sees_all_jobs | works_on_visit))
rules.add_perm("scheduling.close_out", has_close_out_visit & sees_all_jobs)
