"""Fixtures every test module can use: one signed-in user per role, the company's clock, and a real browser."""

import os
import time as time_module
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import Group

from people.choices import EmployeeRole
from people.roles import ROLE_GROUP
from tests.jobs.factories import UserFactory
from tests.people.factories import EmployeeFactory
from tests.scheduling.factories import CrewFactory

# Playwright's sync API runs an event loop in the test thread, which makes Django refuse the test's own
# (synchronous, single-threaded) ORM calls in browser tests. They are safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def make_staff(username: str, role: str):
    """A user with an employee record, in the group of their role."""
    user = UserFactory(username=username)
    EmployeeFactory(user=user, role=role)
    user.groups.add(Group.objects.get(name=ROLE_GROUP[role]))
    return user


@pytest.fixture(autouse=True)
def fresh_template_cache():
    """Each test sees the message templates as its database has them.

    The wording is cached per process; a transactional test (browser, worker) empties the tables and the
    templates come back with new ids, which a cache kept from an earlier test would still point at.
    """
    from notifications.services import template_cache_clear

    template_cache_clear()
    yield
    template_cache_clear()


@pytest.fixture
def coordinator(db):
    return make_staff("coordinator", EmployeeRole.COORDINATOR)


@pytest.fixture
def accounting(db):
    return make_staff("accounting", EmployeeRole.ACCOUNTING)


@pytest.fixture
def salesperson(db):
    return make_staff("sales", EmployeeRole.SALESPERSON)


@pytest.fixture
def installer(db):
    """A lead installer, with the crew they lead (``installer.crew``)."""
    user = make_staff("installer", EmployeeRole.LEAD_INSTALLER)
    user.crew = CrewFactory(name="Crew Ortega", lead=user.employee)
    return user


@pytest.fixture
def other_installer(db):
    """An installer on another crew: must never see the first crew's work."""
    user = make_staff("installer_b", EmployeeRole.LEAD_INSTALLER)
    user.crew = CrewFactory(name="Crew Nguyen", lead=user.employee)
    return user


@pytest.fixture
def client_as(client):
    """`client_as(user)`: the test client signed in as that user."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


# ---------------------------------------------------------------- the company's clock

COMPANY_CLOCK_GUIDE = """
Whatever reads "now" (sweeps, worklists, "tomorrow", my day, dispatch times) reads the clock this family
controls. A test that depends on the hour says which hour it means, in the company's zone:

    pytestmark = pytest.mark.company_time("07:00")       # every test of the module: today at 7:00, frozen
    @pytest.mark.company_time("2026-11-27 10:00")         # one test: that day and time
    @pytest.mark.company_time("18:00", tick=True)         # the clock runs on from there (browser, threads)

    def test_something(company_clock):
        company_clock("18:00")                            # the same from inside a test; returns the moment
        company_clock.shift(minutes=30)                   # later the same day
        company_clock.now, company_clock.today, company_clock.tomorrow
        company_clock.machine_time()                      # back on the machine's own clock (a real worker)

Frozen (tick=False, the default) suits tests of logic: every "now" is the same moment. Tests whose
server runs in a thread or whose browser waits (live_server, Playwright) want tick=True. A separate
process (a real Celery worker) never sees the pinned clock: such tests run on machine_time().

INSTALLOPS_TEST_CLOCK=23:30 (or "2026-11-27 23:30") pins the whole session to today (that day) at that
company time, ticking, unless a test pins its own: .ci/run runs the suite that way at night and at dawn.
"""

CLOCK_ENV = "INSTALLOPS_TEST_CLOCK"


def company_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def company_moment(when, hh_mm: str | None = None) -> datetime:
    """An aware datetime in the company's zone from "HH:MM" (today, as the clock now stands),
    "YYYY-MM-DD HH:MM", (date, "HH:MM"), or a datetime (naive ones are company time)."""
    zone = company_zone()
    if isinstance(when, datetime):
        if hh_mm is not None:
            raise TypeError("A datetime already says the time.")
        return when.replace(tzinfo=zone) if when.tzinfo is None else when.astimezone(zone)
    if isinstance(when, date):
        day, clock = when, hh_mm or "00:00"
    elif isinstance(when, str) and hh_mm is None:
        day_text, _, clock = when.strip().rpartition(" ")
        day = date.fromisoformat(day_text) if day_text else datetime.now(zone).date()
    else:
        raise TypeError(f"Say the company time as 'HH:MM' or 'YYYY-MM-DD HH:MM', not {when!r}.")
    hour, minute = (int(part) for part in clock.split(":"))
    return datetime.combine(day, time(hour, minute), tzinfo=zone)


class CompanyClock:
    """The company's wall clock for one test (see the notes above)."""

    def __init__(self):
        self._travel = None
        self._traveller = None

    def __call__(self, when, hh_mm: str | None = None, *, tick: bool = False) -> datetime:
        moment = company_moment(when, hh_mm)
        if self._traveller is None:
            self._travel = time_machine.travel(moment, tick=tick)
            self._traveller = self._travel.start()
        else:
            self._traveller.move_to(moment, tick=tick)
        return moment

    def shift(self, delta: timedelta | None = None, **units) -> datetime:
        """Move the pinned clock on (or back): shift(minutes=30), shift(timedelta(days=1))."""
        if self._traveller is None:
            raise RuntimeError("Pin the clock first: company_clock('HH:MM').")
        self._traveller.shift(delta if delta is not None else timedelta(**units))
        return self.now

    def machine_time(self) -> datetime:
        """Run on the machine's real clock from here on, as a separate process (a real worker) sees it,
        even when the session is pinned by INSTALLOPS_TEST_CLOCK."""
        hatch = time_machine.escape_hatch
        real = hatch.time.time() if hatch.is_travelling() else time_module.time()
        return self(datetime.fromtimestamp(real, company_zone()), tick=True)

    @property
    def now(self) -> datetime:
        return datetime.now(company_zone())

    @property
    def today(self) -> date:
        return self.now.date()

    @property
    def tomorrow(self) -> date:
        return self.today + timedelta(days=1)

    def stop(self) -> None:
        if self._travel is not None:
            self._travel.stop()
            self._travel = self._traveller = None


@pytest.fixture
def company_clock():
    """Pins "now" for this test: company_clock("07:00"), company_clock("2026-11-27 18:00", tick=True)."""
    clock = CompanyClock()
    yield clock
    clock.stop()


@pytest.fixture(autouse=True)
def _company_time_marker(request):
    """@pytest.mark.company_time(...) pins the clock before any other fixture of the test builds data."""
    marker = request.node.get_closest_marker("company_time")
    if marker is not None:
        request.getfixturevalue("company_clock")(*marker.args, **marker.kwargs)


_session_travel = None


def pytest_configure(config):
    global _session_travel
    value = os.environ.get(CLOCK_ENV, "").strip()
    if not value:
        return
    try:
        moment = company_moment(value)
    except (TypeError, ValueError) as error:
        raise pytest.UsageError(f"{CLOCK_ENV}={value!r}: say 'HH:MM' or 'YYYY-MM-DD HH:MM' ({error})") from None
    _session_travel = time_machine.travel(moment, tick=True)
    _session_travel.start()


def pytest_unconfigure(config):
    global _session_travel
    if _session_travel is not None:
        _session_travel.stop()
        _session_travel = None


def pytest_report_header(config):
    if _session_travel is not None:
        now = datetime.now(company_zone())
        return f"company clock: {now:%Y-%m-%d %H:%M} {settings.TIME_ZONE} ({CLOCK_ENV}), ticking"
    return f"company clock: the machine's ({settings.TIME_ZONE}), unless a test pins its own"


# Real-browser tests: Debian's Chromium (Playwright's own browser download is not used).
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """Pages run in the company's zone, whatever the machine's."""
    return {**browser_context_args, "timezone_id": settings.TIME_ZONE}


@pytest.fixture
def context(context):
    """The page's clock starts where the server's stands (pinned or not) and runs on: JavaScript that reads
    the time (the phone's queued taps) agrees with the live server. Pin with the company_time marker, so the
    clock is set before the browser starts."""
    context.clock.install(time=time_module.time())
    return context


@pytest.fixture
def live_server_url(live_server):
    return live_server.url
