"""Every read of crews and visits that a page or a service needs, with its joins decided once."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import lru_cache

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from jobs.choices import CALLBACK_KINDS, JobKind, JobStatus
from jobs.models import Job
from jobs.readiness import READINESS_CHECKS, readiness_annotate, readiness_missing
from people.choices import EmployeeRole
from people.models import Employee

from ..choices import RELEASED_VISIT_STATUSES, VisitStatus, Weekday
from ..models import (
    BookingDefault,
    Crew,
    EquipmentRule,
    Skill,
    SubcontractorBooking,
    Timecard,
    TimeOff,
    Visit,
)
from ..timefmt import clock_text, local_clock, local_span

# The company's normal week, for a crew that has no hours of its own: Monday–Friday, 7 am – 5 pm.
DEFAULT_WORKING_HOURS: dict[int, tuple[time, time]] = {day: (time(7), time(17)) for day in range(5)}


def crew_working_week(crew: Crew | None) -> dict[int, tuple[time, time]]:
    """weekday (0 = Monday) → (start, end) for the crew; its own hours if it has any."""
    if crew is None:
        return DEFAULT_WORKING_HOURS
    rows = list(crew.working_hours.all())
    if not rows:
        return DEFAULT_WORKING_HOURS
    return {row.weekday: (row.starts, row.ends) for row in rows}


def _outside_working_hours(name: str, week: dict, starts_at: datetime, ends_at: datetime) -> list[str]:
    start = timezone.localtime(starts_at)
    end = timezone.localtime(ends_at)
    # A visit ending exactly at midnight belongs to the day before.
    last_day = (end - timedelta(microseconds=1)).date()
    warnings = []
    day = start.date()
    while day <= last_day:
        if day.weekday() not in week:
            warnings.append(f"{name} does not work on {Weekday(day.weekday()).label}s ({day:%b} {day.day}).")
        day += timedelta(days=1)
    if start.date().weekday() in week:
        day_start, _ = week[start.date().weekday()]
        if start.time() < day_start:
            warnings.append(
                f"{name} starts at {clock_text(day_start)} "
                f"on {Weekday(start.weekday()).label}s; this visit starts at {local_clock(start)}."
            )
    if last_day.weekday() in week:
        _, day_end = week[last_day.weekday()]
        if end.date() == last_day and end.time() > day_end:
            warnings.append(
                f"{name} works until {clock_text(day_end)} "
                f"on {Weekday(last_day.weekday()).label}s; this visit ends at {local_clock(end)}."
            )
    return warnings


def time_off_overlapping(*, crew: Crew | None, technician: Employee | None, starts_at, ends_at):
    """Time off of the crew, its people, or the technician that overlaps the block."""
    who = Q()
    if crew is not None:
        who |= Q(crew=crew) | Q(employee__crews=crew) | Q(employee__crews_led=crew)
    if technician is not None:
        who |= Q(employee=technician)
    if not who:
        return TimeOff.objects.none()
    return (
        TimeOff.objects.filter(who, starts_at__lt=ends_at, ends_at__gt=starts_at)
        .select_related("crew", "employee__user")
        .distinct()
        .order_by("starts_at")
    )


def visit_availability_warnings(
    *, crew: Crew | None, technician: Employee | None, starts_at: datetime, ends_at: datetime
) -> list[str]:
    """Why a booking at that time is unusual: outside working hours or over time off. Empty if fine."""
    warnings = []
    if crew is not None:
        warnings += _outside_working_hours(str(crew), crew_working_week(crew), starts_at, ends_at)
    if technician is not None:
        warnings += _outside_working_hours(str(technician), DEFAULT_WORKING_HOURS, starts_at, ends_at)
    for time_off in time_off_overlapping(crew=crew, technician=technician, starts_at=starts_at, ends_at=ends_at):
        who = time_off.crew or time_off.employee
        reason = f" ({time_off.reason})" if time_off.reason else ""
        warnings.append(f"{who} is off {local_span(time_off.starts_at, time_off.ends_at)}{reason}.")
    return warnings


def visit_q_worked_by(user) -> Q:
    """The visits a person works on: on its crew (member or lead), or its technician."""
    return Q(crew__members__user=user) | Q(crew__lead__user=user) | Q(technician__user=user)


def job_q_booked_for(user) -> Q:
    """The jobs with a visit the person works on: scheduling's part of who may see a job
    (registered into `jobs.visibility` by SchedulingConfig.ready())."""
    return Q(pk__in=Visit.objects.filter(visit_q_worked_by(user)).values("job_id"))


def visit_list_visible_to(user) -> QuerySet[Visit]:
    """The visits this user may see at all: the office sees every one, field staff their own crew's.

    Every visit page and service call made for a user starts here, so another crew's visit is not
    found (404).
    """
    if not user.is_authenticated or not user.has_perm("scheduling.view_visit"):
        return Visit.objects.none()
    if user.has_perm("jobs.view_all_jobs"):
        return Visit.objects.all()
    return Visit.objects.filter(pk__in=Visit.objects.filter(visit_q_worked_by(user)).values("pk"))


# What field staff may set themselves, from their phones; the rest is the office's.
FIELD_SETTABLE_STATUSES = [VisitStatus.ON_MY_WAY, VisitStatus.ON_SITE, VisitStatus.COMPLETED]


def visit_statuses_settable_by(*, visit: Visit, user) -> list[str]:
    """The next dispatch statuses this user may set on this visit (empty when none)."""
    from ..services import visit_allowed_next_statuses

    if not user.has_perm("scheduling.set_visit_dispatch_status", visit):
        return []
    allowed = visit_allowed_next_statuses(visit=visit)
    if not user.has_perm("jobs.view_all_jobs"):
        allowed = [status for status in allowed if status in FIELD_SETTABLE_STATUSES]
    elif not user.has_perm("scheduling.close_out", visit):
        allowed = [status for status in allowed if status != VisitStatus.CLOSED_OUT]
    return allowed


# ----------------------------------------------------------------------------------------------
# Booking defaults, the unscheduled queue, next free slots.


@dataclass(frozen=True)
class BookingEstimate:
    hours: Decimal
    arrival_window_hours: int
    skills: tuple[Skill, ...]


FALLBACK_HOURS = {JobKind.INSTALL: Decimal("8")}


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


# Jobs that should have a visit booked while they are in one of these statuses.
NEEDS_VISIT_STATUSES = [JobStatus.SOLD, JobStatus.SCHEDULED, JobStatus.PERMITTED, JobStatus.READY]


def job_list_unscheduled() -> QuerySet[Job]:
    """Every sold job with no visit holding time, oldest sale first: nothing sold is forgotten."""
    booked = Visit.objects.filter(job_id=OuterRef("pk")).exclude(status__in=RELEASED_VISIT_STATUSES)
    jobs = (
        Job.objects.filter(status__in=NEEDS_VISIT_STATUSES)
        .exclude(Exists(booked))
        .select_related("customer", "site", "salesperson", "original_job")
        .order_by("sold_on", "id")
    )
    return readiness_annotate(jobs, on_visits=False)


def visit_block_for_hours(*, crew: Crew | None, starts_at: datetime, hours: Decimal) -> datetime:
    """When a job of `hours` work started at `starts_at` ends: the rest of that working day, then
    whole working days, so a three-day install ends on the third day's afternoon."""
    week = crew_working_week(crew)
    remaining = timedelta(hours=float(hours))
    start = timezone.localtime(starts_at)
    zone = start.tzinfo
    day = start.date()
    cursor = start
    for _ in range(60):
        if day.weekday() in week:
            day_start, day_end = week[day.weekday()]
            begin = max(cursor, datetime.combine(day, day_start, tzinfo=zone))
            finish = datetime.combine(day, day_end, tzinfo=zone)
            if begin < finish:
                if finish - begin >= remaining:
                    return begin + remaining
                remaining -= finish - begin
        day += timedelta(days=1)
        cursor = datetime.combine(day, time(0), tzinfo=zone)
    return starts_at + timedelta(hours=float(hours))


@dataclass(frozen=True)
class SlotSuggestion:
    crew: Crew
    starts_at: datetime
    ends_at: datetime


def crew_list_able_to_do(job: Job) -> list[Crew]:
    """Active crews that have every skill the job needs."""
    estimate = booking_estimate_for_job(job)
    crews = Crew.objects.filter(active=True)
    for skill in estimate.skills:
        crews = crews.filter(skills=skill)
    return list(crews.distinct().prefetch_related("working_hours").order_by("name"))


def visit_suggest_slots(
    *, job: Job, count: int = 5, first_day: date | None = None, horizon_days: int = 21
) -> list[SlotSuggestion]:
    """The next free slots for the job: crews with the right skills and room in their working
    hours (no visit, no time off in the way), earliest first. A constant number of queries."""
    estimate = booking_estimate_for_job(job)
    crews = crew_list_able_to_do(job)
    if not crews:
        return []
    zone = timezone.get_current_timezone()
    first_day = first_day or timezone.localdate() + timedelta(days=1)
    window_start = datetime.combine(first_day, time(0), tzinfo=zone)
    window_end = window_start + timedelta(days=horizon_days + 14)
    crew_ids = [crew.pk for crew in crews]
    busy: dict[int, list[tuple[datetime, datetime]]] = {crew.pk: [] for crew in crews}
    visits = (
        Visit.objects.filter(crew_id__in=crew_ids, starts_at__lt=window_end, ends_at__gt=window_start)
        .exclude(status__in=RELEASED_VISIT_STATUSES)
        .values_list("crew_id", "starts_at", "ends_at")
    )
    for crew_id, start, end in visits:
        busy[crew_id].append((start, end))
    time_off = TimeOff.objects.filter(
        Q(crew_id__in=crew_ids) | Q(employee__crews__in=crew_ids) | Q(employee__crews_led__in=crew_ids),
        starts_at__lt=window_end,
        ends_at__gt=window_start,
    ).values_list("crew_id", "employee__crews", "employee__crews_led", "starts_at", "ends_at")
    for crew_id, member_of, leads, start, end in time_off:
        for owner in {crew_id, member_of, leads} & set(busy):
            busy[owner].append((start, end))

    suggestions: list[SlotSuggestion] = []
    for offset in range(horizon_days):
        day = first_day + timedelta(days=offset)
        for crew in crews:
            week = {row.weekday: (row.starts, row.ends) for row in crew.working_hours.all()} or DEFAULT_WORKING_HOURS
            if day.weekday() not in week:
                continue
            slot = _first_free_start(crew, day, week, estimate.hours, busy[crew.pk], zone)
            if slot:
                suggestions.append(SlotSuggestion(crew=crew, starts_at=slot[0], ends_at=slot[1]))
        if len(suggestions) >= count:
            break
    suggestions.sort(key=lambda s: (s.starts_at, s.crew.name))
    return suggestions[:count]


def _first_free_start(crew, day, week, hours, busy, zone):
    day_start, day_end = week[day.weekday()]
    candidate = datetime.combine(day, day_start, tzinfo=zone)
    day_close = datetime.combine(day, day_end, tzinfo=zone)
    step = timedelta(minutes=30)
    while candidate < day_close:
        end = visit_block_for_hours(crew=crew, starts_at=candidate, hours=hours)
        clash = next((b for b in busy if b[0] < end and b[1] > candidate), None)
        if clash is None:
            return candidate, end
        # Jump past the clash, on the half hour.
        candidate = max(candidate + step, timezone.localtime(clash[1]))
        minutes = candidate.minute % 30
        if minutes or candidate.second:
            candidate = candidate.replace(second=0, microsecond=0) + timedelta(minutes=30 - minutes)
    return None


# ----------------------------------------------------------------------------------------------
# Callbacks and timecards.


def crew_list_with_callback_counts(*, since: date | None = None) -> QuerySet[Crew]:
    """Crews with `callback_count`: warranty / correction / failed-HERS jobs that went back to an
    install the crew did (one query)."""
    held = [status for status in VisitStatus.values if status not in RELEASED_VISIT_STATUSES]
    callbacks = Job.objects.filter(
        kind__in=CALLBACK_KINDS, original_job__visits__crew=OuterRef("pk"), original_job__visits__status__in=held
    )
    if since:
        callbacks = callbacks.filter(sold_on__gte=since)
    counted = callbacks.order_by().values("original_job__visits__crew").annotate(n=Count("pk", distinct=True))
    return Crew.objects.annotate(
        callback_count=Coalesce(Subquery(counted.values("n")[:1]), 0, output_field=IntegerField())
    )


def callback_counts_by_crew(*, crew_ids: list[int], since: date | None = None) -> dict[int, int]:
    """crew id → callbacks on that crew's installs, in one grouped query (for pages listing many crews)."""
    held = [status for status in VisitStatus.values if status not in RELEASED_VISIT_STATUSES]
    callbacks = Job.objects.filter(
        kind__in=CALLBACK_KINDS, original_job__visits__crew_id__in=crew_ids, original_job__visits__status__in=held
    )
    if since:
        callbacks = callbacks.filter(sold_on__gte=since)
    rows = callbacks.order_by().values("original_job__visits__crew_id").annotate(n=Count("pk", distinct=True))
    return {row["original_job__visits__crew_id"]: row["n"] for row in rows}


def crew_of_original_install(job: Job) -> Crew | None:
    """For a callback: the crew that did the install it goes back to."""
    if not job.original_job_id:
        return None
    visit = (
        Visit.objects.filter(job_id=job.original_job_id, crew__isnull=False)
        .exclude(status__in=RELEASED_VISIT_STATUSES)
        .select_related("crew")
        .order_by("-starts_at")
        .first()
    )
    return visit.crew if visit else None


def timecard_list_for_job(*, job: Job) -> QuerySet[Timecard]:
    """Labor on a job, per employee per visit: what the invoice bills."""
    return (
        Timecard.objects.filter(visit__job=job)
        .exclude(visit__status__in=RELEASED_VISIT_STATUSES)
        .select_related("employee__user", "visit")
        .order_by("visit__starts_at", "employee__user__first_name")
    )


def timecard_hours_for_job(*, job: Job) -> Decimal:
    total = timecard_list_for_job(job=job).aggregate(total=Sum("hours"))["total"]
    return total or Decimal("0")


# ----------------------------------------------------------------------------------------------
# Pages: a job's visits, one visit, the dispatch board.


def visit_list_for_job(*, user, job: Job) -> list[Visit]:
    visits = (
        visit_list_visible_to(user)
        .filter(job=job)
        .select_related("job", "crew", "technician__user")
        .order_by("starts_at")
    )
    return list(readiness_annotate(visits, on_visits=True))


def visit_get_for_detail(*, user, pk: int) -> Visit:
    """Raises Visit.DoesNotExist when the user may not see it."""
    visits = visit_list_visible_to(user).select_related(
        "job__customer", "job__site", "job__primary_tech", "crew__lead__user", "technician__user", "actual_lead__user"
    )
    return readiness_annotate(visits, on_visits=True).prefetch_related("status_changes__changed_by").get(pk=pk)


def subcontractor_booking_list_for_job(*, job: Job) -> QuerySet[SubcontractorBooking]:
    return SubcontractorBooking.objects.filter(job=job).select_related("subcontractor").order_by("starts_at")


BOARD_FIRST_HOUR = 6
BOARD_LAST_HOUR = 20  # the day view's columns run 6 am – 8 pm


class BoardBlock:
    """One visit as the board draws it, with every string worked out here (no queries later)."""

    __slots__ = (
        "visit_id",
        "job_id",
        "job_number",
        "customer",
        "city",
        "kind",
        "kind_label",
        "status",
        "status_label",
        "time_label",
        "missing",
        "movable",
        "continued",
        "offset",
        "span",
        "is_callback",
    )


class BoardCell:
    """One crew-day (week view) or crew-hour (day view): where blocks sit and are dropped."""

    __slots__ = ("blocks", "off", "day", "hour")

    def __init__(self, day: str, hour: int | str):
        self.blocks = []
        self.off = ""  # the time-off text, when someone is away then
        self.day = day
        self.hour = hour


@dataclass
class BoardRow:
    key: str
    title: str
    subtitle: str
    crew_id: int | None = None
    technician_id: int | None = None
    callback_count: int = 0
    cells: list[BoardCell] | None = None
    html: str = ""  # the cells as markup, set by board_render


@dataclass
class Board:
    mode: str
    day: date
    columns: list
    rows: list[BoardRow]
    subcontractor_rows: list[BoardRow]
    first: datetime
    last: datetime
    shows_today: bool
    previous: date
    following: date
    visit_count: int


def _board_range(mode: str, day: date) -> tuple[list, datetime, datetime]:
    zone = timezone.get_current_timezone()
    if mode == "day":
        first = datetime.combine(day, time(0), tzinfo=zone)
        columns = [time(hour) for hour in range(BOARD_FIRST_HOUR, BOARD_LAST_HOUR)]
        return columns, first, first + timedelta(days=1)
    monday = day - timedelta(days=day.weekday())
    columns = [monday + timedelta(days=n) for n in range(7)]
    first = datetime.combine(monday, time(0), tzinfo=zone)
    return columns, first, datetime.combine(monday + timedelta(days=7), time(0), tzinfo=zone)


BOARD_VISIT_FIELDS = [
    "id", "job_id", "crew_id", "technician_id", "starts_at", "ends_at", "status",
    "job__number", "job__kind", "job__customer__name", "job__site__city",
]  # fmt: skip


def _block(row: dict, start: datetime, end: datetime) -> BoardBlock:
    """A board block from a `values()` row: thousands of them, so no model instances."""
    block = BoardBlock()
    status = row["status"]
    kind = row["job__kind"]
    block.visit_id = row["id"]
    block.job_id = row["job_id"]
    block.job_number = row["job__number"]
    block.customer = row["job__customer__name"]
    block.city = row["job__site__city"]
    block.kind = kind
    block.kind_label = KIND_LABELS[kind]
    block.status = status
    block.status_label = STATUS_LABELS[status]
    if start.date() == end.date():
        block.time_label = f"{_short_clock(start)}–{_short_clock(end)}"
    else:
        block.time_label = f"{start:%a} {_short_clock(start)} – {end:%a} {_short_clock(end)}"
    block.missing = [] if status in RELEASED_VISIT_STATUSES else readiness_missing(row)
    block.movable = status in (VisitStatus.SCHEDULED, VisitStatus.CONFIRMED)
    block.continued = False
    block.offset = 0.0
    block.span = 1.0
    block.is_callback = kind in CALLBACK_KINDS
    return block


KIND_LABELS = dict(JobKind.choices)
STATUS_LABELS = dict(VisitStatus.choices)


@lru_cache(maxsize=1440)
def _clock_label(hour: int, minute: int) -> str:
    suffix = "a" if hour < 12 else "p"
    shown = hour % 12 or 12
    return f"{shown}{suffix}" if minute == 0 else f"{shown}:{minute:02d}{suffix}"


def _short_clock(value: datetime) -> str:
    """'8a', '12:30p': a block has little room."""
    return _clock_label(value.hour, value.minute)


def board_for(
    *,
    mode: str,
    day: date,
    kind: str = "",
    crew_id: int | None = None,
    status: str = "",
) -> Board:
    """The dispatch board: crews (then technicians) as rows, days or hours as columns, visits as
    blocks with their readiness flags, subcontractor work below. Five queries whatever the size."""
    columns, first, last = _board_range(mode, day)
    zone = timezone.get_current_timezone()

    in_range = Visit.objects.filter(starts_at__lt=last, ends_at__gt=first)
    crews = Crew.objects.filter(Q(active=True) | Q(pk__in=in_range.values("crew_id")))
    if crew_id:
        crews = crews.filter(pk=crew_id)
    crews = list(crews.select_related("lead__user").order_by("name"))
    callbacks = callback_counts_by_crew(
        crew_ids=[crew.pk for crew in crews], since=timezone.localdate() - timedelta(days=365)
    )

    visits = in_range.filter(status=status) if status else in_range.exclude(status__in=RELEASED_VISIT_STATUSES)
    if kind:
        visits = visits.filter(job__kind=kind)
    if crew_id:
        visits = visits.filter(crew_id=crew_id)
    annotated = readiness_annotate(visits, on_visits=True).order_by("starts_at", "id")
    visits = list(annotated.values(*BOARD_VISIT_FIELDS, *(f"missing_{c.name}" for c in READINESS_CHECKS)))

    rows: dict[str, BoardRow] = {}
    for crew in crews:
        lead = crew.lead.user.get_full_name() if crew.lead_id else ""
        rows[f"crew-{crew.pk}"] = BoardRow(
            key=f"crew-{crew.pk}",
            title=crew.name,
            subtitle=f"Lead: {lead}" if lead else "",
            crew_id=crew.pk,
            callback_count=callbacks.get(crew.pk, 0),
        )
    if not crew_id:
        technicians = Employee.objects.filter(
            Q(role=EmployeeRole.TECH, active=True) | Q(pk__in=[v["technician_id"] for v in visits if not v["crew_id"]])
        ).select_related("user")
        for tech in technicians:
            rows[f"tech-{tech.pk}"] = BoardRow(
                key=f"tech-{tech.pk}", title=str(tech), subtitle="Service tech", technician_id=tech.pk
            )
    for row in rows.values():
        row.cells = _empty_cells(mode, day, columns)

    for visit in visits:
        row = rows.get(f"crew-{visit['crew_id']}") if visit["crew_id"] else rows.get(f"tech-{visit['technician_id']}")
        if row is None:
            continue
        start, end = visit["starts_at"].astimezone(zone), visit["ends_at"].astimezone(zone)
        if mode == "day":
            _place_in_hours(row, visit, start, end, day, zone)
        else:
            _place_in_days(row, visit, start, end, columns)

    _mark_time_off(rows, columns, first, last, mode, day, zone)
    subcontractor_rows = _subcontractor_rows(columns, first, last, mode, day, zone)
    step = timedelta(days=1 if mode == "day" else 7)
    today = timezone.localdate()
    return Board(
        mode=mode,
        day=day,
        columns=columns,
        rows=list(rows.values()),
        subcontractor_rows=subcontractor_rows,
        first=first,
        last=last,
        shows_today=first.date() <= today < last.date(),
        previous=day - step,
        following=day + step,
        visit_count=len(visits),
    )


def _empty_cells(mode: str, day: date, columns: list) -> list[BoardCell]:
    if mode == "day":
        return [BoardCell(day.isoformat(), column.hour) for column in columns]
    return [BoardCell(column.isoformat(), "") for column in columns]


def _place_in_days(row: BoardRow, visit: dict, start: datetime, end: datetime, days: list[date]) -> None:
    last_day = (end - timedelta(microseconds=1)).date()
    for index, day in enumerate(days):
        if start.date() <= day <= last_day:
            block = _block(visit, start, end)
            block.continued = day != start.date()
            block.movable = block.movable and not block.continued
            row.cells[index].blocks.append(block)


def _place_in_hours(row: BoardRow, visit: dict, start: datetime, end: datetime, day: date, zone) -> None:
    day_open = datetime.combine(day, time(BOARD_FIRST_HOUR), tzinfo=zone)
    day_close = datetime.combine(day, time(BOARD_LAST_HOUR), tzinfo=zone)
    shown_start = min(max(start, day_open), day_close - timedelta(hours=1))
    shown_end = max(min(end, day_close), shown_start + timedelta(minutes=30))
    block = _block(visit, start, end)
    block.continued = start < day_open - timedelta(hours=BOARD_FIRST_HOUR)
    block.movable = block.movable and not block.continued
    index = shown_start.hour - BOARD_FIRST_HOUR
    block.offset = round(shown_start.minute / 60, 3)
    block.span = round((shown_end - shown_start).total_seconds() / 3600, 3)
    row.cells[index].blocks.append(block)


def _mark_time_off(rows, columns, first, last, mode, day, zone) -> None:
    entries = TimeOff.objects.filter(starts_at__lt=last, ends_at__gt=first).values_list(
        "crew_id", "employee_id", "employee__crews", "employee__crews_led", "reason", "starts_at", "ends_at"
    )
    for crew_id, employee_id, member_of, leads, reason, start, end in entries:
        keys = {f"crew-{c}" for c in (crew_id, member_of, leads) if c} | (
            {f"tech-{employee_id}"} if employee_id else set()
        )
        text = ("Off: " + reason) if reason else "Time off"
        for key in keys & rows.keys():
            for index, column in enumerate(columns):
                if mode == "day":
                    cell_start = datetime.combine(day, column, tzinfo=zone)
                    cell_end = cell_start + timedelta(hours=1)
                else:
                    cell_start = datetime.combine(column, time(0), tzinfo=zone)
                    cell_end = cell_start + timedelta(days=1)
                if start < cell_end and end > cell_start:
                    rows[key].cells[index].off = text


def _subcontractor_rows(columns, first, last, mode, day, zone) -> list[BoardRow]:
    bookings = (
        SubcontractorBooking.objects.filter(starts_at__lt=last, ends_at__gt=first, status="booked")
        .select_related("subcontractor", "job__customer", "job__site")
        .order_by("subcontractor__name", "starts_at")
    )
    rows: dict[int, BoardRow] = {}
    for booking in bookings:
        sub = booking.subcontractor
        row = rows.get(sub.pk)
        if row is None:
            row = rows[sub.pk] = BoardRow(
                key=f"sub-{sub.pk}",
                title=sub.name,
                subtitle=sub.get_trade_display(),
                cells=_empty_cells(mode, day, columns),
            )
        start, end = timezone.localtime(booking.starts_at), timezone.localtime(booking.ends_at)
        label = {
            "job_id": booking.job_id,
            "job_number": booking.job.number,
            "customer": booking.job.customer.name,
            "city": booking.job.site.city,
            "time_label": f"{_short_clock(start)}–{_short_clock(end)}",
            "notes": booking.notes,
        }
        for index, column in enumerate(columns):
            if mode == "day":
                if (
                    start.date() <= day <= end.date()
                    and (start.hour if start.date() == day else 0) == column.hour
                    or start.date() < day
                    and index == 0
                ):
                    row.cells[index].blocks.append(label)
            elif start.date() <= column <= (end - timedelta(microseconds=1)).date():
                row.cells[index].blocks.append(label)
    return list(rows.values())
