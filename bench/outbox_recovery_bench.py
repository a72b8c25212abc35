"""The broker comes back after a big morning's confirmations were saved while it was down: how long until
every message is out.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/installops_bench \
    CELERY_BROKER_URL=redis://127.0.0.1:6379/14 \
        .venv/bin/python bench/outbox_recovery_bench.py --visits 5000 --concurrency 2

Builds a throw-away database (<name>_outbox_bench, dropped at the end) with N visits on one day, runs
the confirmation sweep with publishing pointed at a dead broker (every message saved "pending", none
queued), then points publishing back at the real broker, starts `celery worker` and runs the relay
the way beat does every minute, until every message is sent. Prints the sweep's time with the broker
down, each relay run's time and SQL query count, and the time from the first relay run to the last
message out. Target: every message out within 5 minutes of the broker's return (the relay runs every
60 s and takes at most 5,000 messages a run). Not part of the test suite.
"""

import argparse
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR.parent))
sys.path.insert(0, str(BENCH_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "installops.settings.local")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:6379/14")
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "false"
os.environ["SMS_BACKEND"] = "notifications.sms.console.SmsBackend"
os.environ["EMAIL_URL"] = "consolemail://"

DEAD_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens there
RELAY_EVERY_SECONDS = 60  # as beat runs it (settings.BEAT_INTERVAL_TASKS)


def point_publishing_at(app, broker_url: str) -> None:
    app.conf.broker_write_url = broker_url
    # The app keeps the pools of the broker it first met; Celery has no public way to drop them.
    app._pool = None  # noqa: SLF001
    app.amqp._producer_pool = None  # noqa: SLF001


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--pool", default="prefork", choices=["prefork", "threads", "solo"])
    args = parser.parse_args()

    import django

    django.setup()
    from confirmation_sweep_bench import build_day, start_worker
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, setup_databases, teardown_databases

    from installops.celery import app
    from installops.clock import company_tomorrow
    from notifications.choices import MessageStatus
    from notifications.models import Message
    from notifications.services import confirmation_sweep
    from notifications.services.relay import messages_relay

    name = settings.DATABASES["default"]["NAME"]
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = f"{name}_outbox_bench"
    old_config = setup_databases(verbosity=0, interactive=False, keepdb=False)
    queue = f"bench-{uuid.uuid4().hex[:8]}"
    app.conf.task_default_queue = queue
    app.amqp.__dict__.pop("_queues", None)
    live_broker_url = app.conf.broker_write_url or app.conf.broker_url
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

        point_publishing_at(app, DEAD_BROKER_URL)
        started = time.perf_counter()
        result = confirmation_sweep(day=day)
        print(f"sweep with the broker down: {result} in {time.perf_counter() - started:.2f} s")
        to_send = Message.objects.filter(for_date=day, status=MessageStatus.PENDING).count()
        never_queued = Message.objects.filter(for_date=day, enqueued_at__isnull=True).count()
        print(f"{to_send} messages pending, {never_queued} of them never handed to a broker")

        point_publishing_at(app, live_broker_url)
        log_path = Path(tempfile.gettempdir()) / f"{queue}.log"
        worker = start_worker(queue, args.concurrency, args.pool, database_url, log_path)
        deadline = time.monotonic() + 60
        while not app.control.ping(destination=[f"{queue}@localhost"], timeout=1):
            if time.monotonic() > deadline or worker.poll() is not None:
                raise SystemExit("the worker did not start")

        # The relay's grace leaves rows saved in the last seconds to their own request: wait it out.
        time.sleep(11)
        back_at = time.perf_counter()
        next_relay = back_at
        runs = 0
        while True:
            if time.perf_counter() >= next_relay:
                started = time.perf_counter()
                with CaptureQueriesContext(connection) as queries:
                    relayed = messages_relay()
                runs += 1
                print(
                    f"relay run {runs}: {relayed} in {time.perf_counter() - started:.2f} s, {len(queries)} SQL queries"
                )
                next_relay += RELAY_EVERY_SECONDS
            sent = Message.objects.filter(for_date=day, status=MessageStatus.SENT).count()
            failed = Message.objects.filter(for_date=day, status=MessageStatus.FAILED).count()
            if sent + failed >= to_send:
                break
            time.sleep(0.5)
        recovered = time.perf_counter() - back_at
        print(f"worker: {args.pool} pool, concurrency {args.concurrency}; {os.cpu_count()} CPUs on this machine")
        print(f"all {sent} messages sent ({failed} failed) {recovered:.1f} s after the first relay run")
        verdict = "met" if recovered < 300 else "NOT met"
        print(f"target (every message out within 5 minutes of the broker's return): {verdict}")
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=60)
        with app.connection_for_write() as conn:
            conn.default_channel.queue_delete(queue)
            conn.default_channel.client.delete(f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
        connection.close()
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
