"""Each home acknowledges the record of an accident for itself.

In the cast, parent_a (Alex, household 1) and parent_a_home2 (Sam Cole,
household 2) are both adults of child A. When one home reads the record of
an accident, the other home still finds it waiting, is never shown who in
the other home read it nor what they said, and acknowledges for its own
home; staff see each home's acknowledgement, and the accident stays on
their list until every home has read it.
"""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from nursery.models import AuditEvent
from safety.models import Accident, AcknowledgementOfAccident, ParentContact
from tests.factories import ParentFactory, ParentLinkFactory
from tests.safety.factories import AccidentFactory

COMMENT = "We iced it again at bedtime."


@pytest.fixture
def accident(cast):
    return AccidentFactory(child=cast.child_a, recorded_by=cast.key_person)


def acknowledge(client, accident, comment=""):
    url = reverse("safety:accident_acknowledge", kwargs={"pk": accident.pk})
    return client.post(url, {"comment": comment})


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def waiting_at_home(client, accident):
    return f'href="{accident.get_absolute_url()}"' in page(client, reverse("home"))


def test_one_homes_reading_leaves_the_accident_waiting_for_the_other(cast, client_for, accident):
    home1, home2 = cast.parent_a, cast.parent_a_home2
    assert waiting_at_home(client_for(home1), accident)
    assert waiting_at_home(client_for(home2), accident)

    assert acknowledge(client_for(home1), accident, COMMENT).status_code == 302
    assert not waiting_at_home(client_for(home1), accident)
    mine = page(client_for(home1), accident.get_absolute_url())
    assert home1.full_name in mine and COMMENT in mine

    client = client_for(home2)
    assert waiting_at_home(client, accident)
    theirs = page(client, accident.get_absolute_url())
    assert "I have read this record" in theirs
    assert home1.full_name not in theirs and COMMENT not in theirs

    assert acknowledge(client, accident).status_code == 302
    assert not waiting_at_home(client, accident)
    theirs = page(client, accident.get_absolute_url())
    assert home2.full_name in theirs and home1.full_name not in theirs
    assert sorted(accident.acknowledgements.values_list("household", flat=True)) == [1, 2]


def test_an_adult_of_the_same_home_answers_for_it(cast, client_for, accident):
    stepdad = ParentFactory(email="step@example.org", full_name="Robin Ashworth")
    ParentLinkFactory(parent=stepdad, child=cast.child_a, household=1)
    acknowledge(client_for(cast.parent_a), accident, COMMENT)
    client = client_for(stepdad)
    assert not waiting_at_home(client, accident)
    shown = page(client, accident.get_absolute_url())
    assert cast.parent_a.full_name in shown and COMMENT in shown
    assert "I have read this record" not in shown


def test_each_home_acknowledges_once(cast, client_for, accident):
    client = client_for(cast.parent_a)
    acknowledge(client, accident, "First")
    acknowledge(client, accident, "Second")
    (ack,) = accident.acknowledgements.all()
    assert ack.comment == "First"
    code = "safety.accident.acknowledged"
    assert AuditEvent.objects.filter(action=code, object_id=str(accident.pk)).count() == 1


def test_staff_see_each_homes_reading_and_follow_up_until_every_home_has(
    cast, client_for, accident
):
    staff = client_for(cast.key_person)
    listed = page(staff, reverse("safety:accidents"))
    assert accident.get_absolute_url() in listed.split("The last thirty days")[0]

    acknowledge(client_for(cast.parent_a), accident, COMMENT)
    staff = client_for(cast.key_person)
    listed = page(staff, reverse("safety:accidents"))
    waiting = listed.split("The last thirty days")[0]
    assert accident.get_absolute_url() in waiting
    assert "Read by 1 of 2 homes" in listed
    # The state sits inside its brackets, with no space before the last.
    assert "(Read by 1 of 2 homes)" in waiting
    shown = page(staff, accident.get_absolute_url())
    assert "Read by 1 of 2 homes" in shown
    assert cast.parent_a.full_name in shown and COMMENT in shown
    assert "Accidents" in page(staff, reverse("home"))

    acknowledge(client_for(cast.parent_a_home2), accident)
    staff = client_for(cast.key_person)
    listed = page(staff, reverse("safety:accidents"))
    assert accident.get_absolute_url() not in listed.split("The last thirty days")[0]
    shown = page(staff, accident.get_absolute_url())
    assert cast.parent_a.full_name in shown and cast.parent_a_home2.full_name in shown
    assert "Read by 1 of 2 homes" not in shown


def test_the_childs_safety_page_says_only_the_parents_own_home(cast, client_for, accident):
    acknowledge(client_for(cast.parent_a), accident)
    url = reverse("safety:child", kwargs={"pk": cast.child_a.pk})
    assert "Not read yet" in page(client_for(cast.parent_a_home2), url)
    assert "Read by 1 of 2 homes" not in page(client_for(cast.parent_a_home2), url)
    assert "Read by 1 of 2 homes" in page(client_for(cast.key_person), url)


@pytest.mark.django_db(transaction=True)
def test_the_acknowledgements_recorded_before_are_kept_as_the_readers_homes():
    """Nothing is lost: each accident read before the change keeps its
    acknowledgement, as that of the home of the adult who read it."""
    before = [("safety", "0002_text_fields_bounded")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    # The models as they were then: the families app is as it is now.
    old = executor.loader.project_state([*before, ("families", "0009_reads_per_household")]).apps
    mum = ParentFactory(email="mum@example.org")
    dad = ParentFactory(email="dad@example.org")
    child = old.get_model("families", "Child").objects.create(
        first_name="Ada", last_name="Ashworth", date_of_birth=date(2024, 1, 1)
    )
    Link = old.get_model("families", "ParentLink")
    for parent, household in ((mum, 1), (dad, 2)):
        Link.objects.create(
            parent_id=parent.pk,
            child=child,
            relationship="parent",
            has_parental_responsibility=True,
            household=household,
        )
    OldAccident = old.get_model("safety", "Accident")
    common = {
        "child": child,
        "kind": "accident",
        "occurred_at": timezone.now() - timedelta(days=1),
        "location": "Garden",
        "what_happened": "Tripped.",
        "injury": "bump",
        "body_area": "leg",
        "recorded_by_id": mum.pk,
    }
    read, unread = OldAccident.objects.create(**common), OldAccident.objects.create(**common)
    when = datetime(2026, 11, 2, 18, tzinfo=UTC)
    old.get_model("safety", "AcknowledgementOfAccident").objects.create(
        accident=read, acknowledged_by_id=dad.pk, acknowledged_at=when, comment="Seen"
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    rows = list(
        AcknowledgementOfAccident.objects.values_list(
            "accident", "household", "acknowledged_by", "acknowledged_at", "comment"
        )
    )
    assert rows == [(read.pk, 2, dad.pk, when, "Seen")]
    assert not Accident.objects.get(pk=unread.pk).acknowledgements.exists()


@pytest.mark.django_db(transaction=True)
def test_older_contacts_naming_one_of_the_childs_adults_become_that_adults():
    """A contact noted by name before the form asked which parent: the name
    of exactly one of the child's adults makes it that adult's (read by
    their home only); a name of nobody's, or of more than one, stays as
    written."""
    before = [("safety", "0007_parent_contact_adult")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(
        [*before, ("families", "0010_comments_kept_for_each_adult")]
    ).apps
    mum = ParentFactory(email="mum@example.org", full_name="Alex Ashworth")
    dad = ParentFactory(email="dad@example.org", full_name="Rory Ashworth")
    child = old.get_model("families", "Child").objects.create(
        first_name="Ada", last_name="Ashworth", date_of_birth=date(2024, 1, 1)
    )
    Link = old.get_model("families", "ParentLink")
    for parent, household, relationship in ((mum, 1, "mother"), (dad, 2, "father")):
        Link.objects.create(
            parent_id=parent.pk,
            child=child,
            relationship=relationship,
            has_parental_responsibility=True,
            household=household,
        )
    accident = old.get_model("safety", "Accident").objects.create(
        child=child,
        kind="accident",
        occurred_at=timezone.now() - timedelta(days=1),
        location="Garden",
        what_happened="Fell.",
        injury="bump",
        body_area="leg",
        recorded_by_id=mum.pk,
        medical_emergency=True,
    )
    OldContact = old.get_model("safety", "ParentContact")
    written = {}
    names = (
        "alex ashworth - mother",
        "Grandma Joan",
        "Ashworth",
        "Rory J. Ashworth",
        "Ada's dad",
        "Mr Ashworth",
    )
    for name in names:
        written[name] = OldContact.objects.create(
            accident=accident,
            at=timezone.now(),
            contacted=name,
            how="Phone call",
            told="Unwell.",
            by_id=mum.pk,
        ).pk

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    adults = dict(ParentContact.objects.values_list("pk", "adult"))
    assert adults == {
        written["alex ashworth - mother"]: mum.pk,
        written["Grandma Joan"]: None,
        written["Ashworth"]: None,  # both adults' surname: left as written
        written["Rory J. Ashworth"]: dad.pk,
        written["Ada's dad"]: dad.pk,
        written["Mr Ashworth"]: None,  # a title and the surname of both
    }
    assert ParentContact.objects.get(pk=written["Grandma Joan"]).contacted == "Grandma Joan"
