"""List the records past their retention period, for the manager's approval
(what the nightly task does): `manage.py disposal_scan`, or with `--enqueue`
put the task on the queue."""

from django.core.management.base import BaseCommand

from records import services
from records.tasks import scan_for_disposal


class Command(BaseCommand):
    help = "List records past their retention period for the manager to approve their disposal."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Put the scan on the task queue instead."
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = scan_for_disposal.enqueue()
            self.stdout.write(f"Scan queued ({result.id}).")
            return
        run = services.disposal_scan()
        if run is None:
            self.stdout.write("Nothing has passed its retention period.")
            return
        for line in run.lines.all():
            self.stdout.write(f"{line.get_kind_display()}: {line.found} ({line.period})")
        self.stdout.write("Waiting for the manager's approval in the portal.")
