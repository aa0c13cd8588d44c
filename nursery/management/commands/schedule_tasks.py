"""Enqueue the daily round (digests, reminders, the overdue digest) unless
one is waiting already. `make run` and the deployment run it after
`migrate`; the round then enqueues itself for each next morning."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from nursery.notifications import schedule_daily_round


class Command(BaseCommand):
    help = "Enqueue the next daily round of the task worker, unless one is waiting."

    def handle(self, *args, **options):
        at = schedule_daily_round()
        self.stdout.write(f"The daily round runs at {timezone.localtime(at):%Y-%m-%d %H:%M}.")
