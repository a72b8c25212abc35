"""Free working-day slots for the demo bookings (`DemoCalendar`)."""

from collections import defaultdict
from datetime import time, timedelta

from django.utils import timezone

from installops.clock import at_company_time, company_date, company_day_bounds
from scheduling.choices import RELEASED_VISIT_STATUSES
from scheduling.models import TimeOff, Visit

INSTALL_HOURS = 8
SERVICE_HOURS = 2


class DemoCalendar:
    """Hands out free working-day slots for crews and technicians: forward from today for booked
    work, backward from yesterday for work already done. Some days are left open on purpose, so
    the next-free-slot suggestions have something to suggest."""

    def __init__(self, *, today, rng):
        self.today = today
        self.rng = rng
        self.used: dict[tuple, set] = defaultdict(set)
        self.skipped: set = set()

    def load(self) -> None:
        visits = Visit.objects.exclude(status__in=RELEASED_VISIT_STATUSES).values_list(
            "crew_id", "technician_id", "starts_at"
        )
        for crew_id, tech_id, starts_at in visits:
            key = ("crew", crew_id) if crew_id else ("tech", tech_id)
            local = timezone.localtime(starts_at)  # company time
            self.used[key].add((local.date(), local.time()))
        for crew_id, employee_id, starts_at, ends_at in TimeOff.objects.values_list(
            "crew_id", "employee__crews_led", "starts_at", "ends_at"
        ):
            crew = crew_id or employee_id
            day = company_date(starts_at)
            while crew and company_day_bounds(day)[0] < ends_at:
                self.skipped.add((("crew", crew), day))
                day += timedelta(days=1)

    def take(self, key, *, past: bool, hours: int):
        starts = [time(8)] if hours == INSTALL_HOURS else [time(7, 30), time(9, 45), time(12, 30), time(14, 45)]
        step = -1 if past else 1
        day = self.today - timedelta(days=1) if past else self.today
        for _ in range(400):
            if day.weekday() < 5 and (key, day) not in self.skipped:
                if not past and self.rng.random() < 0.12:
                    self.skipped.add((key, day))  # a day kept open
                else:
                    for start in starts:
                        if (day, start) not in self.used[key]:
                            self.used[key].add((day, start))
                            begin = at_company_time(day, start)
                            return begin, begin + timedelta(hours=hours)
            day += timedelta(days=step)
        return None
