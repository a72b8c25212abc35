"""The dispatch board: crews (then technicians) as rows, days or hours as columns, visits as blocks.

Built by `board_for` in a fixed number of queries; `board_render` turns the blocks into markup.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone

from installops.clock import at_company_time, company_day_bounds, company_today, company_zone
from installops.timefmt import short_clock
from jobs.choices import CALLBACK_KINDS, JobKind
from jobs.readiness import READINESS_CHECKS, ReadinessCheck, readiness_annotate, readiness_missing
from people.choices import EmployeeRole
from people.models import Employee
from permits.selectors import live_permit_number_subquery, live_permit_status_subquery, permit_summary_from_values

from ..choices import MOVABLE_VISIT_STATUSES, RELEASED_VISIT_STATUSES, SubcontractorBookingStatus, VisitStatus
from ..models import Crew, SubcontractorBooking, TimeOff, Visit
from .callbacks import callback_counts_by_crew

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
        "permit",
    )
    visit_id: int
    job_id: int
    job_number: str
    customer: str
    city: str
    kind: str
    kind_label: str
    status: str
    status_label: str
    time_label: str
    missing: list[ReadinessCheck]
    movable: bool
    continued: bool
    offset: float
    span: float
    is_callback: bool
    permit: str  # "Permit B24-0193", "Permit applied"; "" without a live permit


class BoardCell:
    """One crew-day (week view) or crew-hour (day view): where blocks sit and are dropped."""

    __slots__ = ("blocks", "off", "day", "hour")

    def __init__(self, day: str, hour: int | str):
        # Visits as BoardBlocks; a subcontractor row's bookings as plain dicts.
        self.blocks: list[BoardBlock | dict[str, Any]] = []
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
    cells: list[BoardCell] = field(default_factory=list)
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
    if mode == "day":
        first, last = company_day_bounds(day)
        hours = [time(hour) for hour in range(BOARD_FIRST_HOUR, BOARD_LAST_HOUR)]
        return hours, first, last
    monday = day - timedelta(days=day.weekday())
    days = [monday + timedelta(days=n) for n in range(7)]
    return days, company_day_bounds(monday)[0], company_day_bounds(monday + timedelta(days=6))[1]


BOARD_VISIT_FIELDS = [
    "id", "job_id", "crew_id", "technician_id", "starts_at", "ends_at", "status",
    "job__number", "job__kind", "job__customer__name", "job__site__city", "permit_status", "permit_number",
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
        block.time_label = f"{short_clock(start)}–{short_clock(end)}"
    else:
        block.time_label = f"{start:%a} {short_clock(start)} – {end:%a} {short_clock(end)}"
    block.missing = [] if status in RELEASED_VISIT_STATUSES else readiness_missing(row)
    block.movable = status in MOVABLE_VISIT_STATUSES
    block.continued = False
    block.offset = 0.0
    block.span = 1.0
    block.is_callback = kind in CALLBACK_KINDS
    permit = permit_summary_from_values(row["permit_status"], row["permit_number"])
    block.permit = f"Permit {permit.text}" if permit else ""
    return block


KIND_LABELS = dict(JobKind.choices)
STATUS_LABELS = dict(VisitStatus.choices)


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
    zone = company_zone()

    in_range = Visit.objects.filter(starts_at__lt=last, ends_at__gt=first)
    crew_query = Crew.objects.filter(Q(active=True) | Q(pk__in=in_range.values("crew_id")))
    if crew_id:
        crew_query = crew_query.filter(pk=crew_id)
    crews = list(crew_query.select_related("lead__user").order_by("name"))
    callbacks = callback_counts_by_crew(
        crew_ids=[crew.pk for crew in crews], since=company_today() - timedelta(days=365)
    )

    shown = in_range.filter(status=status) if status else in_range.exclude(status__in=RELEASED_VISIT_STATUSES)
    if kind:
        shown = shown.filter(job__kind=kind)
    if crew_id:
        shown = shown.filter(crew_id=crew_id)
    annotated = (
        readiness_annotate(shown, on_visits=True)
        # The job's live permit rides in the same query (no query per block).
        .annotate(
            permit_status=live_permit_status_subquery("job_id"), permit_number=live_permit_number_subquery("job_id")
        )
        .order_by("starts_at", "id")
    )
    visits = list(annotated.values(*BOARD_VISIT_FIELDS, *(f"missing_{c.name}" for c in READINESS_CHECKS)))

    rows: dict[str, BoardRow] = {}
    for crew in crews:
        lead = crew.lead.user.get_full_name() if crew.lead is not None else ""
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
    for board_row in rows.values():
        board_row.cells = _empty_cells(mode, day, columns)

    for visit in visits:
        row = rows.get(f"crew-{visit['crew_id']}") if visit["crew_id"] else rows.get(f"tech-{visit['technician_id']}")
        if row is None:
            continue
        start, end = visit["starts_at"].astimezone(zone), visit["ends_at"].astimezone(zone)
        if mode == "day":
            _place_in_hours(row, visit, start, end, day)
        else:
            _place_in_days(row, visit, start, end, columns)

    _mark_time_off(rows, columns, first, last, mode, day)
    subcontractor_rows = _subcontractor_rows(columns, first, last, mode, day)
    step = timedelta(days=1 if mode == "day" else 7)
    today = company_today()
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


def _place_in_hours(row: BoardRow, visit: dict, start: datetime, end: datetime, day: date) -> None:
    day_open = at_company_time(day, time(BOARD_FIRST_HOUR))
    day_close = at_company_time(day, time(BOARD_LAST_HOUR))
    shown_start = min(max(start, day_open), day_close - timedelta(hours=1))
    shown_end = max(min(end, day_close), shown_start + timedelta(minutes=30))
    block = _block(visit, start, end)
    block.continued = start < day_open - timedelta(hours=BOARD_FIRST_HOUR)
    block.movable = block.movable and not block.continued
    index = shown_start.hour - BOARD_FIRST_HOUR
    block.offset = round(shown_start.minute / 60, 3)
    block.span = round((shown_end - shown_start).total_seconds() / 3600, 3)
    row.cells[index].blocks.append(block)


def _mark_time_off(rows, columns, first, last, mode, day) -> None:
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
                    cell_start = at_company_time(day, column)
                    cell_end = cell_start + timedelta(hours=1)
                else:
                    cell_start = at_company_time(column, time(0))
                    cell_end = cell_start + timedelta(days=1)
                if start < cell_end and end > cell_start:
                    rows[key].cells[index].off = text


def _subcontractor_rows(columns, first, last, mode, day) -> list[BoardRow]:
    bookings = (
        SubcontractorBooking.objects.filter(
            starts_at__lt=last, ends_at__gt=first, status=SubcontractorBookingStatus.BOOKED
        )
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
            "time_label": f"{short_clock(start)}–{short_clock(end)}",
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
