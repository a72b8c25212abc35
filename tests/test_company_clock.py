"""The clock the tests pin (root conftest.py): company time, frozen unless asked to tick."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from installops.clock import company_tomorrow

PACIFIC = ZoneInfo("America/Los_Angeles")


@pytest.mark.company_time("2026-11-27 23:30")
def test_the_marker_pins_company_time_for_everything_that_reads_now(company_clock):
    assert timezone.localtime() == datetime(2026, 11, 27, 23, 30, tzinfo=PACIFIC)
    assert timezone.now() == datetime(2026, 11, 28, 7, 30, tzinfo=ZoneInfo("UTC"))
    assert timezone.localdate() == date(2026, 11, 27)
    assert date.today() == date(2026, 11, 27)  # noqa: DTZ011 - the naive date is pinned too
    assert company_tomorrow() == date(2026, 11, 28)
    assert (company_clock.today, company_clock.tomorrow) == (date(2026, 11, 27), date(2026, 11, 28))


def test_an_hour_alone_means_today_as_the_clock_stands_and_the_clock_stays_frozen(company_clock):
    company_clock("2026-11-27 10:00")
    evening = company_clock("18:00")
    assert evening == datetime(2026, 11, 27, 18, tzinfo=PACIFIC)
    assert timezone.now() == timezone.now() == evening


def test_shifting_follows_the_zone_across_a_dst_change(company_clock):
    company_clock("2026-03-08 01:30")  # spring forward: 2:00 becomes 3:00
    assert company_clock.shift(hours=1) == datetime(2026, 3, 8, 3, 30, tzinfo=PACIFIC)
    assert timezone.localtime().utcoffset() == timedelta(hours=-7)
