"""Nothing is asked of a family about a child who has left, or whose
records are restricted at the family's request (nothing about them can be
answered), and only the adults with parental responsibility are asked to
renew a consent."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from families.models.partnership import ReviewKind
from nursery.models import Notification
from nursery.notifications import run_daily_jobs
from tests.consents.factories import (
    ConsentEventFactory,
    MedicationDoseFactory,
    MedicationPermissionFactory,
)
from tests.factories import ParentFactory, ParentLinkFactory
from tests.families.factories import ActionFactory, MeetingFactory, ReviewFactory
from tests.records.factories import make_rights
from tests.utils import committed, told

pytestmark = pytest.mark.django_db


def restrict(cast):
    make_rights(cast.child_a, cast.parent_a, cast.manager, granted=True)


def leave(cast):
    cast.child_a.leaving_on = timezone.localdate() - timedelta(days=3)
    cast.child_a.save()


def ending_soon(cast):
    return ConsentEventFactory(
        child=cast.child_a,
        decided_by=cast.parent_a,
        expires_on=timezone.localdate() + timedelta(days=10),
    )


@pytest.mark.parametrize("change", [restrict, leave])
def test_waiting_for_you_asks_nothing_about_a_child_not_at_the_nursery_now(
    change, cast, client_for
):
    meeting = MeetingFactory(child=cast.child_a, shared_at=timezone.now())
    ActionFactory(meeting=meeting, description="READ TWO BOOKS A WEEK", owner="family")
    ReviewFactory(child=cast.child_a, kind=ReviewKind.TWO_YEAR, shared_at=timezone.now())
    home = client_for(cast.parent_a).get(reverse("home")).content.decode()
    assert "READ TWO BOOKS A WEEK" in home and "sign off" in home
    change(cast)
    home = client_for(cast.parent_a).get(reverse("home")).content.decode()
    assert "READ TWO BOOKS A WEEK" not in home
    assert "sign off" not in home and "New to read" not in home


def test_medicine_given_is_still_told_and_acknowledged_under_a_restriction(cast, client_for):
    """A restriction stops the everyday use of the child's records, not the
    child's care: a dose given is recorded, told and acknowledged."""
    from consents.services import dose_acknowledge

    permission = MedicationPermissionFactory(child=cast.child_a, given_by=cast.parent_a)
    dose = MedicationDoseFactory(
        permission=permission, given_by=cast.key_person, witnessed_by=cast.practitioner
    )
    restrict(cast)
    url = reverse("consents:medication", args=[cast.child_a.pk])
    assert url in client_for(cast.parent_a).get(reverse("home")).content.decode()
    assert dose_acknowledge(dose=dose, by=cast.parent_a)
    assert list(dose.acknowledgements.values_list("household", "acknowledged_by")) == [
        (1, cast.parent_a.pk)
    ]


def test_a_consent_ending_soon_is_asked_of_the_adults_with_parental_responsibility(cast):
    carer = ParentFactory(email="gran@example.org")
    ParentLinkFactory(parent=carer, child=cast.child_a, has_parental_responsibility=False)
    ending_soon(cast)
    with committed():
        run_daily_jobs()
    asked = told("consents.expiring")
    assert cast.parent_a.email in asked and carer.email not in asked


def test_a_consent_ending_soon_is_not_asked_for_a_restricted_child(cast, client_for):
    ending_soon(cast)
    restrict(cast)
    with committed():
        run_daily_jobs()
    assert not Notification.objects.filter(kind="consents.expiring").exists()
    rows = client_for(cast.manager).get(reverse("consents:expiring")).context["rows"]
    assert cast.child_a not in [child for child, _state in rows]


@pytest.mark.parametrize("change", [restrict, leave])
def test_a_family_is_not_asked_to_check_the_details_of_a_child_not_at_the_nursery_now(
    change, cast, client_for
):
    from families.models import PracticalDetails

    PracticalDetails.objects.filter(child=cast.child_a).update(
        last_confirmed_at=timezone.now() - timedelta(days=400)
    )
    edit = reverse("families:details_edit", args=[cast.child_a.pk])
    assert edit in client_for(cast.parent_a).get(reverse("home")).content.decode()
    change(cast)
    assert edit not in client_for(cast.parent_a).get(reverse("home")).content.decode()


def test_the_nursery_writes_to_the_families_of_children_still_here(cast):
    """An announcement to all families, or to a room, and a new policy to
    read reach the families of children still at the nursery (a child
    whose records are restricted is still here), not those who have left."""
    from nursery.setting.models import Announcement
    from nursery.setting.notifications import policy_deliver
    from tests.setting.factories import AnnouncementFactory, PolicyFactory

    restrict(cast)  # child_a: records restricted, still here
    cast.child_b.leaving_on = timezone.localdate() - timedelta(days=3)
    cast.child_b.save()
    for audience, room in ((Announcement.Audience.ALL, None), ("room", cast.child_b.room)):
        announcement = AnnouncementFactory(audience=audience, room=room)
        reached = set(announcement.recipients())
        assert cast.parent_a in reached and cast.parent_b not in reached, audience
    policy = PolicyFactory()
    with committed():
        policy_deliver.call(policy_id=policy.pk, version=policy.version)
    asked = told("setting.policy_to_read")
    assert cast.parent_a.email in asked and cast.parent_b.email not in asked
