"""Time the subject-access pack for a family with two years of records.

Run after `manage.py demo`:

    DEBUG=true .venv/bin/python manage.py shell < scripts/bench_subject_access.py

Inside a transaction that is rolled back at the end, it gives the demo
parent's two children two years of records each (a key-person meeting every
week, a progress review every term, a message from home every fortnight,
third-party information the agency agreed may go to the parents), then
gathers and renders the parent's pack (HTML and JSON) a few times, and its
PDF once.
"""

import time
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from agencies.models import OnwardConsent
from agencies.services import onward_consent_record
from nursery.models import User
from records import pack
from records.models import SubjectAccessRequest
from tests.agencies.factories import ThirdPartyInformationFactory
from tests.families.factories import MeetingFactory, NoticeFactory, ReviewFactory
from transitions.services import html_to_pdf


class Rollback(Exception):
    pass


try:
    with transaction.atomic():
        parent = User.objects.get(email="parent@demo.example")
        manager = User.objects.get(email="manager@demo.example")
        today = timezone.localdate()
        children = list(pack.children_of(parent))
        for child in children:
            for week in range(104):
                MeetingFactory(
                    child=child,
                    held_on=today - timedelta(weeks=week),
                    discussion="What we saw this week and the next steps we agreed. " * 6,
                )
            for term in range(8):
                ReviewFactory(child=child, reviewed_on=today - timedelta(days=91 * term + 1))
            for _fortnight in range(52):
                NoticeFactory(child=child, sent_by=parent, message="Away on Friday. " * 4)
            for n in range(6):
                item = ThirdPartyInformationFactory(child=child, title=f"Report {n}")
                onward_consent_record(
                    item=item,
                    recipient=OnwardConsent.PARENTS,
                    given_by="Agency",
                    given_on=today,
                    by=manager,
                )
        sar = SubjectAccessRequest.objects.filter(requester=parent).first()
        sar.cp_decision = sar.cp_decision or "withheld"
        pack.build(sar=sar)  # warm-up
        for _ in range(3):
            start = time.perf_counter()
            built = pack.build(sar=sar)
            ms = (time.perf_counter() - start) * 1000
            print(  # noqa: T201  (a script that reports)
                f"{len(children)} children: HTML and JSON {ms:.0f} ms "
                f"({len(built['html']) // 1024} KiB HTML, {len(built['sections'])} sections)"
            )
        start = time.perf_counter()
        pdf = html_to_pdf(body=built["html"], title="Pack")
        print(  # noqa: T201
            f"PDF {(time.perf_counter() - start) * 1000:.0f} ms ({len(pdf) // 1024} KiB)"
        )
        raise Rollback
except Rollback:
    pass
