"""Day-before confirmations for a big day: the sweep plus a real Celery worker, console backends.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/installops_bench \
    CELERY_BROKER_URL=redis://127.0.0.1:6379/14 \
        .venv/bin/python bench/confirmation_sweep_bench.py --visits 5000 --concurrency 2

Builds a throw-away database (<name>_confirmations_bench, dropped at the end) with N visits on one
day, each customer with a phone and an email, starts `celery worker` (prefork, --concurrency
children, texts and emails printed to a discarded console), runs the confirmation sweep and waits
until every message is sent. Prints the sweep's time and SQL query count, the time until the last
message went out, messages per second, and p50/p95 of queued-to-sent latency. Target: 5,000 visits
queued and sent in under 60 s on two cores. Not part of the test suite.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "installops.settings.local")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:6379/14")
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "false"
os.environ["SMS_BACKEND"] = "notifications.sms.console.SmsBackend"
os.environ["EMAIL_URL"] = "consolemail://"


def build_day(visits: int, day):
    """N customers, sites, jobs and visits on `day`, written in bulk (with their history rows)."""
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from simple_history.utils import bulk_create_with_history

    from installops.clock import at_company_time
    from jobs.choices import JobStatus
    from jobs.models import Customer, Job, Site
    from people.choices import EmployeeRole
    from people.models import Employee
    from scheduling.models import Crew, Visit

    crews = []
    for index in range(max(1, visits // 500 + 1)):
        user = get_user_model().objects.create(username=f"bench-lead-{index}", first_name="Lead", last_name=str(index))
        lead = Employee.objects.create(user=user, role=EmployeeRole.LEAD_INSTALLER, phone="(559) 555-0100")
        crews.append(Crew.objects.create(name=f"Bench crew {index}", lead=lead))
    customers = bulk_create_with_history(
        [
            Customer(
                name=f"Customer {n}",
                phone=f"(559) 5{n // 10000 % 10}{n // 1000 % 10}-{n % 10000:04d}",
                email=f"customer{n}@example.com",
            )  # fmt: skip
            for n in range(visits)
        ],
        Customer,
        batch_size=1000,
    )
    sites = bulk_create_with_history(
        [Site(customer=c, street=f"{n} Oak Ave", city="Fresno", zip_code="93711") for n, c in enumerate(customers)],
        Site,
        batch_size=1000,
    )
    jobs = bulk_create_with_history(
        [
            Job(number=f"B{n:06d}", customer=c, site=s, sold_on=day, status=JobStatus.SCHEDULED)
            for n, (c, s) in enumerate(zip(customers, sites, strict=True))
        ],
        Job,
        batch_size=1000,
    )
    start_of_day = at_company_time(day, "00:00")
    rows = []
    for n, job in enumerate(jobs):
        # Two-minute blocks, each crew's one after the other: the exclusion constraints stay happy.
        starts = start_of_day + timedelta(minutes=2 * (n // len(crews)))
        rows.append(Visit(job=job, crew=crews[n % len(crews)], starts_at=starts, ends_at=starts + timedelta(minutes=2)))
    bulk_create_with_history(rows, Visit, batch_size=1000)


def start_worker(queue: str, concurrency: int, pool: str, database_url: str, log_path: Path) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": database_url}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "installops",
            "worker",
            "-Q",
            queue,
            "-n",
            f"{queue}@localhost",
            "-c",
            str(concurrency),
            "--without-gossip",
            "--without-mingle",
            "-l",
            "warning",
        ],  # fmt: skip
        cwd=REPO_ROOT,
        env=env,
        # The console backends print every message; they go to a log file, not the terminal.
        stdout=subprocess.DEVNULL,
        stderr=log_path.open("w"),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--pool", default="prefork", choices=["prefork", "threads", "solo"])
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, setup_databases, teardown_databases

    from installops.celery import app
    from installops.clock import company_tomorrow
    from notifications.choices import MessageStatus
    from notifications.models import Message
    from notifications.services import confirmation_sweep

    name = settings.DATABASES["default"]["NAME"]
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = f"{name}_confirmations_bench"
    old_config = setup_databases(verbosity=0, interactive=False, keepdb=False)
    queue = f"bench-{uuid.uuid4().hex[:8]}"
    app.conf.task_default_queue = queue
    app.amqp.__dict__.pop("_queues", None)
    worker = None
    try:
        db = connection.settings_dict
        password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
        database_url = (
            f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        )
        day = company_tomorrow()
        started = time.perf_counter()
        build_day(args.visits, day)
        print(f"built {args.visits} visits on {day} in {time.perf_counter() - started:.1f} s")

        log_path = Path(tempfile.gettempdir()) / f"{queue}.log"
        worker = start_worker(queue, args.concurrency, args.pool, database_url, log_path)
        deadline = time.monotonic() + 60
        while not app.control.ping(destination=[f"{queue}@localhost"], timeout=1):
            if time.monotonic() > deadline or worker.poll() is not None:
                raise SystemExit("the worker did not start")

        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            result = confirmation_sweep(day=day)
        sweep_seconds = time.perf_counter() - started
        expected = result.queued
        while True:
            sent = Message.objects.filter(for_date=day, status=MessageStatus.SENT).count()
            failed = Message.objects.filter(for_date=day, status=MessageStatus.FAILED).count()
            if sent + failed >= expected:
                break
            time.sleep(0.25)
        total_seconds = time.perf_counter() - started

        latencies = sorted(
            (sent_at - created_at).total_seconds()
            for created_at, sent_at in Message.objects.filter(for_date=day, status=MessageStatus.SENT).values_list(
                "created_at", "sent_at"
            )
        )
        print(f"worker: {args.pool} pool, concurrency {args.concurrency}; {os.cpu_count()} CPUs on this machine")
        print(f"sweep: {result} in {sweep_seconds:.2f} s, {len(queries)} SQL queries (enqueue included)")
        print(f"all {sent} messages sent ({failed} failed) {total_seconds:.1f} s after the sweep started")
        print(f"throughput: {sent / total_seconds:.0f} messages/s ({args.visits / total_seconds:.0f} visits/s)")
        print(
            f"queued-to-sent latency: p50 {statistics.median(latencies):.1f} s, "
            f"p95 {latencies[int(len(latencies) * 0.95) - 1]:.1f} s"
        )
        print(f"target (5,000 visits queued and sent < 60 s): {'met' if total_seconds < 60 else 'NOT met'}")
        print(f"worker log (every message as printed by the console backends): {log_path}")
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=60)
        with app.connection_for_write() as conn:
            conn.default_channel.queue_delete(queue)
            # The per-queue exchange leaves its binding keys behind in Redis.
            conn.default_channel.client.delete(f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
        connection.close()
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
