"""Referrals (written once into the information-sharing log) and each
child's safeguarding status."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from agencies.models import SharingDecision
from nursery.errors import DomainError
from nursery.models import AuditEvent
from safeguarding import services
from safeguarding.models import Referral, SafeguardingStatus, StatusKind
from tests.agencies.factories import AgencyFactory
from tests.safeguarding.factories import ConcernFactory, ReferralFactory, StatusFactory


@pytest.fixture
def concern(cast):
    return ConcernFactory(child=cast.child_a, recorded_by=cast.practitioner)


@pytest.fixture
def social_care(db):
    return AgencyFactory(name="Newtown Children's Social Care", kind="social_care")


def referral_form(agency, **overrides):
    data = {
        "agency": str(agency.pk),
        "contact": "Sam Duty, duty social worker",
        "reference": "CSC-77",
        "made_on": timezone.localdate().isoformat(),
        "method": "phone",
        "information": "SHARED-ONCE: the marks seen and the child's words",
        "consent": "not_sought",
        "reason_without_consent": "Asking could put the child at risk.",
    }
    data.update(overrides)
    return data


def test_a_referral_writes_what_was_shared_into_the_sharing_log_once(
    cast, client_for, concern, social_care
):
    client = client_for(cast.dsl)
    response = client.post(
        reverse("safeguarding:referral_create", args=[concern.pk]), referral_form(social_care)
    )
    referral = Referral.objects.get()
    assert response["Location"] == referral.get_absolute_url()
    sharing = SharingDecision.objects.get()
    assert referral.sharing == sharing
    assert (sharing.child, sharing.agency, sharing.shared) == (cast.child_a, social_care, True)
    assert sharing.information == "SHARED-ONCE: the marks seen and the child's words"
    assert sharing.agency_contact == "Sam Duty, duty social worker"
    assert sharing.recorded_by == cast.dsl
    # The log shows it; the referral shows the log's entry, not a copy.
    log = client.get(reverse("agencies:child_records", args=[cast.child_a.pk])).content.decode()
    assert sharing.get_absolute_url() in log
    page = client.get(referral.get_absolute_url()).content.decode()
    assert "SHARED-ONCE" in page and "CSC-77" in page
    assert not hasattr(Referral, "information")
    codes = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"agencies.sharing.recorded", "safeguarding.referral.recorded"} <= codes


def test_a_referral_without_consent_needs_the_reason_and_saves_nothing_without_it(
    cast, client_for, concern, social_care
):
    response = client_for(cast.dsl).post(
        reverse("safeguarding:referral_create", args=[concern.pk]),
        referral_form(social_care, reason_without_consent=""),
    )
    assert response.status_code == 200
    assert "needs the reason" in response.content.decode()
    assert not Referral.objects.exists()
    assert not SharingDecision.objects.exists()


def test_a_referral_dated_in_the_future_is_refused(cast, client_for, concern, social_care):
    later = (timezone.localdate() + timedelta(days=2)).isoformat()
    response = client_for(cast.dsl).post(
        reverse("safeguarding:referral_create", args=[concern.pk]),
        referral_form(social_care, made_on=later),
    )
    assert response.status_code == 200
    assert not SharingDecision.objects.exists()


def test_the_outcome_is_recorded_once_and_the_referral_stops_waiting(cast, client_for, concern):
    referral = ReferralFactory(concern=concern, made_by=cast.dsl, reference="")
    client = client_for(cast.dsl)
    assert "1 referral awaiting an outcome" in client.get(reverse("home")).content.decode()
    response = client.post(
        referral.get_absolute_url(),
        {"outcome": "Strategy discussion; no further action", "outcome_on": "", "reference": ""},
    )
    assert response.status_code == 200, "a missing date is refused on the form"
    today = timezone.localdate().isoformat()
    response = client.post(
        referral.get_absolute_url(),
        {"outcome": "Strategy discussion held", "outcome_on": today, "reference": "CSC-9"},
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert (referral.outcome_on, referral.reference) == (timezone.localdate(), "CSC-9")
    assert not Referral.objects.awaiting_outcome().exists()
    with pytest.raises(DomainError, match="already recorded"):
        services.referral_outcome_record(
            referral=referral, by=cast.dsl, outcome="again", outcome_on=timezone.localdate()
        )
    referral.refresh_from_db()
    assert referral.outcome == "Strategy discussion held"
    assert "0 referrals awaiting an outcome" in client.get(reverse("home")).content.decode()


def test_the_key_person_reads_a_referral_but_cannot_record_its_outcome(cast, client_for, concern):
    referral = ReferralFactory(concern=concern, made_by=cast.dsl)
    client = client_for(cast.key_person)
    assert client.get(referral.get_absolute_url()).status_code == 200
    today = timezone.localdate().isoformat()
    response = client.post(referral.get_absolute_url(), {"outcome": "x", "outcome_on": today})
    assert response.status_code == 403
    referral.refresh_from_db()
    assert referral.outcome_on is None


def test_the_dsl_keeps_a_status_with_dates_and_lists_children_with_one(cast, client_for):
    client = client_for(cast.dsl)
    start = (timezone.localdate() - timedelta(days=10)).isoformat()
    response = client.post(
        reverse("safeguarding:status_create", args=[cast.child_a.pk]),
        {"kind": "cp_plan", "started_on": start, "notes": "Core group every six weeks"},
    )
    assert response.status_code == 302
    status = SafeguardingStatus.objects.get()
    assert (status.kind, status.ended_on) == (StatusKind.CP_PLAN, None)
    StatusFactory(
        child=cast.child_b,
        kind=StatusKind.EARLY_HELP,
        started_on=timezone.localdate() - timedelta(days=100),
        ended_on=timezone.localdate() - timedelta(days=50),
    )
    home = client.get(reverse("home")).content.decode()
    assert "1 child with a safeguarding status" in home
    page = client.get(reverse("safeguarding:status_children")).content.decode()
    assert cast.child_a.display_name in page
    assert cast.child_b.display_name not in page, "an ended status is not current"
    response = client.post(
        reverse("safeguarding:status_end", args=[status.pk]),
        {"ended_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    status.refresh_from_db()
    assert (status.ended_on, status.ended_by) == (timezone.localdate(), cast.dsl)


def test_a_status_ending_before_it_starts_is_refused(cast, client_for):
    response = client_for(cast.dsl).post(
        reverse("safeguarding:status_create", args=[cast.child_a.pk]),
        {"kind": "child_in_need", "started_on": "2026-05-10", "ended_on": "2026-05-01"},
    )
    assert response.status_code == 200
    assert "cannot come before the start" in response.content.decode()
    assert not SafeguardingStatus.objects.exists()
    status = StatusFactory(child=cast.child_a, started_on=timezone.localdate())
    response = client_for(cast.dsl).post(
        reverse("safeguarding:status_end", args=[status.pk]), {"ended_on": "2001-01-01"}
    )
    status.refresh_from_db()
    assert status.ended_on is None


def test_a_status_end_with_a_bad_date_changes_nothing(cast, client_for):
    status = StatusFactory(child=cast.child_a)
    response = client_for(cast.dsl).post(
        reverse("safeguarding:status_end", args=[status.pk]), {"ended_on": "not a date"}
    )
    assert response.status_code == 302
    status.refresh_from_db()
    assert status.ended_on is None


def test_a_referral_about_an_allegation_stays_out_of_the_key_persons_sharing_log(cast, client_for):
    """The key person reads the child's sharing log, but the entry a LADO
    referral made is seen as the allegation is: never by the person it is
    about, nor by the key person."""
    allegation = ConcernFactory(
        child=cast.child_a, recorded_by=cast.practitioner, about_staff=cast.key_person
    )
    lado = AgencyFactory(name="Local Authority Designated Officer")
    referral = services.referral_record(
        concern=allegation,
        by=cast.dsl,
        agency=lado,
        contact="LADO duty officer",
        made_on=timezone.localdate(),
        information="LADO-SHARED",
        consent="not_sought",
        reason_without_consent="An allegation about staff.",
        method="phone",
    )
    assert referral.sharing.allegation_about == cast.key_person
    records = reverse("agencies:child_records", args=[cast.child_a.pk])
    chronology = reverse("safeguarding:chronology", args=[cast.child_a.pk])
    for url in (records, chronology):
        assert "Local Authority Designated Officer" not in (
            client_for(cast.key_person).get(url).content.decode()
        )
        assert "Local Authority Designated Officer" in (
            client_for(cast.dsl).get(url).content.decode()
        )
    entry = referral.sharing.get_absolute_url()
    assert client_for(cast.key_person).get(entry).status_code == 404
    assert client_for(cast.manager).get(entry).status_code == 200


def test_a_reading_of_the_sharing_entry_of_an_allegation_about_the_dsl_stays_out_of_their_audit(
    cast, client_for
):
    """The manager reads the sharing-log entry a LADO referral about the DSL
    wrote: the DSL's list of who read what never shows that reading."""
    allegation = ConcernFactory(
        child=cast.child_a, recorded_by=cast.practitioner, about_staff=cast.dsl
    )
    referral = services.referral_record(
        concern=allegation,
        by=cast.manager,
        agency=AgencyFactory(name="Local Authority Designated Officer"),
        contact="LADO duty officer",
        made_on=timezone.localdate(),
        information="LADO-SHARED",
        consent="not_sought",
        reason_without_consent="An allegation about staff.",
        method="phone",
    )
    assert client_for(cast.manager).get(referral.sharing.get_absolute_url()).status_code == 200
    audit = reverse("safeguarding:audit")
    assert (
        "Local Authority Designated Officer" in client_for(cast.manager).get(audit).content.decode()
    )
    assert "Local Authority Designated Officer" not in (
        client_for(cast.dsl).get(audit).content.decode()
    )


def test_a_status_that_has_ended_is_not_ended_again(cast, client_for):
    ended_on = timezone.localdate() - timedelta(days=3)
    status = StatusFactory(child=cast.child_a, ended_on=ended_on)
    response = client_for(cast.dsl).post(
        reverse("safeguarding:status_end", args=[status.pk]),
        {"ended_on": timezone.localdate().isoformat()},
        follow=True,
    )
    assert "This status has already ended." in response.content.decode()
    status.refresh_from_db()
    assert status.ended_on == ended_on
