"""Time the portal's busiest pages on the current database (the demo, say).

    DEBUG=true python manage.py demo
    DEBUG=true python manage.py benchmark --repeat 20

Each page is fetched in-process with Django's test client as the person who
would open it, and the median time and the number of queries are printed.
Figures belong in benchmarks/README.md, never in a timed test.
"""

import statistics
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from families.models import Child
from nursery.models import Role, User

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def pages():
    """(who, URL name, kwargs) for each page measured."""
    manager = User.objects.with_role(Role.MANAGER).first()
    parent = User.objects.filter(email__startswith="parent@").first() or (
        User.objects.with_role(Role.PARENT).first()
    )
    child = Child.objects.visible_to(parent).first() if parent else Child.objects.first()
    key_person = child.key_person if child else None
    wanted = [
        (manager, "home", {}),
        (manager, "families:roster", {}),
        (manager, "families:child_detail", {"pk": child.pk}),
        (key_person, "home", {}),
        (parent, "home", {}),
        (parent, "families:child_detail", {"pk": child.pk}),
        (manager, "accounts", {}),
        (manager, "audit_log", {}),
        (manager, "dashboard", {}),
        (manager, "families:meetings_overdue", {}),
        (manager, "families:checks_due", {}),
        (manager, "families:inbox", {}),
        (manager, "consents:expiring", {}),
        (manager, "consents:outings", {}),
        (manager, "agencies:directory", {}),
        (manager, "agencies:reviews_due", {}),
        (manager, "transitions:move_list", {}),
        (manager, "transitions:transfer_list", {}),
        (manager, "complaints", {}),
        (manager, "events", {}),
        (parent, "consents:mine", {}),
    ]
    return wanted


class Command(BaseCommand):
    help = "Time the busiest pages on the current database."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=10)

    def handle(self, *args, repeat, **options):
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        self.stdout.write(f"{'page':<45} {'who':<14} {'median ms':>10} {'queries':>8}")
        for who, name, kwargs in pages():
            if who is None:
                continue
            try:
                url = reverse(name, kwargs=kwargs)
            except NoReverseMatch:
                continue
            client = Client()
            client.force_login(who, backend=MODEL_BACKEND)
            client.get(url)  # warm up
            timings = []
            for _ in range(repeat):
                with CaptureQueriesContext(connection) as queries:
                    start = time.perf_counter()
                    response = client.get(url)
                    timings.append((time.perf_counter() - start) * 1000)
            status = "" if response.status_code == 200 else f" ({response.status_code})"
            self.stdout.write(
                f"{name + status:<45} {who.role:<14} "
                f"{statistics.median(timings):>10.1f} {len(queries.captured_queries):>8}"
            )
