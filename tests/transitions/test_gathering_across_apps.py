"""The transfer pack and the leaver's bundle, with every app's records in
them: what each recipient gets, and what never leaves the setting."""

import pytest
from django.utils import timezone

from agencies.services import onward_consent_record
from nursery.registry import gather_child_records
from tests.agencies.factories import SharingDecisionFactory, ThirdPartyInformationFactory
from tests.consents.factories import ConsentEventFactory
from tests.families.factories import CPTaskFactory, MeetingFactory
from tests.transitions.factories import SchoolFactory, TransferFactory
from transitions.services import render_bundle, render_pack

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(cast):
    child = cast.child_a
    MeetingFactory(child=child)
    CPTaskFactory(child=child)
    ConsentEventFactory(child=child, decided_by=cast.parent_a)
    SharingDecisionFactory(child=child)
    school = SchoolFactory(name="Riverside Primary")
    other_school = SchoolFactory(name="Hilltop Primary")
    for title, recipient in [
        ("TP-FOR-SCHOOL", school),
        ("TP-FOR-OTHER-SCHOOL", other_school),
        ("TP-FOR-PARENTS", "parents"),
    ]:
        item = ThirdPartyInformationFactory(child=child, title=title)
        onward_consent_record(
            item=item,
            recipient=recipient,
            given_by="Jo Health",
            given_on=timezone.localdate(),
            by=cast.dsl,
        )
    ThirdPartyInformationFactory(child=child, title="TP-NO-CONSENT")
    return school


def test_the_school_pack_gathers_every_app_but_only_what_may_go_to_that_school(cast, records):
    school = records
    keys = [s["key"] for s in gather_child_records(child=cast.child_a, recipient=school)]
    transfer = TransferFactory(child=cast.child_a, school=school, sections=keys)
    html = render_pack(transfer=transfer)
    assert "two-word phrases" in html  # the meeting's shared part (families)
    assert "TP-FOR-SCHOOL" in html  # third-party information the agency agreed to (agencies)
    for never in (
        "STAFF-ONLY",
        "RESTRICTED-TASK",
        "RESTRICTED-NOTE",
        "speech concerns shared",  # the information-sharing log
        "TP-FOR-OTHER-SCHOOL",
        "TP-FOR-PARENTS",
        "TP-NO-CONSENT",
        "Consent decisions",  # consents and medication go to parents only
    ):
        assert never not in html, never


def test_the_leavers_bundle_gathers_every_app_but_what_parents_may_have(cast, records):
    html = render_bundle(child=cast.child_a, reader=cast.parent_a)
    assert "two-word phrases" in html
    assert "Consent decisions" in html
    assert "Riverside Medical Centre" in html  # practical details, once
    assert html.count("Riverside Medical Centre") == 1
    assert "TP-FOR-PARENTS" in html
    for never in (
        "STAFF-ONLY",
        "RESTRICTED-TASK",
        "speech concerns shared",
        "TP-FOR-SCHOOL",
        "TP-NO-CONSENT",
    ):
        assert never not in html, never


def test_a_practitioner_who_is_not_the_key_person_cannot_open_packs_holding_third_party_information(
    cast, records, client_for
):
    from django.urls import reverse

    school = records
    keys = [s["key"] for s in gather_child_records(child=cast.child_a, recipient=school)]
    transfer = TransferFactory(child=cast.child_a, school=school, sections=keys)
    cast.child_a.leaving_on = timezone.localdate()
    cast.child_a.save()
    client = client_for(cast.practitioner)
    for url in (
        reverse("transitions:transfer_pack", kwargs={"pk": transfer.pk}),
        reverse("transitions:leaver_records", kwargs={"child_pk": cast.child_a.pk}),
    ):
        response = client.get(url)
        assert response.status_code == 403
        assert "TP-FOR" not in response.content.decode()


def test_every_staff_reading_of_a_pack_is_audited(cast, records, client_for):
    from django.urls import reverse

    from nursery.models import AuditEvent

    transfer = TransferFactory(child=cast.child_a, school=records)
    response = client_for(cast.dsl).get(
        reverse("transitions:transfer_pack", kwargs={"pk": transfer.pk})
    )
    assert response.status_code == 200
    assert AuditEvent.objects.filter(
        actor=cast.dsl, action__endswith=".read", child=cast.child_a
    ).exists()


def test_staff_and_parents_read_what_a_pack_holds_by_title_never_by_key(cast, records, client_for):
    """The checkboxes of the pack and the list a parent consents to name
    each part by its title; the stored keys stay out of sight."""
    from django.urls import reverse

    from nursery.registry import record_source
    from tests.test_no_internal_names import internal_names, registry_keys, shown_text
    from tests.transitions.factories import MoveFactory

    school = records
    sections = gather_child_records(child=cast.child_a, recipient=school)
    assert {s["key"] for s in sections} >= {"families.meetings", "agencies.third_party_information"}
    move = MoveFactory(child=cast.child_a, school=school)
    prepare = client_for(cast.key_person).get(
        reverse("transitions:transfer_prepare", kwargs={"pk": move.pk})
    )
    prepare_text = shown_text(prepare.content.decode())
    transfer = TransferFactory(
        child=cast.child_a, school=school, sections=[s["key"] for s in sections]
    )
    detail = client_for(cast.parent_a).get(
        reverse("transitions:transfer_detail", kwargs={"pk": transfer.pk})
    )
    detail_text = shown_text(detail.content.decode())
    for section in sections:
        title = str(record_source.registry.get(section["key"]).title)
        # A restricted part is named only to those who may read it (not the parent).
        if section["key"] == "agencies.third_party_information":
            assert title not in detail_text
        else:
            assert title in detail_text
        if section["key"] != "transitions.summary":
            assert title in prepare_text
    assert not internal_names(prepare_text, registry_keys())
    assert not internal_names(detail_text, registry_keys())
