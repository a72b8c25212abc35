"""Object permissions as predicates (the `rules` package): no per-object permission rows."""

import rules

from .choices import JobStatus


@rules.predicate
def sees_all_jobs(user) -> bool:
    return user.has_perm("jobs.view_all_jobs")


@rules.predicate
def works_on_job(user, job) -> bool:
    if job is None:
        return False
    from .selectors import job_list_visible_to

    return job_list_visible_to(user).filter(pk=job.pk).exists()


@rules.predicate
def job_is_open(user, job) -> bool:
    return job is None or job.status not in (JobStatus.CLOSED, JobStatus.CANCELLED)


has_view_job = rules.is_authenticated & rules.predicate(lambda user: user.has_perm("jobs.view_job"))
has_change_job = rules.predicate(lambda user: user.has_perm("jobs.change_job"))
has_change_job_status = rules.predicate(lambda user: user.has_perm("jobs.change_job_status"))

rules.add_perm("jobs.open_job", has_view_job & (sees_all_jobs | works_on_job))
rules.add_perm("jobs.edit_job", has_change_job & sees_all_jobs & job_is_open)
rules.add_perm("jobs.move_job", has_change_job_status & sees_all_jobs)

has_add_document = rules.predicate(lambda user: user.has_perm("jobs.add_document"))
has_delete_document = rules.predicate(lambda user: user.has_perm("jobs.delete_document"))
has_add_equipment = rules.predicate(lambda user: user.has_perm("jobs.add_installedequipment"))

# Anyone who works on a job may add to its folder; only the office takes files out.
rules.add_perm("jobs.upload_document", has_add_document & has_view_job & (sees_all_jobs | works_on_job))
rules.add_perm("jobs.remove_document", has_delete_document & sees_all_jobs)
rules.add_perm("jobs.record_equipment", has_add_equipment & has_view_job & (sees_all_jobs | works_on_job))
