"""How fast the dispatch board renders for a big week: 100 crews, 2,000 visits.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/installops_bench \
        .venv/bin/python bench/board_bench.py --crews 100 --visits-per-crew 20 --runs 50

Books the week through the scheduling services the first time (crews "Bench crew 001"… and their
jobs; a second run reuses them), then renders the board as the coordinator through Django's test
client: the week, the week filtered to installs, and one day. Prints p50/p95 render time and the SQL
query count of each. Target: p95 under 150 ms for the week. Not part of the test suite.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "installops.settings.local")
os.environ.setdefault("DEBUG", "false")

# Four two-hour calls a day, Monday to Friday.
STARTS = [(7, 0), (9, 15), (11, 30), (13, 45)]


def bench_week() -> date:
    from installops.clock import company_today

    today = company_today()
    return today + timedelta(days=7 - today.weekday())  # next Monday: every visit still to come


def book_the_week(crews: int, per_crew: int, monday: date) -> None:
    from django.contrib.auth import get_user_model

    from installops.clock import at_company_time
    from jobs import services as job_services
    from jobs.choices import JobKind
    from scheduling import services
    from scheduling.models import Crew, Skill, Visit

    coordinator = get_user_model().objects.get(username="coordinator")
    skill = Skill.objects.get_or_create(name="Split systems")[0]
    customer = job_services.customer_create(name="Bench Customer", phone="(559) 555-0000", by=coordinator)
    site = job_services.site_create(customer=customer, street="1 Bench Way", city="Fresno", zip_code="93711")
    for number in range(1, crews + 1):
        crew, _ = Crew.objects.get_or_create(name=f"Bench crew {number:03d}")
        crew.skills.add(skill)
        have = Visit.objects.filter(crew=crew, starts_at__date__gte=monday).count()
        for index in range(have, per_crew):
            day = monday + timedelta(days=(index // len(STARTS)) % 5)
            hour, minute = STARTS[index % len(STARTS)]
            starts_at = at_company_time(day, f"{hour:02d}:{minute:02d}")
            job = job_services.job_create(
                customer=customer, site=site, by=coordinator, kind=JobKind.MAINTENANCE, sold_on=monday,
                description="Tune-up",
            )  # fmt: skip
            services.visit_book(
                job=job, crew=crew, starts_at=starts_at, ends_at=starts_at + timedelta(hours=2), by=coordinator,
                arrival_window_start=starts_at, arrival_window_end=starts_at + timedelta(hours=1),
            )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--crews", type=int, default=100)
    parser.add_argument("--visits-per-crew", type=int, default=20)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    import installops.wsgi  # noqa: F401  (the web process's start-up, garbage-collector settings included)
    from scheduling import selectors

    call_command("migrate", verbosity=0)
    call_command("seed_demo", jobs=0, verbosity=0)
    monday = bench_week()
    started = time.perf_counter()
    book_the_week(args.crews, args.visits_per_crew, monday)
    print(f"data ready in {time.perf_counter() - started:.1f} s")
    client = Client()
    client.force_login(get_user_model().objects.get(username="coordinator"))

    cases = {
        "week": {"date": monday.isoformat()},
        "week, installs only": {"date": monday.isoformat(), "kind": "install"},
        "day": {"date": monday.isoformat(), "view": "day"},
    }
    print(f"dispatch board, {args.crews} bench crews x {args.visits_per_crew} visits, {args.runs} runs each")
    for name, params in cases.items():
        client.get("/scheduling/board/", params)  # warm caches and the connection
        visits = selectors.board_for(
            mode=params.get("view", "week"), day=monday, kind=params.get("kind", "")
        ).visit_count
        timings = []
        for _ in range(args.runs):
            started = time.perf_counter()
            response = client.get("/scheduling/board/", params)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        with CaptureQueriesContext(connection) as queries:
            client.get("/scheduling/board/", params)
        timings.sort()
        p95 = timings[max(int(len(timings) * 0.95) - 1, 0)]
        print(
            f"  {name:20} {visits:5d} visits  p50 {statistics.median(timings):6.1f} ms  p95 {p95:6.1f} ms  "
            f"{len(queries)} queries  {len(response.content) // 1024} KiB"
        )


if __name__ == "__main__":
    main()
