"""Item 9: a pack's page names a restricted section (third-party
information) only to those who may read it."""

import pytest

from tests.agencies.factories import OnwardConsentFactory, ThirdPartyInformationFactory
from tests.families.factories import MeetingFactory, ReviewFactory
from tests.transitions.factories import (
    MoveFactory,
    SchoolFactory,
    SummaryFactory,
    TransferFactory,
)
from transitions.services import SUMMARY_SECTION

pytestmark = pytest.mark.django_db

THIRD_PARTY = "agencies.third_party_information"
TITLE = "Information from other agencies"


@pytest.fixture
def transfer(cast):
    school = SchoolFactory(name="Riverside Primary")
    move = MoveFactory(child=cast.child_a, school=school, created_by=cast.key_person)
    SummaryFactory(move=move, updated_by=cast.key_person)
    item = ThirdPartyInformationFactory(child=cast.child_a, recorded_by=cast.key_person)
    OnwardConsentFactory(item=item, recipient=school, recorded_by=cast.key_person)
    return TransferFactory(
        child=cast.child_a,
        school=school,
        prepared_by=cast.key_person,
        sections=[SUMMARY_SECTION, THIRD_PARTY],
    )


@pytest.mark.parametrize("member", ["key_person", "dsl", "manager"])
def test_those_who_may_read_it_see_the_restricted_section_named(member, transfer, cast, client_for):
    response = client_for(getattr(cast, member)).get(transfer.get_absolute_url())
    assert response.status_code == 200
    assert TITLE in response.content.decode()


@pytest.mark.parametrize("member", ["practitioner", "parent_a"])
def test_others_who_open_the_pack_page_do_not_learn_the_restricted_section_exists(
    member, transfer, cast, client_for
):
    response = client_for(getattr(cast, member)).get(transfer.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert TITLE not in html
    assert "Confidential third-party content" not in html
    # Nor by its key, in a hidden field of the consent form or anywhere else.
    assert THIRD_PARTY not in html
    assert SUMMARY_SECTION not in html


def test_an_empty_post_to_prepare_creates_no_pack(cast, client_for):
    from django.urls import reverse

    from transitions.models import Transfer

    move = MoveFactory(child=cast.child_a, created_by=cast.key_person)
    SummaryFactory(move=move, updated_by=cast.key_person)
    url = reverse("transitions:transfer_prepare", kwargs={"pk": move.pk})
    client = client_for(cast.key_person)
    for _ in range(3):
        assert client.post(url, {}).status_code == 200
    assert not Transfer.objects.exists()
    assert client.post(url, {"prepare": "True"}).status_code == 302
    assert Transfer.objects.count() == 1


# A parent's consent belongs to one pack ------------------------------------------
#
# The consent to a summary-only pack once let a bigger pack for the same
# school go. A consent now covers the pack it was given to, with the
# sections it held then (kept as the titles the parent read).

MEETINGS = "families.meetings"
PROGRESS = "families.progress"
SUMMARY_TITLE = "Learning and development: the key person's summary"
MEETINGS_TITLE = "Key-person meetings with the family"


@pytest.fixture
def move(cast):
    move = MoveFactory(
        child=cast.child_a,
        school=SchoolFactory(name="Riverside Primary"),
        created_by=cast.key_person,
    )
    SummaryFactory(move=move, updated_by=cast.key_person)
    MeetingFactory(child=cast.child_a)
    ReviewFactory(child=cast.child_a)
    return move


def pack(cast, move, sections=(SUMMARY_SECTION,)):
    return TransferFactory(
        child=cast.child_a, school=move.school, prepared_by=cast.key_person, sections=list(sections)
    )


def url(name, transfer):
    from django.urls import reverse

    return reverse(f"transitions:{name}", kwargs={"pk": transfer.pk})


def consent_to(client, transfer):
    return client.post(
        url("transfer_consent", transfer),
        {"confirm": "on", "version": transfer.sections_version},
    )


def sent_data():
    from django.utils import timezone

    return {
        "sent_on": timezone.localdate().isoformat(),
        "sent_method": "secure_email",
        "sent_to": "Mrs Okafor, reception teacher",
    }


def test_a_pack_is_not_sent_on_the_consent_a_parent_gave_to_another_pack(cast, move, client_for):
    from nursery.models import AuditEvent
    from tests.utils import database_fingerprint

    summary_only = pack(cast, move)
    consent_to(client_for(cast.parent_a), summary_only)
    bigger = pack(cast, move, sections=[SUMMARY_SECTION, MEETINGS, PROGRESS])
    staff = client_for(cast.key_person)
    before = database_fingerprint()
    response = staff.post(url("transfer_sent", bigger), sent_data())
    assert response.status_code == 200
    assert "has not consented" in response.content.decode()
    assert database_fingerprint() == before
    bigger.refresh_from_db()
    assert bigger.sent_on is None and bigger.sent_html == ""
    assert not AuditEvent.objects.filter(action="transitions.pack.sent").exists()


def test_changing_what_a_consented_pack_holds_needs_consent_again(cast, move, client_for):
    from nursery.models import AuditEvent, Notification

    transfer = pack(cast, move)
    consent_to(client_for(cast.parent_a), transfer)
    asked = Notification.objects.filter(
        kind="transitions.pack_to_consent", recipient=cast.parent_a
    ).count()

    staff = client_for(cast.key_person)
    page = staff.get(url("transfer_change", transfer))
    assert page.status_code == 200
    assert "asked to consent again" in page.content.decode()
    response = staff.post(
        url("transfer_change", transfer), {"prepare": "True", "sections": [MEETINGS]}
    )
    assert response.status_code == 302
    transfer.refresh_from_db()
    assert set(transfer.sections) == {SUMMARY_SECTION, MEETINGS}
    assert transfer.status == "Waiting for the parent's consent"
    # The earlier consent stays on the pack and in the audit log.
    assert transfer.consent_by == cast.parent_a
    assert AuditEvent.objects.filter(
        action="transitions.pack.consent_needed_again", child=cast.child_a
    ).exists()
    # The parents are asked again.
    assert (
        Notification.objects.filter(
            kind="transitions.pack_to_consent", recipient=cast.parent_a
        ).count()
        == asked + 1
    )
    refused = staff.post(url("transfer_sent", transfer), sent_data())
    assert refused.status_code == 200
    assert "consent again" in refused.content.decode()
    transfer.refresh_from_db()
    assert transfer.sent_on is None

    parent = client_for(cast.parent_a)
    html = parent.get(transfer.get_absolute_url()).content.decode()
    assert "consent again" in html
    assert "Give consent" in html
    consent_to(parent, transfer)
    response = client_for(cast.key_person).post(url("transfer_sent", transfer), sent_data())
    assert response.status_code == 302
    transfer.refresh_from_db()
    assert transfer.sent_on is not None


def test_a_parent_cannot_consent_to_a_pack_that_changed_while_they_read_it(cast, move, client_for):
    transfer = pack(cast, move)
    seen = transfer.sections_version
    transfer.sections = [SUMMARY_SECTION, MEETINGS]
    transfer.save()
    response = client_for(cast.parent_a).post(
        url("transfer_consent", transfer), {"confirm": "on", "version": seen}
    )
    assert response.status_code == 302
    transfer.refresh_from_db()
    assert transfer.consent_at is None
    assert transfer.consented_sections == []


def test_what_a_parent_consented_to_is_kept_as_the_titles_they_read(cast, move, client_for):
    transfer = pack(cast, move, sections=[SUMMARY_SECTION, MEETINGS])
    consent_to(client_for(cast.parent_a), transfer)
    transfer.refresh_from_db()
    assert transfer.consented_sections == [
        {"key": SUMMARY_SECTION, "title": SUMMARY_TITLE},
        {"key": MEETINGS, "title": MEETINGS_TITLE},
    ]
    for member in ("parent_a", "key_person"):
        html = client_for(getattr(cast, member)).get(transfer.get_absolute_url()).content.decode()
        assert "consented to these records" in html
        assert MEETINGS_TITLE in html
        assert MEETINGS not in html and SUMMARY_SECTION not in html


def test_a_parent_reads_the_pack_they_are_asked_to_consent_to(cast, move, client_for):
    from tests.transitions.factories import ParentViewFactory

    ParentViewFactory(move=move, parent=cast.parent_a, views="OWN-VIEW for the school")
    ParentViewFactory(
        move=move, parent=cast.parent_a, views="OWN-VIEW kept home", send_to_school=False
    )
    ParentViewFactory(move=move, parent=cast.parent_a_home2, views="OTHER-HOME-VIEW")
    transfer = pack(cast, move)
    detail = client_for(cast.parent_a).get(transfer.get_absolute_url()).content.decode()
    assert url("transfer_pack", transfer) in detail
    response = client_for(cast.parent_a).get(url("transfer_pack", transfer))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Talks in full sentences about dinosaurs." in html
    assert "OWN-VIEW for the school" in html
    # Not what stays at the nursery, nor what another home wrote.
    assert "OWN-VIEW kept home" not in html
    assert "OTHER-HOME-VIEW" not in html
    for other in ("parent_b", "parent_restricted"):
        assert (
            client_for(getattr(cast, other)).get(url("transfer_pack", transfer)).status_code == 404
        )


def test_a_parent_reading_the_pack_does_not_learn_of_restricted_sections(
    transfer, cast, client_for
):
    response = client_for(cast.parent_a).get(url("transfer_pack", transfer))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Talks in full sentences about dinosaurs." in html
    assert TITLE not in html
    assert "Confidential third-party content" not in html


def test_a_parent_without_parental_responsibility_reads_but_is_offered_no_consent(
    cast, move, client_for
):
    from tests.factories import ParentFactory, ParentLinkFactory

    carer = ParentFactory(email="gran@example.org")
    ParentLinkFactory(parent=carer, child=cast.child_a, has_parental_responsibility=False)
    transfer = pack(cast, move)
    client = client_for(carer)
    html = client.get(transfer.get_absolute_url()).content.decode()
    assert "Give consent" not in html
    assert "I have parental responsibility" not in html
    assert client.get(url("transfer_pack", transfer)).status_code == 200
    assert consent_to(client, transfer).status_code == 403


def test_a_consented_unchanged_pack_is_sent_and_keeps_what_was_consented_to(cast, move, client_for):
    from nursery.models import AuditEvent

    transfer = pack(cast, move, sections=[SUMMARY_SECTION, MEETINGS])
    consent_to(client_for(cast.parent_a), transfer)
    response = client_for(cast.key_person).post(url("transfer_sent", transfer), sent_data())
    assert response.status_code == 302
    transfer.refresh_from_db()
    assert transfer.sent_on is not None
    assert "Talks in full sentences about dinosaurs." in transfer.sent_html
    assert [item["title"] for item in transfer.consented_sections] == [
        SUMMARY_TITLE,
        MEETINGS_TITLE,
    ]
    sent = AuditEvent.objects.get(action="transitions.pack.sent")
    assert sent.data["sections"] == [SUMMARY_TITLE, MEETINGS_TITLE]
    # Once sent, the parent reads what was consented to, not a live copy.
    assert client_for(cast.parent_a).get(url("transfer_pack", transfer)).status_code == 403


def test_the_parent_is_told_in_their_own_words_where_the_pack_stands(cast, move, client_for):
    """Before consenting, the parent's copy does not claim consent was
    given; after it, the page says what happens next, not the staff's
    "Ready to send"; the consent text points to the withdraw button."""
    transfer = pack(cast, move)
    client = client_for(cast.parent_a)
    before = client.get(url("transfer_pack", transfer)).content.decode()
    assert "This is your copy of what the school would receive" in before
    assert "Shared with the consent of a parent" not in before
    detail = client.get(transfer.get_absolute_url()).content.decode()
    assert "withdraw your consent on this page" in detail
    assert "speaking to your child's key person" not in detail
    # The parent is asked, in their own words, not told that "the parent" is awaited.
    assert "asks for your consent before sending these records" in detail
    assert "Waiting for the parent&#x27;s consent" not in detail
    assert consent_to(client, transfer).status_code == 302
    after = client.get(transfer.get_absolute_url()).content.decode()
    assert "Consent given: the nursery will send these records to the school." in after
    assert "Ready to send" not in after
    assert "Withdraw consent" in after
    staff = client_for(cast.key_person).get(transfer.get_absolute_url()).content.decode()
    assert "Ready to send" in staff
    staff_copy = client_for(cast.key_person).get(url("transfer_pack", transfer)).content.decode()
    assert "Shared with the consent of a parent" in staff_copy


def test_a_consent_withdrawn_in_the_ledger_is_asked_for_again_on_the_pack(cast, move, client_for):
    """The pack page and sending follow one rule: after a withdrawal on the
    consents page, the parent is not told the records will go, and is
    asked again."""
    from consents.models import ConsentType, Decision, Method
    from consents.services import consent_decide

    transfer = pack(cast, move)
    client = client_for(cast.parent_a)
    assert consent_to(client, transfer).status_code == 302
    page = client.get(transfer.get_absolute_url()).content.decode()
    assert "You consented on" in page
    consent_decide(
        child=cast.child_a,
        consent_type=ConsentType.objects.get(code="school_records_transfer"),
        decision=Decision.WITHDRAWN,
        decided_by=cast.parent_a,
        recorded_by=cast.parent_a,
        method=Method.ONLINE,
        confirmed_parental_responsibility=True,
    )
    page = client.get(transfer.get_absolute_url()).content.decode()
    assert "the nursery will send these records" not in page
    assert "asks for your consent" in page
    assert "Give consent" in page
    assert consent_to(client, transfer).status_code == 302
    page = client.get(transfer.get_absolute_url()).content.decode()
    assert "the nursery will send these records" in page


def test_a_carer_without_parental_responsibility_is_not_asked_for_consent(cast, move, client_for):
    from families.models import ParentLink

    ParentLink.objects.filter(parent=cast.parent_a_home2).update(has_parental_responsibility=False)
    transfer = pack(cast, move)
    page = client_for(cast.parent_a_home2).get(transfer.get_absolute_url()).content.decode()
    assert "asks for your consent" not in page
    assert "Give consent" not in page
    assert "A parent with parental responsibility is asked for their consent" in page
    # The one who consented reads about it in their own words; the other
    # home reads that a parent did, not which (what one home does is its own).
    consent_to(client_for(cast.parent_a), transfer)
    page = client_for(cast.parent_a_home2).get(transfer.get_absolute_url()).content.decode()
    assert "Another parent or carer consented on" in page
    assert "Alex Ashworth" not in page


def test_what_was_consented_to_is_kept_in_the_settings_language(cast, move, client_for, settings):
    """A parent reading the portal in Polish consents: the pack keeps the
    titles in the setting's language, staff read them in theirs, and the
    parent reads them in Polish."""
    transfer = pack(cast, move)
    client = client_for(cast.parent_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    assert consent_to(client, transfer).status_code == 302
    transfer.refresh_from_db()
    assert [item["title"] for item in transfer.consented_sections] == [SUMMARY_TITLE]
    polish = "Nauka i rozwój: podsumowanie osoby kluczowej"
    assert polish in client.get(transfer.get_absolute_url()).content.decode()
    staff = client_for(cast.key_person)
    staff.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)
    page = staff.get(transfer.get_absolute_url()).content.decode()
    assert SUMMARY_TITLE.replace("'", "&#x27;") in page
    assert polish not in page


def test_a_sent_pack_is_not_offered_for_changing(cast, move, client_for):
    from tests.utils import database_fingerprint

    transfer = pack(cast, move)
    consent_to(client_for(cast.parent_a), transfer)
    staff = client_for(cast.key_person)
    assert staff.post(url("transfer_sent", transfer), sent_data()).status_code == 302
    page = staff.get(url("transfer_change", transfer), follow=True)
    assert page.redirect_chain == [(transfer.get_absolute_url(), 302)]
    assert "This pack has already been sent." in page.content.decode()
    assert "Save the changes" not in page.content.decode()
    before = database_fingerprint()
    refused = staff.post(
        url("transfer_change", transfer), {"prepare": "True", "sections": [MEETINGS]}
    )
    assert refused.status_code == 200
    assert "This pack has already been sent." in refused.content.decode()
    assert database_fingerprint() == before
