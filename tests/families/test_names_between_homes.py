"""What one home of a child does is not told to the other home by name.

parent_a (home 1) gives consent, signs a medicine permission, confirms the
practical details, marks a family action done, changes a health alert, sets
the collection password and consents to the school pack. parent_a_home2
(home 2) reads the same pages: the decision, the permission, the date are
the child's record and stay; who did it reads "another parent or carer",
and a note kept with the decision is not shown. parent_a, and staff, read
the name. One rule decides (`families.models.homes.name_shown_to`)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from consents.services import consent_decide
from families.models import ParentLink, PracticalDetails
from families.models.homes import ANOTHER_ADULT, ANOTHER_ADULT_AT_START
from nursery.registry import ParentsCopy, SubjectAccess, gather_child_records
from safety.services import collection_password_set
from tests.consents.factories import MedicationPermissionFactory, purpose
from tests.families.factories import ActionFactory, MeetingFactory
from tests.safety.factories import HealthAlertFactory
from tests.transitions.factories import TransferFactory

NOTE = "Mum asked us not to use the photos online"


def _decide(cast, *, note=""):
    photographs = purpose("photographs")
    consent_decide(
        child=cast.child_a,
        consent_type=photographs,
        decision="given",
        decided_by=cast.parent_a,
        recorded_by=cast.key_person if note else cast.parent_a,
        method="paper" if note else "online",
        note=note,
        confirmed_parental_responsibility=True,
    )
    return photographs


def _page(client, name, *args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200, (name, response.status_code)
    return response.content.decode()


def _name(cast):
    return escape(cast.parent_a.full_name)


@pytest.mark.parametrize("page", ["consents:child_consents", "consents:history", "consents:mine"])
def test_the_other_home_reads_the_decision_but_not_who_made_it(cast, client_for, page):
    _decide(cast)
    args = [] if page == "consents:mine" else [cast.child_a.pk]
    other = _page(client_for(cast.parent_a_home2), page, *args)
    assert _name(cast) not in other
    assert str(ANOTHER_ADULT) in other or str(ANOTHER_ADULT_AT_START) in other
    own = _page(client_for(cast.parent_a), page, *args)
    assert _name(cast) in own
    staff = _page(client_for(cast.key_person), page, *args) if page != "consents:mine" else ""
    assert page == "consents:mine" or _name(cast) in staff


def test_a_note_kept_with_one_homes_decision_stays_with_that_home(cast, client_for):
    _decide(cast, note=NOTE)
    history = reverse("consents:history", args=[cast.child_a.pk])
    assert escape(NOTE) not in client_for(cast.parent_a_home2).get(history).content.decode()
    assert escape(NOTE) in client_for(cast.parent_a).get(history).content.decode()
    assert escape(NOTE) in client_for(cast.key_person).get(history).content.decode()
    # Staff who recorded it are named to both homes: they are not a home.
    other = client_for(cast.parent_a_home2).get(history).content.decode()
    assert escape(cast.key_person.full_name) in other


def test_an_adult_of_the_same_home_reads_the_name(cast, client_for):
    partner = ParentLink.objects.get(parent=cast.parent_a_home2)
    partner.household = 1
    partner.save()
    _decide(cast)
    page = _page(client_for(cast.parent_a_home2), "consents:child_consents", cast.child_a.pk)
    assert _name(cast) in page


def test_a_medicine_permission_names_its_giver_to_their_own_home_only(cast, client_for):
    MedicationPermissionFactory(child=cast.child_a, given_by=cast.parent_a)
    url = reverse("consents:medication", args=[cast.child_a.pk])
    other = client_for(cast.parent_a_home2).get(url).content.decode()
    assert "Calpol" in other and _name(cast) not in other
    assert str(ANOTHER_ADULT_AT_START) in other
    assert _name(cast) in client_for(cast.parent_a).get(url).content.decode()
    assert _name(cast) in client_for(cast.key_person).get(url).content.decode()


def test_practical_details_confirmed_by_the_other_home(cast, client_for):
    PracticalDetails.objects.filter(child=cast.child_a).update(
        last_confirmed_at=timezone.now(), last_confirmed_by=cast.parent_a
    )
    other = _page(client_for(cast.parent_a_home2), "families:child_detail", cast.child_a.pk)
    assert _name(cast) not in other and f"by {ANOTHER_ADULT}." in other
    assert f"by {_name(cast)}." in _page(
        client_for(cast.manager), "families:child_detail", cast.child_a.pk
    )


def test_practical_details_confirmed_by_nobody_known_read_without_a_name(cast, client_for):
    """Details confirmed before the portal kept who confirmed them: the date
    alone, never "by None"."""
    PracticalDetails.objects.filter(child=cast.child_a).update(
        last_confirmed_at=timezone.now(), last_confirmed_by=None
    )
    for person in (cast.parent_a, cast.manager):
        page = _page(client_for(person), "families:child_detail", cast.child_a.pk)
        assert "None" not in page
        assert "Last confirmed on" in page


def test_a_family_action_done_by_the_other_home(cast, client_for):
    meeting = MeetingFactory(child=cast.child_a)
    action = ActionFactory(meeting=meeting)
    client_for(cast.parent_a).post(
        reverse("families:action_done", args=[cast.child_a.pk, action.pk])
    )
    args = [cast.child_a.pk, meeting.pk]
    other = _page(client_for(cast.parent_a_home2), "families:meeting_detail", *args)
    assert _name(cast) not in other and f"({ANOTHER_ADULT})" in other
    assert _name(cast) in _page(client_for(cast.parent_a), "families:meeting_detail", *args)


def test_safety_facts_changed_by_the_other_home(cast, client_for):
    HealthAlertFactory(child=cast.child_a, changed_by=cast.parent_a, seen_by=None, seen_at=None)
    collection_password_set(child=cast.child_a, password="Blue Giraffe", by=cast.parent_a)
    other = _page(client_for(cast.parent_a_home2), "safety:child", cast.child_a.pk)
    assert "Peanuts" in other and "A collection password is set" in other
    assert _name(cast) not in other
    assert _name(cast) in _page(client_for(cast.parent_a), "safety:child", cast.child_a.pk)
    assert _name(cast) in _page(client_for(cast.key_person), "safety:child", cast.child_a.pk)


def test_consent_to_the_school_pack_given_by_the_other_home(cast, client_for):
    transfer = TransferFactory(child=cast.child_a)
    transfer.consent_by = cast.parent_a
    transfer.consent_at = timezone.now() - timedelta(hours=1)
    transfer.save()
    args = [transfer.pk]
    other = _page(client_for(cast.parent_a_home2), "transitions:transfer_detail", *args)
    assert _name(cast) not in other
    assert f"{ANOTHER_ADULT_AT_START} consented on" in other
    assert "You consented on" in _page(
        client_for(cast.parent_a), "transitions:transfer_detail", *args
    )


def _consents_pack(cast, recipient):
    (section,) = [
        s
        for s in gather_child_records(child=cast.child_a, recipient=recipient)
        if s["key"] == "consents.leaver_records"
    ]
    return section["html"]


@pytest.mark.parametrize(
    ("recipient", "named"),
    [
        (lambda cast: ParentsCopy(cast.parent_a), True),
        (lambda cast: SubjectAccess(adult=cast.parent_a), True),
        (lambda cast: ParentsCopy(cast.parent_a_home2), False),
        (lambda cast: SubjectAccess(adult=cast.parent_a_home2), False),
        (lambda cast: "parents", False),
    ],
    ids=["bundle-1", "subject-access-1", "bundle-2", "subject-access-2", "no-reader"],
)
def test_a_familys_copy_names_only_the_readers_own_home(cast, recipient, named):
    _decide(cast, note=NOTE)
    MedicationPermissionFactory(child=cast.child_a, given_by=cast.parent_a)
    html = _consents_pack(cast, recipient(cast))
    assert (_name(cast) in html) is named
    assert (escape(NOTE) in html) is named
    assert "Calpol" in html


def test_the_details_history_names_the_other_homes_changes_to_neither(cast, client_for):
    """The history of the practical details says who changed what: the
    other home reads "another parent or carer", and every column changed
    (the health notes too) has its place."""
    details = PracticalDetails.objects.get(child=cast.child_a)
    details.medical_notes = "Eczema: cream twice a day"
    details._history_user = cast.parent_a
    details.save()
    other = _page(client_for(cast.parent_a_home2), "families:details_history", cast.child_a.pk)
    assert _name(cast) not in other and str(ANOTHER_ADULT_AT_START) in other
    assert "Eczema: cream twice a day" in other
    own = _page(client_for(cast.parent_a), "families:details_history", cast.child_a.pk)
    assert _name(cast) in own
    staff = _page(client_for(cast.manager), "families:details_history", cast.child_a.pk)
    assert _name(cast) in staff
