"""The transfer pack and the leaver's records: what they hold and never hold,
the consent needed to send, sending and receipt."""

import subprocess
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from nursery.models import AuditEvent
from tests.transitions.conftest import FAKE_KEY
from tests.transitions.factories import (
    HandoverFactory,
    MoveFactory,
    ParentViewFactory,
    SchoolFactory,
    SummaryFactory,
    TransferFactory,
)
from transitions.models import Transfer
from transitions.services import SUMMARY_SECTION, section_titles, transfer_consented

pytestmark = pytest.mark.django_db


def pdf_text(content):
    result = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True)
    return result.stdout.decode()


@pytest.fixture
def move(cast):
    move = MoveFactory(
        child=cast.child_a,
        school=SchoolFactory(name="Riverside Primary"),
        created_by=cast.key_person,
        staff_notes="STAFF-ONLY-NOTE about home",
    )
    SummaryFactory(move=move, updated_by=cast.key_person)
    ParentViewFactory(move=move, parent=cast.parent_a, views="PARENT-VIEW she loves books")
    HandoverFactory(
        child=cast.child_a, school=move.school, handed_by=cast.dsl, notes="CP-SECRET-NOTE"
    )
    return move


def make_transfer(cast, move, school=None, **kwargs):
    return TransferFactory(
        child=cast.child_a,
        school=school or move.school,
        prepared_by=cast.key_person,
        **kwargs,
    )


def test_pack_holds_summary_and_parent_view_but_no_staff_notes_or_cp_file(cast, move, client_for):
    transfer = make_transfer(cast, move)
    html = (
        client_for(cast.key_person)
        .get(reverse("transitions:transfer_pack", kwargs={"pk": transfer.pk}))
        .content.decode()
    )
    assert "Talks in full sentences about dinosaurs." in html
    assert "Likes a quiet corner after lunch." in html
    assert "PARENT-VIEW she loves books" in html
    assert "STAFF-ONLY-NOTE" not in html
    assert "CP-SECRET-NOTE" not in html
    # Practical details are for the parents' bundle, not the school's pack.
    assert "Emergency contacts" not in html

    pdf = client_for(cast.key_person).get(
        reverse("transitions:transfer_pdf", kwargs={"pk": transfer.pk})
    )
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)
    assert "Talks in full sentences about dinosaurs." in text
    assert "PARENT-VIEW she loves books" in text
    assert "STAFF-ONLY-NOTE" not in text
    assert "CP-SECRET-NOTE" not in text


def test_pack_includes_a_registered_source_only_for_the_school_it_was_agreed_for(
    cast, move, fake_source, client_for
):
    client = client_for(cast.key_person)
    agreed = make_transfer(
        cast,
        move,
        school=fake_source,
        sections=[SUMMARY_SECTION, FAKE_KEY],
    )
    other = make_transfer(cast, move, sections=[SUMMARY_SECTION, FAKE_KEY])
    agreed_pdf = pdf_text(
        client.get(reverse("transitions:transfer_pdf", kwargs={"pk": agreed.pk})).content
    )
    assert "THIRD-PARTY-AGREED-FOR-SCHOOL" in agreed_pdf
    assert "PARENTS-ONLY-MEDICATION" not in agreed_pdf
    other_html = client.get(
        reverse("transitions:transfer_pack", kwargs={"pk": other.pk})
    ).content.decode()
    assert "THIRD-PARTY-AGREED-FOR-SCHOOL" not in other_html
    assert "PARENTS-ONLY-MEDICATION" not in other_html
    assert "Talks in full sentences about dinosaurs." in other_html


def test_pack_leaves_out_a_source_the_key_person_did_not_choose(
    cast, move, fake_source, client_for
):
    transfer = make_transfer(cast, move, school=fake_source, sections=[SUMMARY_SECTION])
    html = (
        client_for(cast.key_person)
        .get(reverse("transitions:transfer_pack", kwargs={"pk": transfer.pk}))
        .content.decode()
    )
    assert "THIRD-PARTY-AGREED-FOR-SCHOOL" not in html


def test_key_person_prepares_pack_choosing_registered_sections(cast, move, fake_source, client_for):
    move.school = fake_source
    move.save()
    client = client_for(cast.key_person)
    url = reverse("transitions:transfer_prepare", kwargs={"pk": move.pk})
    page = client.get(url).content.decode()
    assert "Records from another app" in page  # the source's title, never its key
    assert f">{FAKE_KEY}<" not in page
    response = client.post(url, {"prepare": "True", "sections": [FAKE_KEY]})
    transfer = Transfer.objects.get()
    assert response.status_code == 302
    assert set(transfer.sections) == {SUMMARY_SECTION, FAKE_KEY}
    assert transfer.school == fake_source


def test_parents_bundle_holds_their_records_and_nothing_for_schools_or_staff(
    cast, move, fake_source, client_for
):
    cast.child_a.leaving_on = timezone.localdate() + timedelta(days=30)
    cast.child_a.save()
    client = client_for(cast.parent_a)
    html = client.get(
        reverse("transitions:leaver_records", kwargs={"child_pk": cast.child_a.pk})
    ).content.decode()
    assert "PARENTS-ONLY-MEDICATION" in html
    assert "Talks in full sentences about dinosaurs." in html
    assert "none known" in html  # practical details: allergies
    assert "Kim Keyperson" in html  # key-person history
    for secret in (
        "THIRD-PARTY-AGREED-FOR-SCHOOL",
        "STAFF-ONLY-NOTE",
        "CP-SECRET-NOTE",
        "Court order",
    ):
        assert secret not in html
    response = client.get(
        reverse("transitions:leaver_records_pdf", kwargs={"child_pk": cast.child_a.pk})
    )
    text = pdf_text(response.content)
    assert "PARENTS-ONLY-MEDICATION" in text
    assert "Talks in full sentences about dinosaurs." in text
    for secret in ("THIRD-PARTY-AGREED-FOR-SCHOOL", "STAFF-ONLY-NOTE", "CP-SECRET-NOTE"):
        assert secret not in text
    assert AuditEvent.objects.filter(
        child=cast.child_a, action="transitions.leaver_records.downloaded", actor=cast.parent_a
    ).exists()


def test_parent_cannot_download_records_before_the_leaving_date_is_set(cast, client_for):
    url = reverse("transitions:leaver_records", kwargs={"child_pk": cast.child_a.pk})
    assert client_for(cast.parent_a).get(url).status_code == 403
    assert client_for(cast.parent_b).get(url).status_code == 404


def test_other_family_gets_404_for_school_pack(cast, move, client_for):
    transfer = make_transfer(cast, move)
    for name in ("transfer_detail", "transfer_pack", "transfer_pdf"):
        url = reverse(f"transitions:{name}", kwargs={"pk": transfer.pk})
        assert client_for(cast.parent_b).get(url).status_code == 404
        assert client_for(cast.parent_restricted).get(url).status_code == 404


def test_parent_sees_what_the_pack_holds_but_not_its_staff_side(cast, move, client_for):
    transfer = make_transfer(cast, move)
    html = client_for(cast.parent_a).get(transfer.get_absolute_url()).content.decode()
    assert "Learning and development" in html
    assert "Give consent" in html
    assert "Record as sent" not in html
    assert "STAFF-ONLY-NOTE" not in html


def consented_pack(cast, transfer):
    """`transfer` with a parent's consent to it as it is."""
    transfer.consent_by, transfer.consent_at = cast.parent_a, timezone.now()
    transfer.consented_sections = section_titles(transfer.sections)
    transfer.save()
    return transfer


def consent_data(transfer):
    return {"confirm": "on", "version": transfer.sections_version}


def test_transfer_consented_asks_the_ledger_and_needs_consent_to_that_pack(cast, consent):
    school, other_school = SchoolFactory(), SchoolFactory()
    consented = consented_pack(cast, TransferFactory(child=cast.child_a, school=school))
    same_school = TransferFactory(child=cast.child_a, school=school)
    other = TransferFactory(child=cast.child_a, school=other_school)
    # Consent given for this pack, but withdrawn in the ledger.
    assert transfer_consented(transfer=consented) is False
    consent.given = True
    assert transfer_consented(transfer=consented) is True
    assert consent.asked[-1] == (cast.child_a.pk, "school_records_transfer")
    # Consent to one pack is not consent to another, for this school or another.
    assert transfer_consented(transfer=same_school) is False
    assert transfer_consented(transfer=other) is False


def test_parent_consent_is_kept_as_evidence_on_the_transfer(cast, move, client_for):
    transfer = make_transfer(cast, move)
    url = reverse("transitions:transfer_consent", kwargs={"pk": transfer.pk})
    response = client_for(cast.parent_a).post(url, {})
    assert response.status_code == 302
    transfer.refresh_from_db()
    assert transfer.consent_by is None
    client_for(cast.parent_a).post(url, consent_data(transfer))
    transfer.refresh_from_db()
    assert transfer.consent_by == cast.parent_a
    assert transfer.consent_at is not None


def sent_data(**overrides):
    return {
        "sent_on": timezone.localdate().isoformat(),
        "sent_method": "secure_email",
        "sent_to": "Mrs Okafor, reception teacher",
        **overrides,
    }


def test_marking_a_pack_sent_without_consent_is_refused_and_saves_nothing(
    cast, move, consent, client_for
):
    transfer = make_transfer(cast, move)
    response = client_for(cast.key_person).post(
        reverse("transitions:transfer_sent", kwargs={"pk": transfer.pk}), sent_data()
    )
    assert response.status_code == 200
    assert "has not consented" in response.content.decode()
    transfer.refresh_from_db()
    assert transfer.sent_on is None
    assert transfer.sent_html == ""


def test_record_as_sent_is_offered_only_once_a_parent_consented_to_the_pack(
    cast, move, consent, client_for
):
    """Given in the child's consents but not to this pack: the page says why
    the pack cannot go yet, and offers no button that would be refused."""
    consent.given = True
    transfer = make_transfer(cast, move)
    page = client_for(cast.key_person).get(transfer.get_absolute_url()).text
    assert "Record as sent" not in page
    assert "once a parent has consented to it" in page
    assert "a consent to records going to school on the child's consents page" in page
    consented_pack(cast, transfer)
    page = client_for(cast.key_person).get(transfer.get_absolute_url()).text
    assert "Record as sent" in page and "once a parent has consented to it" not in page


def test_key_person_records_sent_and_received_once_consent_is_given(
    cast, move, consent, client_for
):
    consent.given = True
    transfer = consented_pack(cast, make_transfer(cast, move))
    client = client_for(cast.key_person)
    response = client.post(
        reverse("transitions:transfer_sent", kwargs={"pk": transfer.pk}), sent_data()
    )
    assert response.status_code == 302
    transfer.refresh_from_db()
    assert transfer.sent_on == timezone.localdate()
    assert transfer.sent_by == cast.key_person
    assert "Talks in full sentences about dinosaurs." in transfer.sent_html
    # The pack stays as it was sent, whatever changes later.
    move.summary.communication_language = "Changed afterwards"
    move.summary.save()
    html = client.get(reverse("transitions:transfer_pack", kwargs={"pk": transfer.pk}))
    assert "Talks in full sentences about dinosaurs." in html.content.decode()

    received = reverse("transitions:transfer_received", kwargs={"pk": transfer.pk})
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client.post(received, {"received_on": yesterday, "received_by": "Mrs Okafor"})
    assert response.status_code == 200
    assert "Receipt cannot come before the sending date." in response.content.decode()
    transfer.refresh_from_db()
    assert transfer.received_on is None

    today = timezone.localdate().isoformat()
    response = client.post(received, {"received_on": today, "received_by": "Mrs Okafor"})
    assert response.status_code == 302
    transfer.refresh_from_db()
    assert transfer.received_on == timezone.localdate()
    assert transfer.status == "Received by the school"


def test_sending_date_in_the_future_is_refused(cast, move, consent, client_for):
    consent.given = True
    transfer = make_transfer(cast, move)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client_for(cast.manager).post(
        reverse("transitions:transfer_sent", kwargs={"pk": transfer.pk}),
        sent_data(sent_on=tomorrow),
    )
    assert response.status_code == 200
    transfer.refresh_from_db()
    assert transfer.sent_on is None


def test_practitioner_who_is_not_key_person_cannot_prepare_or_send(cast, move, client_for):
    transfer = make_transfer(cast, move)
    client = client_for(cast.practitioner)
    assert client.get(transfer.get_absolute_url()).status_code == 200
    prepare = reverse("transitions:transfer_prepare", kwargs={"pk": move.pk})
    assert client.post(prepare, {}).status_code == 403
    sent = reverse("transitions:transfer_sent", kwargs={"pk": transfer.pk})
    assert client.post(sent, sent_data()).status_code == 403


def test_parent_withdraws_consent_before_sending(cast, move, client_for):
    transfer = make_transfer(cast, move)
    client = client_for(cast.parent_a)
    client.post(
        reverse("transitions:transfer_consent", kwargs={"pk": transfer.pk}), consent_data(transfer)
    )
    assert "Withdraw consent" in client.get(transfer.get_absolute_url()).content.decode()
    client.post(reverse("transitions:transfer_consent_withdraw", kwargs={"pk": transfer.pk}))
    transfer.refresh_from_db()
    assert transfer.consent_at is None
    assert AuditEvent.objects.filter(action="transitions.pack.consent_withdrawn").exists()


def test_parent_consent_on_the_pack_page_is_a_ledger_decision_and_can_be_withdrawn(
    cast, client_for
):
    from consents.models import ConsentEvent

    school = SchoolFactory()
    MoveFactory(child=cast.child_a, school=school, created_by=cast.key_person)
    transfer = TransferFactory(child=cast.child_a, school=school, prepared_by=cast.key_person)
    client = client_for(cast.parent_a)
    client.post(
        reverse("transitions:transfer_consent", kwargs={"pk": transfer.pk}), consent_data(transfer)
    )
    transfer.refresh_from_db()
    assert transfer_consented(transfer=transfer) is True
    client.post(reverse("transitions:transfer_consent_withdraw", kwargs={"pk": transfer.pk}))
    transfer.refresh_from_db()
    assert transfer_consented(transfer=transfer) is False
    decisions = ConsentEvent.objects.filter(
        child=cast.child_a, consent_type__code="school_records_transfer"
    ).order_by("sequence")
    assert [d.decision for d in decisions] == ["given", "withdrawn"]


def test_old_section_keys_in_stored_packs_become_the_new_keys(db):
    """The data migration rewrites `Transfer.sections` from function paths
    to the sources' keys, and back."""
    from importlib import import_module

    from django.apps import apps as global_apps
    from django.db import connection

    migration = import_module("transitions.migrations.0002_transfer_section_keys")
    transfer = TransferFactory(
        sections=[
            "transitions.records.transfer_summary",
            "families.records.meetings_record",
            "agencies.panels.third_party_information",
            "something.unknown",
        ]
    )

    class Editor:
        pass

    editor = Editor()
    editor.connection = connection
    migration.forwards(global_apps, editor)
    transfer.refresh_from_db()
    assert transfer.sections == [
        "agencies.third_party_information",
        "families.meetings",
        "something.unknown",
        "transitions.summary",
    ]
    migration.backwards(global_apps, editor)
    transfer.refresh_from_db()
    assert "families.records.meetings_record" in transfer.sections


def test_a_pack_is_prepared_only_once_the_summary_is_written(cast, client_for):
    """The parents' views alone do not make a pack: the key person's summary
    goes in every pack, and the service refuses to prepare one without it,
    whatever page asked. The key person is sent to write it."""
    from nursery.errors import DomainError
    from transitions.services import transfer_prepare

    move = MoveFactory(child=cast.child_a, school=SchoolFactory(), created_by=cast.key_person)
    ParentViewFactory(move=move, parent=cast.parent_a, views="She loves books")
    with pytest.raises(DomainError) as refused:
        transfer_prepare(child=move.child, school=move.school, sections=[], by=cast.key_person)
    assert refused.value.code == "no_summary"
    client = client_for(cast.key_person)
    url = reverse("transitions:transfer_prepare", kwargs={"pk": move.pk})
    assert "Write the summary for the school before preparing the pack." in client.get(url).text
    response = client.post(url, {"prepare": "True", "sections": []})
    assert response.url == reverse("transitions:move_summary", args=[move.pk])
    assert not Transfer.objects.exists()
    SummaryFactory(move=move, updated_by=cast.key_person)
    assert client.post(url, {"prepare": "True", "sections": []}).status_code == 302
    assert Transfer.objects.get().sections == [SUMMARY_SECTION]
