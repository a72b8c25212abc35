from django.core.management.base import BaseCommand

from notifications.schedule import sync_beat_schedule


class Command(BaseCommand):
    help = "Write the daily message sweeps into celery beat's schedule, at the hours set in settings."

    def handle(self, *args, **options):
        for line in sync_beat_schedule():
            self.stdout.write(line)
