"""Recording decisions, information and visits: good input is saved and
audited; bad input is refused on the field and saves nothing."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from agencies.models import (
    ConsentToShare,
    OnwardConsent,
    SharingDecision,
    Signpost,
    SupervisedVisit,
    ThirdPartyInformation,
)
from nursery.models import AuditEvent
from tests.agencies.factories import AgencyFactory, OnwardConsentFactory
from tests.utils import database_fingerprint


def local(dt):
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def agency(db):
    return AgencyFactory(name="Newtown Speech and Language Service")


def share(cast, agency, **changes):
    data = {
        "shared": "yes",
        "agency": str(agency.pk),
        "agency_contact": "Jo Health, health visitor",
        "information": "Observations of speech",
        "purpose": "Referral for assessment",
        "consent": ConsentToShare.GIVEN,
        "decided_by": str(cast.key_person.pk),
        "decided_on": timezone.localdate().isoformat(),
        "method": "secure_email",
    }
    data.update(changes)
    return data


def visit(cast, agency, **changes):
    now = timezone.now()
    data = {
        "agency": str(agency.pk),
        "visitor_name": "Val Visitor",
        "visitor_role": "Speech and language therapist",
        "identity_checked": "on",
        "identity_evidence": "NHS badge seen",
        "purpose": "Observe at play",
        "arrived_at": local(now - timedelta(hours=2)),
        "left_at": local(now - timedelta(hours=1)),
        "supervised_by": str(cast.key_person.pk),
        "supervised_throughout": "on",
        "notes": "Went well",
    }
    data.update(changes)
    return data


def post(client, name, cast, data):
    return client.post(reverse(name, kwargs={"child_pk": cast.child_a.pk}), data)


def assert_refused_on_field(response, field, before):
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert "Nothing was saved" in response.content.decode()
    assert database_fingerprint() == before


def test_key_person_records_a_share_with_consent(cast, agency, client_for):
    response = post(
        client_for(cast.key_person), "agencies:sharing_create", cast, share(cast, agency)
    )
    decision = SharingDecision.objects.get()
    assert response.status_code == 302
    assert response["Location"] == decision.get_absolute_url()
    assert decision.child == cast.child_a
    assert decision.recorded_by == cast.key_person
    assert AuditEvent.objects.filter(
        action="agencies.sharing.recorded", object_id=decision.pk
    ).exists()


def test_share_without_consent_and_without_a_reason_is_refused(cast, agency, client_for):
    client = client_for(cast.key_person)
    before = database_fingerprint()
    for consent in (ConsentToShare.NOT_SOUGHT, ConsentToShare.REFUSED):
        response = post(
            client, "agencies:sharing_create", cast, share(cast, agency, consent=consent)
        )
        assert_refused_on_field(response, "reason_without_consent", before)
        assert "protects the child" in response.content.decode()


def test_share_without_consent_with_the_reason_is_recorded(cast, agency, client_for):
    data = share(
        cast,
        agency,
        consent=ConsentToShare.NOT_SOUGHT,
        reason_without_consent="Seeking consent would put the child at risk of harm.",
    )
    response = post(client_for(cast.dsl), "agencies:sharing_create", cast, data)
    assert response.status_code == 302
    assert SharingDecision.objects.get().without_consent


def test_a_decision_not_to_share_is_recorded_without_a_method(cast, agency, client_for):
    data = share(cast, agency, shared="no", consent=ConsentToShare.REFUSED, method="")
    response = post(client_for(cast.key_person), "agencies:sharing_create", cast, data)
    assert response.status_code == 302
    decision = SharingDecision.objects.get()
    assert not decision.shared
    assert not decision.without_consent


def test_a_share_must_say_how_it_was_sent_and_not_be_dated_in_the_future(cast, agency, client_for):
    client = client_for(cast.key_person)
    before = database_fingerprint()
    response = post(client, "agencies:sharing_create", cast, share(cast, agency, method=""))
    assert_refused_on_field(response, "method", before)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = post(
        client, "agencies:sharing_create", cast, share(cast, agency, decided_on=tomorrow)
    )
    assert_refused_on_field(response, "decided_on", before)


def test_dsl_records_a_supervised_visit(cast, agency, client_for):
    response = post(client_for(cast.dsl), "agencies:visit_create", cast, visit(cast, agency))
    saved = SupervisedVisit.objects.get()
    assert response["Location"] == saved.get_absolute_url()
    assert saved.supervised_by == cast.key_person
    assert saved.left_at > saved.arrived_at


def test_visit_leaving_before_arriving_is_refused(cast, agency, client_for):
    now = timezone.now()
    data = visit(
        cast,
        agency,
        arrived_at=local(now - timedelta(hours=1)),
        left_at=local(now - timedelta(hours=2)),
    )
    client = client_for(cast.dsl)
    before = database_fingerprint()
    response = post(client, "agencies:visit_create", cast, data)
    assert_refused_on_field(response, "left_at", before)
    assert "The departure must be after the arrival." in response.content.decode()


def test_visit_with_no_supervisor_is_refused(cast, agency, client_for):
    client = client_for(cast.dsl)
    before = database_fingerprint()
    response = post(client, "agencies:visit_create", cast, visit(cast, agency, supervised_by=""))
    assert_refused_on_field(response, "supervised_by", before)
    assert "without the member of staff who supervised it" in response.content.decode()


def test_visit_not_supervised_throughout_needs_the_lapse_described(cast, agency, client_for):
    data = visit(cast, agency)
    del data["supervised_throughout"]
    client = client_for(cast.dsl)
    before = database_fingerprint()
    response = post(client, "agencies:visit_create", cast, data)
    assert_refused_on_field(response, "lapse_detail", before)


def test_visit_whose_supervision_lapsed_is_recorded_with_the_lapse(cast, agency, client_for):
    data = visit(cast, agency, lapse_detail="Kim left the room for five minutes to fetch a toy.")
    del data["supervised_throughout"]
    response = post(client_for(cast.dsl), "agencies:visit_create", cast, data)
    assert response.status_code == 302
    saved = SupervisedVisit.objects.get()
    assert saved.supervision_lapsed
    assert "five minutes" in saved.lapse_detail
    assert saved.lapse_reviewed_at is None


def test_visit_supervised_throughout_keeps_no_lapse(cast, agency, client_for):
    data = visit(cast, agency, lapse_detail="typed by mistake")
    post(client_for(cast.dsl), "agencies:visit_create", cast, data)
    saved = SupervisedVisit.objects.get()
    assert not saved.supervision_lapsed
    assert saved.lapse_detail == ""


def test_visit_without_identity_check_or_in_the_future_is_refused(cast, agency, client_for):
    client = client_for(cast.dsl)
    before = database_fingerprint()
    data = visit(cast, agency)
    del data["identity_checked"]
    assert_refused_on_field(
        post(client, "agencies:visit_create", cast, data), "identity_checked", before
    )
    soon = timezone.now() + timedelta(hours=2)
    data = visit(cast, agency, arrived_at=local(soon), left_at=local(soon + timedelta(hours=1)))
    assert_refused_on_field(post(client, "agencies:visit_create", cast, data), "arrived_at", before)


@pytest.mark.parametrize("value", ["not a date", "2026-13-45T99:99", ""])
def test_visit_with_nonsense_times_is_refused_not_an_error(value, cast, agency, client_for):
    client = client_for(cast.dsl)
    before = database_fingerprint()
    response = post(client, "agencies:visit_create", cast, visit(cast, agency, left_at=value))
    assert_refused_on_field(response, "left_at", before)


def test_third_party_information_received_in_a_year_typed_wrong_is_refused(
    cast, agency, client_for
):
    client = client_for(cast.dsl)
    far = {
        "agency": str(agency.pk),
        "given_by": "Jo Health, health visitor",
        "received_on": "1900-01-01",
        "title": "Hearing test",
        "content": "Results of the hearing test.",
    }
    response = post(client, "agencies:third_party_create", cast, far)
    assert response.status_code == 200
    assert "cannot be before the child was born" in response.content.decode()
    assert not ThirdPartyInformation.objects.exists()


def test_dsl_records_third_party_information_then_the_agencys_consent(cast, agency, client_for):
    client = client_for(cast.dsl)
    response = post(
        client,
        "agencies:third_party_create",
        cast,
        {
            "agency": str(agency.pk),
            "given_by": "Jo Health, health visitor",
            "received_on": timezone.localdate().isoformat(),
            "title": "Hearing test",
            "content": "Results of the hearing test.",
        },
    )
    item = ThirdPartyInformation.objects.get()
    assert response["Location"] == item.get_absolute_url()
    other = AgencyFactory(name="Newtown Children's Social Care")
    response = client.post(
        item.get_absolute_url(),
        {
            "recipient": f"agencies.agency:{other.pk}",
            "given_by": "Jo Health",
            "given_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    consent = OnwardConsent.objects.get()
    assert consent.recipient == other
    assert consent.recipient_label == other.name


@pytest.mark.parametrize("recipient", ["agencies.agency:999999", "auth.user:1", "nobody", ""])
def test_consent_for_an_unknown_recipient_is_refused(recipient, cast, records, client_for):
    client = client_for(cast.dsl)
    before = database_fingerprint()
    response = client.post(
        records.item.get_absolute_url(),
        {"recipient": recipient, "given_by": "Jo", "given_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 200
    assert "recipient" in response.context["form"].errors
    assert database_fingerprint() == before


def test_withdrawing_a_consent_keeps_it_on_record(cast, records, client_for):
    consent = OnwardConsentFactory(item=records.item)
    response = client_for(cast.key_person).post(
        reverse("agencies:consent_withdraw", kwargs={"pk": consent.pk})
    )
    assert response["Location"] == records.item.get_absolute_url()
    consent.refresh_from_db()
    assert consent.withdrawn_on == timezone.localdate()
    assert consent.withdrawn_by == cast.key_person


def test_key_person_signposts_the_family(cast, agency, client_for):
    response = post(
        client_for(cast.key_person),
        "agencies:signpost_create",
        cast,
        {
            "agency": str(agency.pk),
            "signposted_on": timezone.localdate().isoformat(),
            "given_to": str(cast.parent_a.pk),
            "given_to_family": "Leaflet and phone number",
            "reason": "Mum asked about speech",
        },
    )
    assert response["Location"] == cast.child_a.get_absolute_url()
    signpost = Signpost.objects.get()
    assert signpost.signposted_by == cast.key_person
    assert signpost.given_to == cast.parent_a


def test_agencies_not_listed_for_families_cannot_be_signposted(cast, client_for):
    hidden = AgencyFactory(listed_for_families=False)
    client = client_for(cast.key_person)
    before = database_fingerprint()
    response = post(
        client,
        "agencies:signpost_create",
        cast,
        {
            "agency": str(hidden.pk),
            "signposted_on": timezone.localdate().isoformat(),
            "given_to": str(cast.parent_a.pk),
            "given_to_family": "Leaflet",
            "reason": "x",
        },
    )
    assert_refused_on_field(response, "agency", before)


def test_a_correction_is_a_new_entry_pointing_at_the_old_one(cast, records, client_for):
    client = client_for(cast.key_person)
    url = reverse("agencies:sharing_create", kwargs={"child_pk": cast.child_a.pk})
    response = client.get(url, {"corrects": records.decision.pk})
    assert response.context["form"].initial["information"] == records.decision.information
    data = share(cast, records.agency, information="Corrected: speech and hearing")
    response = client.post(f"{url}?corrects={records.decision.pk}", data)
    correction = SharingDecision.objects.exclude(pk=records.decision.pk).get()
    assert correction.corrects == records.decision
    records.decision.refresh_from_db()
    assert records.decision.information == "Restricted: speech concerns shared"
    html = client.get(records.decision.get_absolute_url()).content.decode()
    assert correction.get_absolute_url() in html


def test_a_correction_of_another_childs_entry_is_not_found(cast, records, client_for):
    from tests.agencies.factories import SharingDecisionFactory

    other = SharingDecisionFactory(child=cast.child_b, decided_by=cast.practitioner)
    url = reverse("agencies:sharing_create", kwargs={"child_pk": cast.child_a.pk})
    assert client_for(cast.dsl).get(url, {"corrects": other.pk}).status_code == 404
    # The key person of child A cannot reach child B's log at all.
    assert client_for(cast.key_person).get(url, {"corrects": other.pk}).status_code == 404
