"""How fast the office's job list renders on a large company.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/installops_bench \
        .venv/bin/python bench/job_list_bench.py --jobs 5000 --runs 50

Tops the database up with `seed_demo --jobs N` (idempotent, so a second run reuses the data), then
renders the list as the coordinator through Django's test client: unfiltered, filtered by status,
and searched. Prints p50/p95 render time and the SQL query count of each. Not part of the test suite.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "installops.settings.local")
os.environ.setdefault("DEBUG", "false")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=5000)
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

    call_command("migrate", verbosity=0)
    call_command("seed_demo", jobs=args.jobs, verbosity=0)
    client = Client()
    client.force_login(get_user_model().objects.get(username="coordinator"))

    cases = {
        "all jobs": {},
        "open, by status": {"status": ["sold", "scheduled", "permitted", "ready"]},
        "search": {"q": "oak"},
        "page 20": {"page": 20},
    }
    print(f"job list, {args.jobs} jobs, {args.runs} runs each")
    for name, params in cases.items():
        client.get("/jobs/", params)  # warm caches and the connection
        timings = []
        for _ in range(args.runs):
            started = time.perf_counter()
            response = client.get("/jobs/", params)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        with CaptureQueriesContext(connection) as queries:
            client.get("/jobs/", params)
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(f"  {name:18} p50 {statistics.median(timings):6.1f} ms  p95 {p95:6.1f} ms  {len(queries)} queries")


if __name__ == "__main__":
    main()
