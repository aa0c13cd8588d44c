"""Each home acknowledges for itself that it has seen a dose of medicine.

In the cast, parent_a (Alex Ashworth, household 1) and parent_a_home2 (Sam
Cole, household 2) are both adults of child A. When one home acknowledges
a dose, the other home still finds it waiting, is never shown who in the
other home saw it nor that it was seen, and acknowledges for its own home;
staff see each home's acknowledgement.
"""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from consents.models import DoseAcknowledgement
from consents.services import dose_acknowledge
from families.models import ParentLink
from nursery.models import AuditEvent
from nursery.registry import ParentsCopy, SubjectAccess, gather_child_records
from tests.consents.factories import MedicationDoseFactory, MedicationPermissionFactory
from tests.factories import ChildFactory, ParentFactory, ParentLinkFactory
from tests.utils import assert_fixed_queries

BUTTON = "I have seen this: Calpol"
NOT_YET = ">Not yet</span>"
SEEN_BY = "Seen by 1 of"
WAITING = "please let us know you have seen it"
STAFF_WAITING = "Doses the family has not acknowledged yet"


# Doses are counted by the calendar day.
pytestmark = pytest.mark.usefixtures("midday")


@pytest.fixture
def dose(cast):
    # Permission given by an adult of neither home: a name of a home's adult
    # on a page is an acknowledgement's.
    giver = ParentFactory(email="giver@example.org", full_name="Robin Ashworth")
    permission = MedicationPermissionFactory(child=cast.child_a, given_by=giver)
    # Given today (the child's page shows today's doses).
    return MedicationDoseFactory(
        permission=permission,
        given_by=cast.key_person,
        witnessed_by=cast.practitioner,
        given_at=timezone.now() - timedelta(minutes=1),
    )


def acknowledge(client, dose):
    response = client.post(reverse("consents:dose_acknowledge", args=[dose.pk]))
    assert response.status_code == 302
    return response


def page(client, name, *args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return response.content.decode()


def medication(client, dose):
    return page(client, "consents:medication", dose.child_id)


def waiting(client):
    """Whether a dose waits on the person's home page."""
    return WAITING in page(client, "home")


def test_one_homes_acknowledgement_leaves_the_dose_waiting_for_the_other(cast, client_for, dose):
    home1, home2 = cast.parent_a, cast.parent_a_home2
    assert waiting(client_for(home1)) and waiting(client_for(home2))
    acknowledge(client_for(home1), dose)
    assert not waiting(client_for(home1))
    assert BUTTON not in medication(client_for(home1), dose)
    assert waiting(client_for(home2))
    assert BUTTON in medication(client_for(home2), dose)
    acknowledge(client_for(home2), dose)
    assert not waiting(client_for(home2))
    assert BUTTON not in medication(client_for(home2), dose)


def test_the_other_home_is_not_told_who_saw_it_nor_that_it_was_seen(cast, client_for, dose):
    acknowledge(client_for(cast.parent_a), dose)
    client = client_for(cast.parent_a_home2)
    html = medication(client, dose)
    assert cast.parent_a.full_name not in html
    assert "Yes:" not in html and SEEN_BY not in html
    assert BUTTON in html
    child_page = page(client, "families:child_detail", cast.child_a.pk)
    assert "not yet seen by the family" in child_page
    assert cast.parent_a.full_name not in child_page and SEEN_BY not in child_page


def test_the_other_home_acknowledges_for_itself(cast, client_for, dose):
    acknowledge(client_for(cast.parent_a), dose)
    acknowledge(client_for(cast.parent_a_home2), dose)
    rows = [(a.household, a.acknowledged_by) for a in dose.acknowledgements.order_by("household")]
    assert rows == [(1, cast.parent_a), (2, cast.parent_a_home2)]
    html = medication(client_for(cast.parent_a_home2), dose)
    assert f"Yes: {cast.parent_a_home2.full_name}" in html
    assert cast.parent_a.full_name not in html
    assert BUTTON not in html
    html = medication(client_for(cast.parent_a), dose)
    assert f"Yes: {cast.parent_a.full_name}" in html
    assert cast.parent_a_home2.full_name not in html


def test_an_adult_of_the_same_home_acknowledges_for_the_home(cast, client_for, dose):
    gran = ParentFactory(email="gran@example.org", full_name="Gwen Ashworth")
    ParentLinkFactory(parent=gran, child=cast.child_a, household=1)
    acknowledge(client_for(gran), dose)
    assert not waiting(client_for(cast.parent_a))
    html = medication(client_for(cast.parent_a), dose)
    assert "Yes: Gwen Ashworth" in html and BUTTON not in html
    # Alex's own click changes nothing: the home has answered.
    acknowledge(client_for(cast.parent_a), dose)
    assert [(a.household, a.acknowledged_by) for a in dose.acknowledgements.all()] == [(1, gran)]
    assert waiting(client_for(cast.parent_a_home2))
    assert "Gwen Ashworth" not in medication(client_for(cast.parent_a_home2), dose)


def test_a_home_acknowledges_once(cast, client_for, dose):
    client = client_for(cast.parent_a)
    acknowledge(client, dose)
    first = dose.acknowledgements.get()
    acknowledge(client, dose)  # a double click
    assert dose.acknowledgements.get() == first
    assert AuditEvent.objects.filter(action="consents.dose.acknowledged").count() == 1
    assert dose_acknowledge(dose=dose, by=cast.parent_a_home2) is True
    assert dose_acknowledge(dose=dose, by=cast.parent_a_home2) is False
    assert AuditEvent.objects.filter(action="consents.dose.acknowledged").count() == 2


def test_staff_see_each_homes_acknowledgement(cast, client_for, dose):
    def staff(name, *args):
        return page(client_for(cast.key_person), name, *args)

    assert NOT_YET in staff("consents:medication", cast.child_a.pk)
    assert "not yet seen by the family" in staff("families:child_detail", cast.child_a.pk)
    acknowledge(client_for(cast.parent_a), dose)
    html = staff("consents:medication", cast.child_a.pk)
    assert f"Yes: {cast.parent_a.full_name}" in html
    assert "Seen by 1 of 2 homes" in html
    assert "Seen by 1 of 2 homes" in staff("families:child_detail", cast.child_a.pk)
    acknowledge(client_for(cast.parent_a_home2), dose)
    html = staff("consents:medication", cast.child_a.pk)
    assert f"Yes: {cast.parent_a.full_name}" in html
    assert f"Yes: {cast.parent_a_home2.full_name}" in html
    assert NOT_YET not in html and SEEN_BY not in html
    child_page = staff("families:child_detail", cast.child_a.pk)
    assert "not yet seen" not in child_page and SEEN_BY not in child_page


def test_the_staff_panel_keeps_the_dose_until_every_home_has_acknowledged(cast, client_for, dose):
    for person in (cast.key_person, cast.manager):
        assert STAFF_WAITING in page(client_for(person), "home")
    acknowledge(client_for(cast.parent_a), dose)
    for person in (cast.key_person, cast.manager):
        home = page(client_for(person), "home")
        assert STAFF_WAITING in home and "Seen by 1 of 2 homes" in home
    acknowledge(client_for(cast.parent_a_home2), dose)
    for person in (cast.key_person, cast.manager):
        assert STAFF_WAITING not in page(client_for(person), "home")


def test_a_child_with_one_home_waits_for_that_home_only(cast, client_for):
    permission = MedicationPermissionFactory(child=cast.child_b, given_by=cast.parent_b)
    dose = MedicationDoseFactory(
        permission=permission, given_by=cast.practitioner, witnessed_by=cast.key_person
    )
    assert STAFF_WAITING in page(client_for(cast.practitioner), "home")
    acknowledge(client_for(cast.parent_b), dose)
    assert STAFF_WAITING not in page(client_for(cast.practitioner), "home")
    assert NOT_YET not in medication(client_for(cast.practitioner), dose)


def _seen(cast, dose):
    """Home 1 and home 2 acknowledged the dose at times of their own."""
    DoseAcknowledgement.objects.create(
        dose=dose,
        household=1,
        child=dose.child,
        acknowledged_by=cast.parent_a,
        acknowledged_at=datetime(2026, 3, 4, 9, 15, tzinfo=UTC),
    )
    DoseAcknowledgement.objects.create(
        dose=dose,
        household=2,
        child=dose.child,
        acknowledged_by=cast.parent_a_home2,
        acknowledged_at=datetime(2026, 5, 6, 17, 45, tzinfo=UTC),
    )


def _pack(cast, recipient):
    [section] = [
        s
        for s in gather_child_records(child=cast.child_a, recipient=recipient)
        if s["key"] == "consents.leaver_records"
    ]
    return section["html"]


HOME1_SEEN = "4 Mar 2026"
HOME2_SEEN = "6 May 2026"


@pytest.mark.parametrize(
    ("recipient", "own", "other"),
    [
        (lambda cast: ParentsCopy(cast.parent_a), HOME1_SEEN, HOME2_SEEN),
        (lambda cast: ParentsCopy(cast.parent_a_home2), HOME2_SEEN, HOME1_SEEN),
        (lambda cast: SubjectAccess(adult=cast.parent_a), HOME1_SEEN, HOME2_SEEN),
        (lambda cast: SubjectAccess(adult=cast.parent_a_home2), HOME2_SEEN, HOME1_SEEN),
    ],
    ids=["bundle-home1", "bundle-home2", "subject-access-home1", "subject-access-home2"],
)
def test_a_familys_pack_shows_only_the_readers_homes_acknowledgement(
    cast, dose, recipient, own, other
):
    _seen(cast, dose)
    html = _pack(cast, recipient(cast))
    assert own in html and other not in html


def test_a_pack_shows_the_dose_unseen_when_the_readers_home_has_not_seen_it(cast, dose):
    DoseAcknowledgement.objects.create(
        dose=dose,
        household=1,
        child=dose.child,
        acknowledged_by=cast.parent_a,
        acknowledged_at=datetime(2026, 3, 4, 9, 15, tzinfo=UTC),
    )
    assert HOME1_SEEN not in _pack(cast, ParentsCopy(cast.parent_a_home2))
    # A family copy with no reader: no home's.
    assert HOME1_SEEN not in _pack(cast, "parents")


def test_the_medication_page_holds_its_query_count_with_both_homes_acknowledging(
    cast, client_for, dose
):
    """Staff read each home's acknowledgement of every dose, a parent their
    own home's, in a fixed number of queries whatever the number of doses."""

    def grow(n):
        for i in range(n):
            more = MedicationDoseFactory(
                permission=dose.permission,
                given_by=cast.key_person,
                witnessed_by=cast.practitioner,
                given_at=timezone.now() - timedelta(days=i % 5, hours=i + 1),
            )
            dose_acknowledge(dose=more, by=cast.parent_a)
            dose_acknowledge(dose=more, by=cast.parent_a_home2)

    for part, person in (("[staff]", cast.key_person), ("[parent]", cast.parent_a_home2)):
        client = client_for(person)
        response = assert_fixed_queries(
            fetch=lambda client=client: client.get(
                reverse("consents:medication", args=[cast.child_a.pk])
            ),
            grow=grow,
            part=part,
        )
        html = response.content.decode()
        assert (cast.parent_a.full_name in html) is (person == cast.key_person)


@pytest.mark.django_db(transaction=True)
def test_the_acknowledgements_recorded_before_become_their_homes():
    """Nothing is lost: each dose acknowledged before the change keeps its
    acknowledgement, as that of the home of the adult who saw it (the
    first home when no link says)."""
    before = [("consents", "0006_text_fields_bounded")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps
        # The other apps' tables are as they are now (only consents went back).
        mum = ParentFactory(email="mum@example.org")
        dad = ParentFactory(email="dad@example.org")
        gran = ParentFactory(email="gran@example.org")
        child = ChildFactory(first_name="Ada", last_name="Ashworth", date_of_birth=date(2024, 1, 1))
        ParentLinkFactory(parent=mum, child=child, household=1)
        ParentLinkFactory(parent=dad, child=child, household=2)
        staff = [ParentFactory(email=f"staff{n}@example.org") for n in range(2)]
        Permission = old.get_model("consents", "MedicationPermission")
        Dose = old.get_model("consents", "MedicationDose")
        Acknowledgement = old.get_model("consents", "DoseAcknowledgement")
        permission = Permission.objects.create(
            child_id=child.pk,
            medicine="Calpol",
            dose_amount=Decimal("5"),
            dose_unit="ml",
            timing="If temperature is above 38°C",
            starts_on=date(2026, 11, 1),
            ends_on=date(2026, 11, 9),
            storage="Cupboard",
            declaration=True,
            given_by_id=mum.pk,
            recorded_by_id=mum.pk,
            method="online",
        )
        when = datetime(2026, 11, 2, 18, tzinfo=UTC)
        doses = [
            Dose.objects.create(
                child_id=child.pk,
                permission=permission,
                given_at=when - timedelta(days=n),
                amount=Decimal("5"),
                given_by_id=staff[0].pk,
                witnessed_by_id=staff[1].pk,
                recorded_by_id=staff[0].pk,
            )
            for n in range(4)
        ]
        for dose, adult in zip(doses, (mum, dad, gran), strict=False):
            Acknowledgement.objects.create(
                dose=dose, child_id=child.pk, acknowledged_by_id=adult.pk, acknowledged_at=when
            )
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    rows = [
        (a.dose_id, a.household, a.acknowledged_by_id, a.acknowledged_at)
        for a in DoseAcknowledgement.objects.order_by("dose_id")
    ]
    assert sorted(rows) == sorted(
        [
            (doses[0].pk, 1, mum.pk, when),
            (doses[1].pk, 2, dad.pk, when),
            (doses[2].pk, 1, gran.pk, when),
        ]
    )
    # The fourth dose, never acknowledged, waits for both homes.
    assert not DoseAcknowledgement.objects.filter(dose_id=doses[3].pk).exists()


def test_the_demos_acknowledgements_are_their_adults_homes(db, capsys):
    """Each acknowledgement in the demo is that of the home of the adult who
    made it."""
    call_command("demo")
    capsys.readouterr()
    homes = {(link.parent_id, link.child_id): link.household for link in ParentLink.objects.all()}
    acknowledgements = list(DoseAcknowledgement.objects.select_related("dose"))
    assert acknowledgements
    for ack in acknowledgements:
        assert ack.household == homes[(ack.acknowledged_by_id, ack.dose.child_id)]
