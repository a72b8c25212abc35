"""A realistic demo company: staff in every role, crews, customers and jobs in every stage.

Idempotent: people and crews are matched by username and name, and jobs are only added until the
company has the number asked for. `--jobs 5000` makes a large data set for benchmarks. The builder is
`demo.builder.build_demo_company`.
"""

from django.core.management.base import BaseCommand

from demo.builder import build_demo_company


class Command(BaseCommand):
    help = "Create (or top up) the demo company: staff, crews, customers and jobs in every stage."

    def add_arguments(self, parser):
        parser.add_argument("--jobs", type=int, default=300, help="How many jobs the company should have.")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, jobs: int, seed: int, **options):
        summary = build_demo_company(jobs=jobs, seed=seed, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(summary))
