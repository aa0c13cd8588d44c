"""Part of the restore drill (scripts/restore_drill.sh): on the database in
DATABASE_URL, `--counts` prints how many rows the key tables hold (JSON),
to compare the restored copy with the original; without it, the portal's
pages are opened through Django's test client as the demo manager and the
demo parent, and each must answer 200 with its records on it."""

import json

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.test import Client

from families.models import Child
from nursery.auth import has_second_factor, record_completed_login
from nursery.demo import DEMO_DOMAIN
from nursery.links import reverse
from nursery.models import User
from records.models import SubjectAccessRequest

KEY_TABLES = [
    "nursery.User",
    "nursery.AuditEvent",
    "families.Child",
    "families.ParentLink",
    "families.KeyPersonMeeting",
    "families.ProgressReview",
    "consents.ConsentEvent",
    "consents.MedicationDose",
    "agencies.Agency",
    "agencies.ThirdPartyInformation",
    "transitions.Move",
    "safety.Accident",
    "safety.Attendance",
    "setting.Complaint",
    "safeguarding.Concern",
    "records.SubjectAccessRequest",
    "records.LegalHold",
]


def counts():
    return {label: apps.get_model(label)._default_manager.count() for label in KEY_TABLES}


def client_for(user):
    client = Client(HTTP_HOST="localhost")
    client.force_login(user, backend="nursery.auth.AccountBackend")
    session = client.session
    methods = ("password", "mfa") if has_second_factor(user) else ("password",)
    record_completed_login(session, user, methods=methods)
    session.save()
    return client


class Command(BaseCommand):
    help = "Check a restored database: print key table counts, or open the portal's pages."

    def add_arguments(self, parser):
        parser.add_argument("--counts", action="store_true", help="Print the counts as JSON.")

    def handle(self, *args, **options):
        if options["counts"]:
            self.stdout.write(json.dumps(counts(), sort_keys=True))
            return
        manager = User.objects.get(email=f"manager@{DEMO_DOMAIN}")
        parent = User.objects.get(email=f"parent@{DEMO_DOMAIN}")
        child = Child.objects.visible_to(parent).order_by("pk").first()
        answered = SubjectAccessRequest.objects.filter(
            requester=parent, delivered_at__isnull=False
        ).first()
        pages = [
            (manager, reverse("home"), manager.full_name),
            (manager, reverse("families:roster"), child.last_name),
            (manager, child.get_absolute_url(), child.first_name),
            (manager, reverse("dashboard"), ""),
            (manager, reverse("records:request_list"), ""),
            (parent, reverse("home"), child.first_name),
            (parent, child.get_absolute_url(), child.first_name),
            (parent, reverse("records:pack", args=[answered.pk]), parent.email),
        ]
        for user, url, expected in pages:
            response = client_for(user).get(url)
            text = response.content.decode()
            if response.status_code != 200 or expected not in text:
                raise CommandError(f"{url} as {user.email}: {response.status_code}")
            self.stdout.write(f"200 {url} ({user.email})")
        self.stdout.write("The restored portal opens with its records.")
