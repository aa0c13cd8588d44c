"""Health alerts: entries, "new until seen", life-threatening ones for every
member of staff on the roster, the child's page, the board, the outing list
and the event page; what the family wrote on the details form kept in
sight until staff mark it dealt with."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consents.models import ConsentType
from nursery.models import AuditEvent
from nursery.setting.models import Event, EventSignup
from safety.models import HealthAlert
from safety.services import (
    alert_confirm_seen,
    alert_end,
    alert_save,
    written_digest,
    written_health,
)
from tests.safety.factories import HealthAlertFactory, MustNotCollectFactory
from tests.utils import database_fingerprint

STAFF = ("practitioner", "key_person", "dsl", "manager")


def add_alert(client, cast, **changes):
    data = {
        "kind": "allergy",
        "what": "Peanuts",
        "severity": "life_threatening",
        "what_to_do": "Give the auto-injector in the thigh, call 999.",
        "medicine_kept": "Adrenaline auto-injector",
        "medicine_expires_on": (timezone.localdate() + timedelta(days=180)).isoformat(),
    }
    data.update(changes)
    return client.post(reverse("safety:alert_create", kwargs={"pk": cast.child_a.pk}), data)


def test_parent_adds_an_alert_that_waits_as_new_until_staff_confirm(cast, client_for):
    response = add_alert(client_for(cast.parent_a), cast)
    assert response.status_code == 302
    alert = HealthAlert.objects.get()
    assert alert.is_new and alert.changed_by == cast.parent_a
    page = client_for(cast.key_person).get(reverse("home")).content.decode()
    assert "New health alerts, not yet seen by staff" in page
    assert "Peanuts" in page
    client = client_for(cast.practitioner)
    response = client.post(
        reverse("safety:alert_seen", kwargs={"pk": cast.child_a.pk, "alert_pk": alert.pk})
    )
    assert response.status_code == 302
    alert.refresh_from_db()
    assert alert.seen_by == cast.practitioner and alert.seen_at is not None
    assert AuditEvent.objects.filter(
        action="safety.healthalert.seen", actor=cast.practitioner
    ).exists()
    home = client_for(cast.key_person).get(reverse("home")).content.decode()
    assert "New health alerts, not yet seen by staff" not in home


def test_a_parents_change_makes_the_alert_new_again(cast):
    alert = HealthAlertFactory(child=cast.child_a, changed_by=cast.key_person)
    assert not alert.is_new
    alert.what_to_do = "Give the auto-injector and call 999 at once."
    alert_save(alert=alert, child=cast.child_a, by=cast.parent_a)
    alert.refresh_from_db()
    assert alert.is_new
    assert alert.history.count() == 2
    alert_confirm_seen(alert=alert, by=cast.dsl)
    alert_save(alert=alert, child=cast.child_a, by=cast.key_person)
    alert.refresh_from_db()
    assert alert.seen_by == cast.key_person


def test_an_expiry_mistyped_years_ahead_is_refused_and_one_already_past_is_kept(cast, client_for):
    """2062 typed for 2026 would never show the pen as expired: it is
    refused with a message. An expiry already past is a fact to act on: it
    is recorded, and shown as expired."""
    client = client_for(cast.parent_a)
    before = database_fingerprint()
    response = add_alert(client, cast, medicine_expires_on="9999-12-31")
    assert response.status_code == 200
    assert "Check the expiry date: it is more than 5 years away." in response.text
    assert database_fingerprint() == before
    past = timezone.localdate() - timedelta(days=3)
    assert add_alert(client, cast, medicine_expires_on=past.isoformat()).status_code == 302
    assert HealthAlert.objects.get().medicine_expired


def test_alert_without_severity_or_expiry_is_refused_and_nothing_saved(cast, client_for):
    client = client_for(cast.parent_a)
    before = database_fingerprint()
    response = add_alert(client, cast, severity="", medicine_expires_on="")
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "severity" in errors and "medicine_expires_on" in errors
    assert database_fingerprint() == before
    response = add_alert(client, cast, kind="diet", severity="", diet_kind="")
    assert "diet_kind" in response.context["form"].errors
    assert database_fingerprint() == before


@pytest.mark.parametrize("member", ["parent_b", "parent_restricted"])
def test_parent_of_another_family_cannot_add_an_alert(member, cast, client_for):
    client = client_for(getattr(cast, member))
    before = database_fingerprint()
    assert add_alert(client, cast).status_code == 404
    assert database_fingerprint() == before


@pytest.fixture
def life_threatening(cast):
    HealthAlertFactory(child=cast.child_a, changed_by=cast.parent_a, seen_at=None)
    MustNotCollectFactory(child=cast.child_a, recorded_by=cast.manager)


@pytest.mark.parametrize("member", STAFF)
def test_every_member_of_staff_sees_life_threatening_alert_and_must_not_collect(
    member, cast, client_for, life_threatening
):
    client = client_for(getattr(cast, member))
    pages = {
        "roster": reverse("families:roster"),
        "child": cast.child_a.get_absolute_url(),
        "board": reverse("safety:board", kwargs={"pk": cast.child_a.room_id}),
        "outings": reverse("consents:outings"),
        "register": reverse("safety:register"),
    }
    for name, url in pages.items():
        page = client.get(url).content.decode()
        assert "Life-threatening: Peanuts" in page, name
        assert "Must not collect: Rory Ashworth" in page, name
        # The detail behind the restriction is not on these pages.
        assert "Prohibited steps order" not in page, name


def test_event_page_shows_the_alert_beside_the_child_for_staff(cast, client_for, life_threatening):
    event = Event.objects.create(
        title="Summer picnic",
        kind="outing",
        starts_at=timezone.now() + timedelta(days=3),
        created_by=cast.manager,
    )
    signup = EventSignup.objects.create(event=event, parent=cast.parent_a, adults=1)
    signup.children.add(cast.child_a)
    page = client_for(cast.practitioner).get(event.get_absolute_url()).content.decode()
    assert "Life-threatening: Peanuts" in page


def test_restriction_detail_only_for_key_person_dsl_and_manager(cast, client_for, life_threatening):
    url = reverse("safety:child", kwargs={"pk": cast.child_a.pk})
    for member in ("key_person", "dsl", "manager"):
        assert (
            "Prohibited steps order" in client_for(getattr(cast, member)).get(url).content.decode()
        )
    page = client_for(cast.practitioner).get(url).content.decode()
    assert "Must not collect: Rory Ashworth" in page
    assert "Prohibited steps order" not in page
    page = client_for(cast.parent_a).get(url).content.decode()
    assert "Rory Ashworth" not in page


def test_parents_see_their_own_childs_alerts_never_another_familys(cast, client_for):
    HealthAlertFactory(child=cast.child_a, what="Sesame")
    HealthAlertFactory(child=cast.child_b, what="Kiwi")
    page = (
        client_for(cast.parent_a)
        .get(reverse("safety:child", kwargs={"pk": cast.child_a.pk}))
        .content.decode()
    )
    assert "Sesame" in page and "Kiwi" not in page
    url = reverse("safety:child", kwargs={"pk": cast.child_b.pk})
    assert client_for(cast.parent_a).get(url).status_code == 404
    assert (
        client_for(cast.parent_restricted)
        .get(reverse("safety:child", kwargs={"pk": cast.child_a.pk}))
        .status_code
        == 404
    )


def deal_with(client, cast, field, text):
    return client.post(
        reverse("safety:written_health_dealt_with", args=[cast.child_a.pk, field]),
        {"seen": written_digest(text)},
        follow=True,
    )


def test_free_text_shows_to_staff_beside_the_alerts_until_they_mark_it_dealt_with(cast, client_for):
    """The family wrote two allergies; staff recorded an alert for one. The
    other must not vanish from the board because an allergy alert exists:
    what the family wrote stays beside the alerts until a member of staff
    marks it dealt with, and shows again when the family changes it."""
    details = cast.child_a.details
    details.allergies = "Peanuts (severe, carries an auto-injector). Eggs."
    details.dietary_needs = "Halal"
    details.save()
    assert written_health(details) == {
        "allergies": "Peanuts (severe, carries an auto-injector). Eggs.",
        "dietary_needs": "Halal",
    }
    url = reverse("safety:child", kwargs={"pk": cast.child_a.pk})
    board = reverse("safety:board", kwargs={"pk": cast.child_a.room_id})
    key_person = client_for(cast.key_person)
    page = key_person.get(url).text
    assert "details form, not yet dealt with" in page and "Eggs." in page
    assert "Eggs." in key_person.get(board).text

    HealthAlertFactory(child=cast.child_a, what="Peanuts")
    assert "Eggs." in key_person.get(url).text
    assert "Eggs." in key_person.get(board).text

    done = deal_with(key_person, cast, "allergies", details.allergies)
    assert "Marked as dealt with." in done.text
    assert "Eggs." not in done.text and "Halal" in done.text
    assert "Eggs." not in key_person.get(board).text
    # The practical details themselves are never changed, and the history says who marked it.
    details.refresh_from_db()
    assert details.allergies.endswith("Eggs.")
    assert details.history.first().history_user == cast.key_person
    history = key_person.get(reverse("families:details_history", args=[cast.child_a.pk])).text
    assert "Allergies marked as dealt with by staff" in history
    assert "allergies dealt with" not in history  # the words kept, never shown as they are
    event = AuditEvent.objects.get(action="safety.written_health.dealt_with")
    assert (event.actor, event.child, event.data) == (
        cast.key_person,
        cast.child_a,
        {"written": "allergies"},
    )

    # The family adds a third allergy: it shows again, whole.
    details.allergies += " Kiwi."
    details.save()
    assert "Kiwi." in key_person.get(board).text
    assert "Kiwi." in key_person.get(url).text


@pytest.mark.parametrize("how", ["ended", "changed"])
def test_an_alert_ended_or_changed_shows_what_the_family_wrote_again(how, cast, client_for):
    """The mark was given while the peanut alert stood. When a parent ends
    that alert, or it is changed, the family's words come back to staff
    until someone marks them anew: no allergy is left unmarked anywhere."""
    details = cast.child_a.details
    details.allergies = "Peanuts (severe)"
    details.save()
    alert = HealthAlertFactory(child=cast.child_a, what="Peanuts")
    key_person = client_for(cast.key_person)
    deal_with(key_person, cast, "allergies", details.allergies)
    board = reverse("safety:board", kwargs={"pk": cast.child_a.room_id})
    assert "Peanuts (severe)" not in key_person.get(board).text
    if how == "ended":
        alert_end(alert=alert, by=cast.parent_a)
    else:
        alert.what = "Peanut butter"
        alert_save(alert=alert, child=cast.child_a, by=cast.parent_a)
    assert "Peanuts (severe)" in key_person.get(board).text
    assert (
        "Allergies on the details form: Peanuts (severe)"
        in key_person.get(reverse("families:roster")).text
    )
    details.refresh_from_db()
    assert "allergies" not in details.dealt_with
    history = key_person.get(reverse("families:details_history", args=[cast.child_a.pk])).text
    assert "Shown to staff again: a health alert changed or ended" in history


def test_a_text_changed_since_the_page_was_read_is_not_marked(cast, client_for):
    details = cast.child_a.details
    details.allergies = "Peanuts"
    details.save()
    seen = details.allergies
    details.allergies = "Peanuts, sesame"
    details.save()
    manager = client_for(cast.manager)
    before = database_fingerprint()
    response = deal_with(manager, cast, "allergies", seen)
    assert "The family changed what they wrote since you opened the page." in response.text
    assert "Peanuts, sesame" in response.text
    assert database_fingerprint() == before


@pytest.mark.parametrize("field", ["allergies", "address", "nonsense"])
def test_nothing_written_or_no_such_part_is_refused_and_changes_nothing(field, cast, client_for):
    details = cast.child_a.details
    details.allergies = "None known."
    details.save()
    manager = client_for(cast.manager)
    before = database_fingerprint()
    response = deal_with(manager, cast, field, getattr(details, field, ""))
    assert response.status_code == 200
    assert "There is nothing to mark here." in response.text
    assert database_fingerprint() == before


def test_while_no_alert_of_its_kind_is_recorded_the_text_cannot_be_marked(cast, client_for):
    """One tap must never take an allergy off every list: with no allergy
    alert, staff are asked to record one first (or to put the details form
    right with the family), and a post is refused, changing nothing."""
    details = cast.child_a.details
    details.allergies = "Peanuts"
    details.save()
    HealthAlertFactory(child=cast.child_a, kind="condition", what="Asthma")
    manager = client_for(cast.manager)
    page = manager.get(reverse("safety:child", kwargs={"pk": cast.child_a.pk})).text
    assert "Mark as dealt with: Allergies" not in page
    assert "Record it as an alert first." in page
    before = database_fingerprint()
    response = deal_with(manager, cast, "allergies", "Peanuts")
    assert "Record what is written here as alerts first" in response.text
    assert database_fingerprint() == before
    assert "Allergies on the details form: Peanuts" in manager.get(reverse("families:roster")).text


def test_only_staff_who_write_for_the_child_see_the_button(cast, client_for):
    details = cast.child_a.details
    details.medical_notes = "Epilepsy"
    details.save()
    HealthAlertFactory(child=cast.child_a, kind="condition", what="Epilepsy")
    url = reverse("safety:child", kwargs={"pk": cast.child_a.pk})
    button = "Mark as dealt with: Health"
    for person in ("key_person", "dsl", "manager"):
        assert button in client_for(getattr(cast, person)).get(url).text, person
    practitioner = client_for(cast.practitioner).get(url).text
    assert "Epilepsy" in practitioner and button not in practitioner
    # Told who may, rather than that any member of staff may.
    assert "Shown until the key person, the safeguarding lead or the manager" in practitioner
    # The family see their own words in the details, not staff's to-do.
    assert button not in client_for(cast.parent_a).get(url).text


def test_emergency_treatment_consent_missing_shows_on_the_board(cast, client_for):
    assert ConsentType.objects.filter(code="emergency_treatment").exists()
    url = reverse("safety:board", kwargs={"pk": cast.child_a.room_id})
    page = client_for(cast.practitioner).get(url).content.decode()
    flag = ConsentType.objects.get(code="emergency_treatment").staff_flag
    assert flag and flag in page


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example/"])
def test_confirming_an_alert_never_redirects_off_the_portal(target, cast, client_for):
    alert = HealthAlertFactory(child=cast.child_a, changed_by=cast.parent_a, seen_at=None)
    response = client_for(cast.practitioner).post(
        reverse("safety:alert_seen", kwargs={"pk": cast.child_a.pk, "alert_pk": alert.pk}),
        {"next": target},
    )
    assert response["Location"] == reverse("safety:child", kwargs={"pk": cast.child_a.pk})


def test_a_severe_condition_and_a_medicine_kept_here_reach_the_register_and_the_outing_list(
    cast, client_for
):
    """Severe asthma a parent just added (not yet seen by staff), and a mild
    allergy with a medicine kept here: both beside the child's name where
    staff sign in and plan an outing (the inhaler goes too); a mild one with
    nothing kept is on the board and the child's page only."""
    HealthAlertFactory(
        child=cast.child_a,
        kind="condition",
        what="Asthma",
        severity="severe",
        medicine_kept="Blue inhaler",
        changed_by=cast.parent_a,
        seen_by=None,
        seen_at=None,
    )
    HealthAlertFactory(child=cast.child_a, what="Hay fever", severity="mild", medicine_kept="Drops")
    HealthAlertFactory(child=cast.child_a, what="Kiwi", severity="mild", medicine_kept="")
    client = client_for(cast.practitioner)
    for url in (
        reverse("safety:register"),
        reverse("consents:outings"),
        reverse("families:roster"),
        # The room board carries the same marks, seen by staff or not.
        reverse("safety:board", kwargs={"pk": cast.child_a.room_id}),
    ):
        page = client.get(url).content.decode()
        assert "Severe: Asthma · Blue inhaler" in page, url
        assert "Medicine kept here: Hay fever · Drops" in page, url
        assert "Kiwi" not in page, url


def test_allergies_written_on_the_details_form_are_marked_until_staff_deal_with_them(
    cast, client_for
):
    """A family wrote "peanuts" on the details form and no one has yet dealt
    with it: staff taking the register, planning an outing or reading the
    roster see it beside the child's name, even once an allergy alert is
    recorded (the text may name another), until staff mark it dealt with."""
    details = cast.child_a.details
    details.allergies = "Peanuts and\nsesame"
    details.save()
    cast.child_b.details.allergies = "None known"
    cast.child_b.details.save()
    client = client_for(cast.practitioner)
    urls = (
        reverse("safety:register"),
        reverse("consents:outings"),
        reverse("families:roster"),
        reverse("safety:board", kwargs={"pk": cast.child_a.room_id}),
    )
    for url in urls:
        page = client.get(url).content.decode()
        assert "Allergies on the details form: Peanuts and sesame" in page, url
        assert page.count("Allergies on the details form") == 1, url

    # The child's page never says "none recorded" beside what the family wrote.
    child_page = client.get(reverse("families:child_detail", args=[cast.child_a.pk]))
    child_page = child_page.content.decode()
    assert "No health alert is recorded yet: the practical details on this page say" in child_page
    assert child_page.count("Peanuts and\nsesame") == 1  # in the details, said once
    assert "No allergies, conditions or dietary needs are recorded." not in child_page

    HealthAlertFactory(child=cast.child_a, what="Peanuts", severity="mild", medicine_kept="")
    for url in urls:
        assert "Allergies on the details form: Peanuts and sesame" in client.get(url).text, url
    done = deal_with(client_for(cast.key_person), cast, "allergies", details.allergies)
    assert "Marked as dealt with." in done.text
    client = client_for(cast.practitioner)
    for url in urls:
        assert "Allergies on the details form" not in client.get(url).content.decode(), url


def test_health_conditions_written_on_the_details_form_are_marked_until_staff_deal_with_them(
    cast, client_for
):
    """A family wrote "Epilepsy: rescue medicine in the office" on the details form
    as a health condition staff should know about: it is marked beside the
    child's name wherever staff act, as an allergy written there is, until
    staff mark it dealt with (a condition alert alone does not); a diet is
    not marked."""
    details = cast.child_a.details
    details.medical_notes = "Epilepsy: rescue\nmedicine in the office"
    details.dietary_needs = "Vegetarian"
    details.save()
    cast.child_b.details.medical_notes = "None known."
    cast.child_b.details.save()
    HealthAlertFactory(child=cast.child_a, what="Kiwi", severity="mild", medicine_kept="")
    client = client_for(cast.practitioner)
    urls = (reverse("safety:register"), reverse("consents:outings"), reverse("families:roster"))
    mark = "Health conditions on the details form: Epilepsy: rescue medicine in the office"
    for url in urls:
        page = client.get(url).content.decode()
        assert mark in page, url
        assert page.count("Health conditions on the details form") == 1, url
        assert "Vegetarian" not in page, url

    HealthAlertFactory(
        child=cast.child_a, kind="condition", what="Epilepsy", severity="mild", medicine_kept=""
    )
    for url in urls:
        assert mark in client.get(url).text, url
    done = deal_with(client_for(cast.dsl), cast, "medical_notes", details.medical_notes)
    assert "Marked as dealt with." in done.text
    client = client_for(cast.practitioner)
    for url in urls:
        assert "Health conditions on the details form" not in client.get(url).content.decode(), url


def test_the_room_board_says_how_to_know_a_person_who_must_not_collect(cast, client_for):
    """Staff at the door know the name and how to recognise the person; the
    detail behind the restriction stays off the board."""
    MustNotCollectFactory(
        child=cast.child_a,
        name="Rory Ashworth",
        description="Tall, short grey hair",
        recorded_by=cast.manager,
    )
    board = reverse("safety:board", kwargs={"pk": cast.child_a.room_id})
    page = client_for(cast.practitioner).get(board).content.decode()
    assert "How to know Rory Ashworth: Tall, short grey hair" in page
    assert "Prohibited steps order" not in page
