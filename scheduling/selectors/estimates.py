"""How long a job's visit should take and which skills it needs: the booking defaults."""

from dataclasses import dataclass
from decimal import Decimal

from jobs.choices import JobKind
from jobs.models import Job

from ..models import BookingDefault, EquipmentRule, Skill


@dataclass(frozen=True)
class BookingEstimate:
    hours: Decimal
    arrival_window_hours: int
    skills: tuple[Skill, ...]


FALLBACK_HOURS: dict[str, Decimal] = {JobKind.INSTALL: Decimal("8")}


def booking_estimate_for_job(job: Job) -> BookingEstimate:
    """How long the job's visit should take and what skills it needs: its kind's default plus
    what its equipment adds (a crane lift, a multi-zone mini-split…)."""
    default = BookingDefault.objects.filter(kind=job.kind).prefetch_related("skills").first()
    hours = default.estimated_hours if default else FALLBACK_HOURS.get(job.kind, Decimal("2"))
    skills = {skill.pk: skill for skill in (default.skills.all() if default else [])}
    equipment = (job.equipment_proposed or "").lower()
    if equipment:
        for rule in EquipmentRule.objects.select_related("skill"):
            if rule.keyword.lower() in equipment:
                hours += rule.extra_hours
                if rule.skill:
                    skills[rule.skill.pk] = rule.skill
    window = default.arrival_window_hours if default else 2
    return BookingEstimate(hours=hours, arrival_window_hours=window, skills=tuple(skills.values()))
