"""Double submissions write once, and a race never answers 500 (issue 11,
item 8). Twenty requests at the same moment, each on its own database
connection (real threads, as tests/consents/test_concurrency.py does), on
SQLite and on PostgreSQL: the service locks the row it guards and checks
before writing, so a unique constraint is never what answers the second.

SQLite takes its write lock when a transaction starts (transaction_mode
IMMEDIATE), so writers queue there whether or not a service locks a row:
without the row lock, the dose acknowledgement and onward consent tests fail
on PostgreSQL only. The consent decision tests fail on both without the
check for the same decision."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from agencies.models import OnwardConsent
from agencies.services import onward_consent_record
from consents.models import ConsentEvent, Decision, DoseAcknowledgement, Method
from consents.services import consent_decide, dose_acknowledge
from nursery.errors import DomainError
from tests.agencies.factories import ThirdPartyInformationFactory
from tests.consents.factories import (
    MedicationDoseFactory,
    MedicationPermissionFactory,
    purpose,
)
from tests.families.factories import ReviewFactory
from tests.transitions.factories import SchoolFactory, TransferFactory
from transitions.models import Move, Transfer
from transitions.services import move_plan, transfer_mark_received

TIMES = 20


def at_once(job, times=TIMES):
    """Run `job` in `times` threads released together; return what each
    raised (None when it succeeded)."""
    barrier = threading.Barrier(times)
    outcomes = [None] * times

    def run(index):
        try:
            barrier.wait(timeout=20)
            job()
        except Exception as exc:  # reported to the test
            outcomes[index] = exc
        finally:
            raw = connection.connection
            connection.close()
            if raw is not None and connection.vendor == "sqlite":
                raw.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


def unexpected(outcomes, allowed=()):
    """Anything raised that is not a refusal the person is shown."""
    return [o for o in outcomes if o is not None and not isinstance(o, allowed)]


pytestmark = pytest.mark.django_db(transaction=True)


def test_twenty_identical_given_decisions_write_one_ledger_row(cast):
    photographs = purpose("photographs")
    outcomes = at_once(
        lambda: consent_decide(
            child=cast.child_a,
            consent_type=photographs,
            decision=Decision.GIVEN,
            decided_by=cast.parent_a,
            recorded_by=cast.parent_a,
            method=Method.ONLINE,
            confirmed_parental_responsibility=True,
        )
    )
    assert unexpected(outcomes) == []
    rows = ConsentEvent.objects.filter(child=cast.child_a, consent_type=photographs)
    assert rows.count() == 1
    assert rows.get().decision == Decision.GIVEN


def test_a_consent_form_posted_twice_records_once(cast, client_for):
    outings = purpose("outings")
    client = client_for(cast.parent_a)
    url = reverse("consents:decide", kwargs={"pk": cast.child_a.pk, "type_pk": outings.pk})
    for _ in range(2):
        response = client.post(url, {"decision": Decision.GIVEN, "confirm": "on"})
        assert response.status_code == 302
    assert ConsentEvent.objects.filter(child=cast.child_a, consent_type=outings).count() == 1


def test_twenty_dose_acknowledgements_at_once_record_one_for_each_home_and_never_fail(cast):
    """Both homes of the child at once, ten clicks each: one acknowledgement
    for each home."""
    permission = MedicationPermissionFactory(child=cast.child_a, given_by=cast.parent_a)
    dose = MedicationDoseFactory(
        permission=permission, given_by=cast.key_person, witnessed_by=cast.manager
    )
    adults = iter([cast.parent_a, cast.parent_a_home2] * (TIMES // 2))
    lock = threading.Lock()

    def acknowledge():
        with lock:
            adult = next(adults)
        dose_acknowledge(dose=dose, by=adult)

    outcomes = at_once(acknowledge)
    assert unexpected(outcomes) == []
    rows = DoseAcknowledgement.objects.filter(dose=dose).order_by("household")
    assert [(a.household, a.acknowledged_by_id) for a in rows] == [
        (1, cast.parent_a.pk),
        (2, cast.parent_a_home2.pk),
    ]


def test_twenty_onward_consents_at_once_record_one_and_never_fail(cast):
    item = ThirdPartyInformationFactory(child=cast.child_a, recorded_by=cast.key_person)
    outcomes = at_once(
        lambda: onward_consent_record(
            item=item,
            recipient=OnwardConsent.PARENTS,
            given_by="Jo Health",
            given_on=timezone.localdate(),
            by=cast.key_person,
        )
    )
    assert unexpected(outcomes) == []
    assert OnwardConsent.objects.filter(item=item).count() == 1


def test_twenty_moves_to_school_at_once_make_one_and_refuse_the_rest(cast):
    school = SchoolFactory()
    outcomes = at_once(
        lambda: move_plan(
            child=cast.child_a,
            by=cast.key_person,
            fields={"school": school, "starts_on": timezone.localdate() + timedelta(days=90)},
        )
    )
    assert unexpected(outcomes, allowed=(DomainError,)) == []
    assert sum(o is None for o in outcomes) == 1
    assert Move.objects.filter(child=cast.child_a).count() == 1


def test_twenty_receipts_at_once_record_the_first_and_refuse_the_rest(cast):
    transfer = TransferFactory(child=cast.child_a, prepared_by=cast.key_person, sent=True)
    names = iter(range(TIMES))
    lock = threading.Lock()

    def receive():
        with lock:
            n = next(names)
        transfer_mark_received(
            transfer=transfer,
            by=cast.key_person,
            received_on=timezone.localdate(),
            received_by=f"Receiver {n}",
        )

    outcomes = at_once(receive)
    assert unexpected(outcomes, allowed=(DomainError,)) == []
    assert sum(o is None for o in outcomes) == 1
    transfer = Transfer.objects.get(pk=transfer.pk)
    assert transfer.received_by.startswith("Receiver ")


def test_twenty_sign_offs_at_once_sign_once(cast):
    from families.services import check_sign_off

    check = ReviewFactory(child=cast.child_a, kind="two_year")
    outcomes = at_once(lambda: check_sign_off(review=check, by=cast.parent_a))
    assert unexpected(outcomes) == []
    check.refresh_from_db()
    assert check.signed_off_by == cast.parent_a
    signed = check.history.filter(signed_off_at__isnull=False)
    assert len({h.signed_off_at for h in signed}) == 1


# A form page carries a one-time token: sent twice, it records once.


@pytest.mark.django_db
def test_a_message_form_sent_twice_records_one_message(cast, client_for):
    import re

    from families.models import ParentNotice

    client = client_for(cast.parent_a)
    url = reverse("families:notice_create", args=[cast.child_a.pk])
    page = client.get(url).content.decode()
    token = re.search(r'name="_once" value="([0-9a-f]{32})"', page).group(1)
    data = {
        "kind": "absence",
        "starts_on": timezone.localdate().isoformat(),
        "ends_on": timezone.localdate().isoformat(),
        "message": "Off sick today.",
        "_once": token,
    }
    first = client.post(url, data)
    second = client.post(url, data, follow=True)
    assert first.status_code == 302
    assert second.status_code == 200
    assert "already sent" in second.content.decode()
    assert second.redirect_chain[0][0] == first["Location"]
    assert ParentNotice.objects.filter(child=cast.child_a).count() == 1
    # A new page gives a new token, so a second message can be sent on purpose.
    page = client.get(url).content.decode()
    data["_once"] = re.search(r'name="_once" value="([0-9a-f]{32})"', page).group(1)
    client.post(url, data)
    assert ParentNotice.objects.filter(child=cast.child_a).count() == 2


ONCE_INPUT = '<input type="hidden" name="_once" value="{{ once_token }}">'


def test_every_form_the_portal_posts_carries_a_one_time_token(settings):
    """Not only the form pages: a button form on a list (withdraw a consent,
    I have read this, sign off) is tapped twice on a phone as easily. Each
    CSRF token in the templates is followed by the one-time token, so that a
    second tap is told it was recorded once, whatever the form."""
    import re
    from pathlib import Path

    missing = []
    for path in sorted(Path(settings.BASE_DIR, "templates").rglob("*.html")):
        text = path.read_text()
        for match in re.finditer(r"\{% csrf_token %\}", text):
            if not text.startswith(ONCE_INPUT, match.end()):
                missing.append(f"{path.name}:{text.count(chr(10), 0, match.start()) + 1}")
        for form in re.finditer(r'<form[^>]*method="post".*?</form>', text, re.S | re.I):
            if "{% csrf_token %}" not in form.group(0):
                missing.append(f"{path.name}: a form without its tokens")
    assert missing == []


@pytest.mark.django_db
def test_a_withdrawal_tapped_twice_is_recorded_once_and_the_parent_is_told(cast, client_for):
    import re

    from tests.consents.factories import ConsentEventFactory

    ConsentEventFactory(child=cast.child_a, decided_by=cast.parent_a)
    client = client_for(cast.parent_a)
    page = client.get(reverse("consents:child_consents", args=[cast.child_a.pk])).text
    form = re.search(r'<form method="post" action="([^"]+/withdraw/)">.*?</form>', page, re.S)
    token = re.search(r'name="_once" value="([0-9a-f]{32})"', form.group(0)).group(1)
    first = client.post(form.group(1), {"_once": token}, follow=True)
    assert "withdrawn from now" in first.text
    second = client.post(form.group(1), {"_once": token}, follow=True)
    assert "This form was already sent. It was recorded once." in second.text
    assert ConsentEvent.objects.filter(child=cast.child_a).count() == 2  # given, withdrawn


@pytest.mark.django_db
def test_a_refused_first_post_gives_its_token_back(cast, client_for):
    """Nothing was recorded the first time (no consent in force to
    withdraw): sent again, the form is refused again for its own reason,
    never told that it "was recorded once"."""
    from nursery.models import FormSubmission

    client = client_for(cast.parent_a)
    url = reverse("consents:withdraw", args=[cast.child_a.pk, purpose("photographs").pk])
    token = {"_once": "b" * 32}
    for _ in range(2):
        response = client.post(url, token, follow=True)
        assert "There is no consent in force to withdraw." in response.text
        assert "already sent" not in response.text
    assert not FormSubmission.objects.filter(token="b" * 32).exists()
    assert not ConsentEvent.objects.exists()


@pytest.mark.django_db
def test_a_form_shown_again_with_its_errors_gives_its_token_back(cast, client_for):
    from families.models import ParentNotice

    client = client_for(cast.parent_a)
    url = reverse("families:notice_create", args=[cast.child_a.pk])
    data = {"kind": "absence", "message": "Off sick today.", "_once": "c" * 32}
    assert client.post(url, data).status_code == 200  # no dates: shown again
    data |= {"starts_on": timezone.localdate().isoformat()}
    data |= {"ends_on": timezone.localdate().isoformat()}
    assert client.post(url, data).status_code == 302
    assert ParentNotice.objects.filter(child=cast.child_a).count() == 1


def test_twenty_posts_of_one_form_at_once_record_one_meeting_request(cast):
    from django.test import Client

    from families.models import MeetingRequest

    url = reverse("families:meeting_request", args=[cast.child_a.pk])
    data = {"preferred_time": "Friday", "about": "Settling in", "_once": "a" * 32}
    statuses = []
    clients = []
    for _ in range(8):
        client = Client()
        client.force_login(cast.parent_a, backend="nursery.auth.AccountBackend")
        clients.append(client)
    lock = threading.Lock()

    def post():
        with lock:
            client = clients.pop()
        statuses.append(client.post(url, data).status_code)

    outcomes = at_once(post, times=8)
    assert unexpected(outcomes) == []
    assert 500 not in statuses
    assert 302 in statuses
    if connection.vendor == "postgresql":
        # (SQLite's shared test database may refuse a session write under
        # this load, which Django answers 400; PostgreSQL does not.)
        assert set(statuses) == {302}
    assert MeetingRequest.objects.filter(child=cast.child_a).count() == 1


@pytest.mark.django_db
def test_a_status_end_refused_for_its_date_gives_its_token_back(cast, client_for):
    """A button form refused for what was typed (no date): sent again with
    the same token, it is refused again for its own reason, and then, with
    a date, recorded."""
    from nursery.models import FormSubmission
    from safeguarding.models import SafeguardingStatus
    from tests.safeguarding.factories import StatusFactory

    status = StatusFactory(
        child=cast.child_a, recorded_by=cast.dsl, started_on=timezone.localdate() - timedelta(30)
    )
    client = client_for(cast.dsl)
    url = reverse("safeguarding:status_end", args=[status.pk])
    for _ in range(2):
        response = client.post(url, {"ended_on": "", "_once": "d" * 32}, follow=True)
        assert "Give the date the status ended. Nothing was changed." in response.text
        assert "already sent" not in response.text
    assert not FormSubmission.objects.filter(token="d" * 32).exists()
    ended = {"ended_on": timezone.localdate().isoformat(), "_once": "d" * 32}
    assert "The status was ended." in client.post(url, ended, follow=True).text
    assert SafeguardingStatus.objects.get(pk=status.pk).ended_on == timezone.localdate()


def test_views_refuse_through_one_helper(settings):
    """A view that refuses a request shows its message through
    nursery.errors.refuse (or form_refused), which gives the form's one-time
    token back; a message and a redirect of the view's own would leave the
    token claimed, and the same form sent again would be told it "was
    recorded once". The login's own adapter (no one-time token before a
    login) is the one place that shows an error message itself."""
    import re
    from pathlib import Path

    base = Path(settings.BASE_DIR)
    allowed = {base / "nursery" / "auth.py", base / "nursery" / "errors.py"}
    found = []
    for path in sorted(base.glob("*/**/*.py")):
        if path.parts[len(base.parts)] in {".venv", ".tools", "tests"} or path in allowed:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if re.search(r"messages\.(error|add_message)\(", line) and "def " not in line:
                found.append(f"{path.relative_to(base)}:{number}")
    assert found == []
