"""Time the transfer pack for a child with two years of real records.

Run after `manage.py demo`:

    DEBUG=true .venv/bin/python manage.py shell < scripts/bench_transfer_pack.py

Inside a transaction that is rolled back at the end, it gives one demo child
two years of records as the apps keep them (a key-person meeting every week,
a progress review every term, consent decisions, third-party information the
agency agreed to pass to the school), prepares an unsent pack with every
section, then renders the pack's HTML and its PDF a few times.
"""

import time
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from agencies.services import onward_consent_record
from nursery.registry import gather_child_records
from tests.agencies.factories import ThirdPartyInformationFactory
from tests.families.factories import MeetingFactory, ReviewFactory
from transitions.models import Transfer
from transitions.services import html_to_pdf, render_pack


class Rollback(Exception):
    pass


try:
    with transaction.atomic():
        transfer = Transfer.objects.filter(sent_on__isnull=True).select_related("child").first()
        child, school = transfer.child, transfer.school
        today = timezone.localdate()
        for week in range(104):
            MeetingFactory(
                child=child,
                held_on=today - timedelta(weeks=week),
                discussion="What we saw this week and the next steps we agreed. " * 6,
            )
        for term in range(8):
            ReviewFactory(child=child, reviewed_on=today - timedelta(days=91 * term + 1))
        for n in range(6):
            item = ThirdPartyInformationFactory(child=child, title=f"Report {n}")
            onward_consent_record(
                item=item,
                recipient=school,
                given_by="Agency",
                given_on=today,
                by=transfer.prepared_by,
            )
        transfer.sections = [s["key"] for s in gather_child_records(child=child, recipient=school)]
        html_to_pdf(body=render_pack(transfer=transfer), title="warm-up")
        for _ in range(3):
            start = time.perf_counter()
            body = render_pack(transfer=transfer)
            html_ms = (time.perf_counter() - start) * 1000
            pdf = html_to_pdf(body=body, title="Pack")
            total_ms = (time.perf_counter() - start) * 1000
            print(  # noqa: T201  (a script that reports)
                f"HTML {html_ms:.0f} ms ({len(body) // 1024} KiB); "
                f"HTML+PDF {total_ms:.0f} ms ({len(pdf) // 1024} KiB)"
            )
        raise Rollback
except Rollback:
    pass
