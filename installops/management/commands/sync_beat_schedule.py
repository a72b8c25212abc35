from django.core.management.base import BaseCommand

from installops.beat import sync_beat_schedule


class Command(BaseCommand):
    help = "Write every daily task into celery beat's schedule, at the company times set in settings."

    def handle(self, *args, **options):
        for line in sync_beat_schedule():
            self.stdout.write(line)
