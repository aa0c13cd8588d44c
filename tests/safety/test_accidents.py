"""Accidents, incidents and injuries seen at arrival: the family told the
same day and acknowledging, the manager's review, the notification clocks,
the medical emergency's timeline, two children never naming each other;
medication incidents and lapses in supervision recorded and reviewed."""

import html
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from families.models import ParentLink
from families.selectors import adults_told
from safety.models import Accident, NotificationClock, ParentContact
from safety.services import accident_record
from tests.agencies.factories import SupervisedVisitFactory
from tests.consents.factories import MedicationPermissionFactory
from tests.factories import ParentFactory, ParentLinkFactory
from tests.safety.factories import (
    AccidentFactory,
    HealthAlertFactory,
    MedicationIncidentFactory,
)
from tests.utils import database_fingerprint


def now_local(delta=timedelta()):
    return timezone.localtime(timezone.now() + delta).strftime("%Y-%m-%dT%H:%M")


def accident_data(cast, **changes):
    data = {
        "kind": "accident",
        "occurred_at": now_local(-timedelta(minutes=30)),
        "location": "Garden, by the slide",
        "what_happened": "Slipped on the wet step and bumped her head.",
        "injury": "bump",
        "body_area": "head",
        "first_aid": "Cold compress, watched for 30 minutes",
        "first_aid_by": str(cast.key_person.pk),
        "witness": "Pat Practitioner",
    }
    data.update(changes)
    return data


def record(client, cast, child=None, **changes):
    child = child or cast.child_a
    return client.post(
        reverse("safety:accident_create", kwargs={"pk": child.pk}), accident_data(cast, **changes)
    )


def test_staff_record_an_accident_the_family_sees_and_acknowledges(cast, client_for):
    response = record(client_for(cast.practitioner), cast)
    assert response.status_code == 302
    accident = Accident.objects.get()
    assert accident.recorded_by == cast.practitioner
    parent = client_for(cast.parent_a)
    home = parent.get(reverse("home")).content.decode()
    assert "Accidents to read" in home
    staff_list = client_for(cast.key_person).get(reverse("safety:accidents")).content.decode()
    assert "Ada Ashworth" in staff_list
    # Another family never sees it.
    assert (
        "Accidents to read" not in client_for(cast.parent_b).get(reverse("home")).content.decode()
    )
    assert client_for(cast.parent_b).get(accident.get_absolute_url()).status_code == 404
    assert client_for(cast.parent_restricted).get(accident.get_absolute_url()).status_code == 404
    parent = client_for(cast.parent_a)
    response = parent.post(
        reverse("safety:accident_acknowledge", kwargs={"pk": accident.pk}), {"comment": "Thanks"}
    )
    assert response.status_code == 302
    (ack,) = accident.acknowledgements.all()
    assert ack.acknowledged_by == cast.parent_a
    assert "Accidents to read" not in parent.get(reverse("home")).content.decode()


def test_bad_accident_input_is_refused_and_nothing_saved(cast, client_for):
    client = client_for(cast.practitioner)
    before = database_fingerprint()
    response = record(client, cast, occurred_at=now_local(timedelta(hours=3)))
    assert "occurred_at" in response.context["form"].errors
    response = record(client, cast, injury="dragon", first_aid_by="")
    assert {"injury", "first_aid_by"} <= set(response.context["form"].errors)
    response = record(client, cast, kind="existing", parent_explanation="")
    assert "parent_explanation" in response.context["form"].errors
    response = record(client, cast, riddor="on")
    assert "serious" in response.context["form"].errors
    assert database_fingerprint() == before


def test_two_children_each_family_sees_only_their_own_never_the_other_named(cast, client_for):
    client = client_for(cast.key_person)
    before = database_fingerprint()
    response = record(
        client,
        cast,
        what_happened="Ben pushed her off the climbing frame.",
        other_children=[str(cast.child_b.pk)],
    )
    assert response.status_code == 200
    assert "do not name another child (Ben)" in response.content.decode()
    assert database_fingerprint() == before
    record(
        client,
        cast,
        what_happened="Another child pushed her off the climbing frame.",
        other_children=[str(cast.child_b.pk)],
    )
    record(
        client,
        cast,
        child=cast.child_b,
        what_happened="Pushed another child off the climbing frame; talked about gentle hands.",
        injury="none",
        body_area="none",
        other_children=[str(cast.child_a.pk)],
    )
    ada, ben = Accident.objects.get(child=cast.child_a), Accident.objects.get(child=cast.child_b)
    staff_page = client_for(cast.practitioner).get(ada.get_absolute_url()).content.decode()
    assert "Also involved (staff only)" in staff_page and "Ben Bennett" in staff_page
    family_a = client_for(cast.parent_a).get(ada.get_absolute_url()).content.decode()
    assert "Ben" not in family_a and "Bennett" not in family_a
    family_b = client_for(cast.parent_b).get(ben.get_absolute_url()).content.decode()
    assert "Ada" not in family_b and "Ashworth" not in family_b
    assert client_for(cast.parent_b).get(ada.get_absolute_url()).status_code == 404


def test_a_serious_injury_starts_the_clocks_shown_until_recorded_done(cast, client_for, travel):
    record(client_for(cast.key_person), cast, serious="on", hospital="on", riddor="on", lcpa="on")
    accident = Accident.objects.get()
    clocks = {c.body: c for c in NotificationClock.objects.all()}
    assert set(clocks) == {"ofsted", "riddor", "lcpa"}
    occurred = timezone.localtime(accident.occurred_at).date()
    assert clocks["ofsted"].due_on == occurred + timedelta(days=14)
    manager = client_for(cast.manager)
    dashboard = manager.get(reverse("dashboard")).content.decode()
    assert "Notifications due after serious accidents" in dashboard
    assert not clocks["ofsted"].is_overdue
    assert "Overdue" not in manager.get(reverse("safety:reviews")).content.decode()
    with travel(timezone.now() + timedelta(days=15)):
        assert NotificationClock.objects.get(body="ofsted").is_overdue
        assert NotificationClock.objects.get(body="riddor").is_overdue
    response = manager.post(
        reverse("safety:notification_done", kwargs={"pk": clocks["ofsted"].pk}),
        {"reference": "Ofsted case 4471"},
    )
    assert response.status_code == 302
    done = NotificationClock.objects.get(body="ofsted")
    assert done.done_by == cast.manager and done.reference == "Ofsted case 4471"
    with travel(timezone.now() + timedelta(days=30)):
        assert not NotificationClock.objects.get(body="ofsted").is_overdue
    assert NotificationClock.objects.open().count() == 2


def test_a_minor_accident_starts_no_clock(cast, client_for):
    record(client_for(cast.key_person), cast)
    assert not NotificationClock.objects.exists()


def test_medical_emergency_keeps_a_timeline_of_contacts_with_the_parents(cast, client_for):
    record(client_for(cast.key_person), cast, medical_emergency="on", hospital="on")
    accident = Accident.objects.get()
    client = client_for(cast.key_person)
    url = reverse("safety:contact_create", kwargs={"pk": accident.pk})
    for minutes, told in (
        (20, "Ada is unwell; an ambulance is called."),
        (5, "On the way to A&E."),
    ):
        response = client.post(
            url,
            {
                "at": now_local(-timedelta(minutes=minutes)),
                "on_link": ParentLink.objects.get(child=cast.child_a, parent=cast.parent_a).pk,
                "how": "Phone call",
                "told": told,
            },
        )
        assert response.status_code == 302
    assert list(ParentContact.objects.values_list("told", flat=True)) == [
        "Ada is unwell; an ambulance is called.",
        "On the way to A&E.",
    ]
    page = client_for(cast.parent_a).get(accident.get_absolute_url()).content.decode()
    assert "On the way to A&amp;E." in page
    # What they were told comes before the button that says it was read.
    assert page.index("On the way to A&amp;E.") < page.index("I have read this record")


def test_a_contact_with_one_home_is_read_by_that_home_only(cast, client_for):
    """The parent contacted is chosen among the child's adults: their name
    is kept from the link, and only their home reads the contact (who, how,
    what they were told): what staff told one adult is never shown to the
    child's other home, not even that it happened. Staff read every line. A
    contact with someone else (written in) is read by both homes."""
    record(client_for(cast.key_person), cast, medical_emergency="on", hospital="on")
    accident = Accident.objects.get()
    staff = client_for(cast.key_person)
    url = reverse("safety:contact_create", kwargs={"pk": accident.pk})
    link = ParentLink.objects.get(child=cast.child_a, parent=cast.parent_a)
    form = {"at": now_local(-timedelta(minutes=9)), "how": "Phone call to 07700 900123"}
    told = "SECRET-TOLD: she is at the new flat on Mill Lane"
    assert staff.post(url, {**form, "on_link": link.pk, "told": told}).status_code == 302
    contact = ParentContact.objects.get()
    assert (contact.adult, contact.contacted) == (cast.parent_a, cast.parent_a.full_name)
    grandma = {
        **form,
        "how": "Phone call",
        "contacted": "Grandma Joan (emergency contact)",
        "told": "On the way.",
    }
    assert staff.post(url, grandma).status_code == 302

    for reader in (cast.key_person, cast.manager, cast.parent_a):
        page = client_for(reader).get(accident.get_absolute_url()).content.decode()
        assert "SECRET-TOLD" in page and "07700 900123" in page, reader
    other_home = client_for(cast.parent_a_home2).get(accident.get_absolute_url())
    page = other_home.content.decode()
    assert other_home.status_code == 200
    assert "SECRET-TOLD" not in page and "07700 900123" not in page
    assert cast.parent_a.full_name not in page
    assert "Grandma Joan (emergency contact)" in page
    timeline = page[
        page.index('id="contacts-heading"') : page.index(
            "</ol>", page.index('id="contacts-heading"')
        )
    ]
    assert timeline.count("<li>") == 1  # Grandma's line alone
    ParentContact.objects.filter(adult__isnull=True).delete()
    page = client_for(cast.parent_a_home2).get(accident.get_absolute_url()).content.decode()
    assert "No contact with you or your home is recorded here." in page
    assert "Nobody has been contacted yet." not in page


def test_a_contact_names_someone_or_one_of_the_childs_own_adults(cast, client_for):
    """Neither a name nor a parent chosen: a clear message, nothing kept. A
    link of another child is not one of the choices: refused, nothing kept."""
    record(client_for(cast.key_person), cast, medical_emergency="on")
    accident = Accident.objects.get()
    staff = client_for(cast.key_person)
    url = reverse("safety:contact_create", kwargs={"pk": accident.pk})
    form = {"at": now_local(-timedelta(minutes=5)), "how": "Phone call", "told": "Unwell."}
    response = staff.post(url, form)
    assert response.status_code == 200
    assert (
        "Say who was contacted, or choose the parent or carer above." in response.content.decode()
    )
    other_link = ParentLink.objects.get(child=cast.child_b, parent=cast.parent_b)
    response = staff.post(url, {**form, "on_link": other_link.pk})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Select a valid choice" in page
    assert "Say who was contacted" not in page  # one message, the one that helps
    # One of the child's own adults written in by name would be read by
    # every home: staff are asked to choose them instead.
    for written in ("alex ashworth", "Ada's mum", "Mrs Ashworth", "Dad (Sam)"):
        response = staff.post(url, {**form, "contacted": written})
        assert response.status_code == 200, written
        assert "choose them above, so that only their home reads this contact" in (
            response.content.decode()
        ), written
    assert not ParentContact.objects.exists()
    # Someone else is written in: a grandparent, or a step-parent the
    # child's links do not name.
    for written in ("Grandma Joan", "Mrs Okafor (neighbour)", "Stepmum Kate"):
        assert staff.post(url, {**form, "contacted": written}).status_code == 302, written
    assert ParentContact.objects.count() == 3


def test_a_contact_with_a_parent_since_unlinked_is_shown_to_no_other_parent(cast, client_for):
    """Chosen and also written in, the name kept is the chosen adult's. Once
    that adult's link to the child is gone, no other parent reads the
    contact: the rule fails closed."""
    record(client_for(cast.key_person), cast, medical_emergency="on")
    accident = Accident.objects.get()
    url = reverse("safety:contact_create", kwargs={"pk": accident.pk})
    link = ParentLink.objects.get(child=cast.child_a, parent=cast.parent_a_home2)
    response = client_for(cast.key_person).post(
        url,
        {
            "at": now_local(-timedelta(minutes=5)),
            "on_link": link.pk,
            "contacted": "Grandma Joan",
            "how": "Phone call",
            "told": "SECRET-TOLD: unwell",
        },
    )
    assert response.status_code == 302
    assert ParentContact.objects.get().contacted == cast.parent_a_home2.full_name
    page = client_for(cast.parent_a).get(accident.get_absolute_url()).content.decode()
    assert "SECRET-TOLD" not in page
    link.delete()
    page = client_for(cast.parent_a).get(accident.get_absolute_url()).content.decode()
    assert "SECRET-TOLD" not in page
    assert (
        "SECRET-TOLD" in client_for(cast.manager).get(accident.get_absolute_url()).content.decode()
    )


def test_existing_injury_is_shown_to_the_dsl_with_the_parents_explanation(cast, client_for):
    record(
        client_for(cast.key_person),
        cast,
        kind="existing",
        parent_explanation="Fell off her scooter on Sunday.",
        injury="bruise",
        body_area="arm",
    )
    injury = Accident.objects.get()
    home = client_for(cast.dsl).get(reverse("home")).content.decode()
    assert "Injuries seen at arrival" in home and "Bruise" in home
    assert (
        "Injuries seen at arrival"
        not in client_for(cast.practitioner).get(reverse("home")).content.decode()
    )
    page = client_for(cast.dsl).get(injury.get_absolute_url()).content.decode()
    assert "Fell off her scooter on Sunday." in page
    # An existing injury is not one the family is asked to acknowledge.
    assert (
        "Accidents to read" not in client_for(cast.parent_a).get(reverse("home")).content.decode()
    )


def test_manager_reviews_each_kind_of_incident(cast, client_for):
    accident = AccidentFactory(child=cast.child_a, recorded_by=cast.key_person)
    incident = MedicationIncidentFactory(child=cast.child_a, given_by=cast.key_person)
    lapse = SupervisedVisitFactory(
        child=cast.child_a, supervision_lapsed=True, lapse_detail="Left alone for two minutes."
    )
    manager = client_for(cast.manager)
    page = manager.get(reverse("safety:reviews")).content.decode()
    assert "Left alone" not in page  # the detail is on the review page itself
    for kind, obj in (("accident", accident), ("medication", incident), ("lapse", lapse)):
        url = reverse("safety:review", kwargs={"kind": kind, "pk": obj.pk})
        assert manager.get(url).status_code == 200
        before = database_fingerprint()
        response = manager.post(url, {"note": ""})
        assert response.status_code == 200 and database_fingerprint() == before
        assert manager.post(url, {"note": "Talked it through; step painted."}).status_code == 302
        response = manager.post(url, {"note": "Again"})
        assert "already reviewed" in response.content.decode()
    accident.refresh_from_db()
    incident.refresh_from_db()
    lapse.refresh_from_db()
    assert accident.reviewed_by == incident.reviewed_by == lapse.lapse_reviewed_by == cast.manager
    assert (
        manager.get(reverse("safety:review", kwargs={"kind": "nonsense", "pk": 1})).status_code
        == 404
    )


def test_a_refused_dose_offers_to_record_a_medication_incident(cast, client_for):
    MedicationPermissionFactory(child=cast.child_a, given_by=cast.parent_a)
    client = client_for(cast.key_person)
    before = database_fingerprint()
    response = client.post(
        reverse("consents:dose_create", kwargs={"pk": cast.child_a.pk}),
        {
            "medicine": "Calpol",
            "given_at": now_local(-timedelta(minutes=10)),
            "amount": "7.5",
            "given_by": str(cast.key_person.pk),
            "witnessed_by": str(cast.dsl.pk),
        },
    )
    assert response.status_code == 200
    assert database_fingerprint() == before
    page = response.content.decode()
    assert "more than the permitted dose" in page.lower()
    assert "Record a medication incident" in page
    link = reverse("consents:medication_incident_create", kwargs={"pk": cast.child_a.pk})
    assert link in page
    form = client.get(link + "?" + response.context["incident_query"]).context["form"]
    # The amount with the unit of the written permission: "7.5 ml", not "7.5".
    assert form.initial["medicine"] == "Calpol" and form.initial["amount"] == "7.5 ml"
    assert "permitted dose" in form.initial["what_went_wrong"]
    response = client.post(
        link,
        {
            "medicine": "Calpol",
            "amount": "7.5 ml",
            "given_at": now_local(-timedelta(minutes=10)),
            "given_by": str(cast.key_person.pk),
            "what_went_wrong": "More than the permitted dose",
            "action_taken": "NHS 111 called; watched closely",
            "parent_told_at": now_local(),
            "parent_told": "Alex, by phone",
        },
    )
    assert response.status_code == 302
    incident = cast.child_a.medication_incidents.get()
    assert incident.permission is not None and incident.reviewed_at is None
    page = (
        client_for(cast.parent_a)
        .get(reverse("consents:medication", kwargs={"pk": cast.child_a.pk}))
        .content.decode()
    )
    assert "Medication incidents" in page and "NHS 111 called" in page
    assert "Waiting for review" not in page  # the review is the staff's


@pytest.mark.parametrize("member", ["parent_a", "parent_b"])
def test_only_staff_record_a_medication_incident(member, cast, client_for):
    url = reverse("consents:medication_incident_create", kwargs={"pk": cast.child_a.pk})
    assert client_for(getattr(cast, member)).get(url).status_code in (403, 404)


def test_a_clock_started_fifteen_days_ago_shows_overdue_on_the_reviews(cast, client_for, travel):
    with travel(timezone.now() - timedelta(days=15)):
        accident = AccidentFactory(child=cast.child_a, serious=True, recorded_by=cast.key_person)
        accident_record(accident=accident, child=cast.child_a, by=cast.key_person)
    page = client_for(cast.manager).get(reverse("safety:reviews")).content.decode()
    assert "Overdue" in page
    page = client_for(cast.manager).get(reverse("home")).content.decode()
    assert "Notifications due" in page and "Overdue" in page


def test_a_visit_without_a_lapse_has_no_review_page(cast, client_for):
    visit = SupervisedVisitFactory(child=cast.child_a)
    url = reverse("safety:review", kwargs={"kind": "lapse", "pk": visit.pk})
    assert client_for(cast.manager).get(url).status_code == 404


def test_an_accident_not_read_on_the_day_is_marked_on_the_staff_list(cast, client_for):
    AccidentFactory(
        child=cast.child_a,
        occurred_at=timezone.now() - timedelta(days=2),
        recorded_by=cast.key_person,
    )
    page = client_for(cast.practitioner).get(reverse("safety:accidents")).content.decode()
    assert "Not read on the day: speak to the family" in page
    AccidentFactory(child=cast.child_b, occurred_at=timezone.now(), recorded_by=cast.key_person)
    page = client_for(cast.practitioner).get(reverse("safety:accidents")).content.decode()
    assert page.count("Not read on the day") == 1


def test_the_contact_choice_tells_the_homes_apart_and_marks_a_restricted_link(cast, client_for):
    """Staff choosing in an emergency see each adult's household, and that
    a link's access is restricted (a court order), so that they do not pick
    the wrong home by the name alone."""
    record(client_for(cast.key_person), cast, medical_emergency="on")
    accident = Accident.objects.get()
    url = reverse("safety:contact_create", kwargs={"pk": accident.pk})
    page = client_for(cast.key_person).get(url).content.decode()
    assert "Alex Ashworth (Mother, household 1)<" in page
    assert "Sam Cole (Father, household 2)<" in page
    assert "Rory Ashworth (Father, household 1): access restricted<" in page
    # The line kept says who contacted whom, how, and what they were told,
    # as one sentence a translation can reorder.
    link = ParentLink.objects.get(child=cast.child_a, parent=cast.parent_a)
    client_for(cast.key_person).post(
        url,
        {
            "at": now_local(-timedelta(minutes=5)),
            "on_link": link.pk,
            "how": "Phone call",
            "told": "Ada is unwell.",
        },
    )
    page = client_for(cast.parent_a).get(accident.get_absolute_url()).content.decode()
    assert "Kim Keyperson contacted Alex Ashworth (Phone call) and told them:" in page


def test_staff_read_beside_each_contact_who_else_reads_it(cast, client_for):
    """Staff see, for each line of the timeline, which home reads it; a
    parent sees none of this."""
    record(client_for(cast.key_person), cast, medical_emergency="on")
    accident = Accident.objects.get()
    common = {"accident": accident, "at": timezone.now(), "how": "Phone", "by": cast.key_person}
    for adult, told in (
        (cast.parent_a, "TO-MUM"),
        (cast.parent_a_home2, "TO-DAD"),
        (cast.parent_restricted, "TO-RESTRICTED"),
        (None, "TO-GRANDMA"),
    ):
        ParentContact.objects.create(
            adult=adult, contacted=adult.full_name if adult else "Grandma", told=told, **common
        )
    ParentLink.objects.filter(parent=cast.parent_a_home2).update(household_confirmed=False)
    staff = client_for(cast.key_person).get(accident.get_absolute_url()).content.decode()

    def line(told):
        start = staff.index(told)
        return html.unescape(staff[start : staff.index("</li>", start)])

    assert "Read by household 1 only." in line("TO-MUM")
    assert "until the manager confirms their household" in line("TO-DAD")
    assert "this adult's access is restricted" in line("TO-RESTRICTED")
    assert "Read by every home of the child." in line("TO-GRANDMA")
    parent = client_for(cast.parent_a).get(accident.get_absolute_url()).content.decode()
    assert "Read by household" not in parent and "Read by every home" not in parent


def test_who_reads_each_contact_is_the_rule_that_tells_the_adults(cast):
    """The sentence staff read beside a contact says what `adults_told`
    does: which adults of the child read a line addressed to one of them,
    in each state of that adult's link."""
    accident = AccidentFactory(child=cast.child_a)
    gran = ParentFactory(email="gran@example.org", full_name="Gwen Ashworth")
    ParentLinkFactory(parent=gran, child=cast.child_a, household=1)
    gone = ParentFactory(email="gone@example.org", full_name="Jo Ashworth")
    ParentLink.objects.filter(parent=cast.parent_a_home2).update(household_confirmed=False)
    contacted = (cast.parent_a, cast.parent_a_home2, cast.parent_restricted, gone, None)
    for adult in contacted:
        ParentContact.objects.create(
            accident=accident,
            adult=adult,
            at=timezone.now(),
            contacted=adult.full_name if adult else "Grandad",
            how="Phone",
            told="Ada is unwell.",
            by=cast.key_person,
        )
    readers = {
        contact.adult: contact.readers
        for contact in ParentContact.objects.filter(accident=accident).with_adults_link()
    }

    def told(adult):
        return set(adults_told(child=cast.child_a, writer=adult))

    assert readers[cast.parent_a] == "Read by household 1 only."
    assert told(cast.parent_a) == {cast.parent_a, gran}
    assert readers[cast.parent_a_home2] == (
        "Read by this adult only, until the manager confirms their household."
    )
    assert told(cast.parent_a_home2) == {cast.parent_a_home2}
    assert readers[cast.parent_restricted] == (
        "Read by staff only: this adult's access is restricted."
    )
    assert told(cast.parent_restricted) == set()
    assert readers[gone] == "Read by staff only: this adult's link to the child was removed."
    assert told(gone) == set()
    assert readers[None] == "Read by every home of the child."
    assert told(None) == {cast.parent_a, gran, cast.parent_a_home2}


def test_the_accident_form_shows_the_childs_allergies_and_what_to_do(cast, client_for):
    """An allergic reaction is recorded with the child's plan in sight."""
    url = reverse("safety:accident_create", kwargs={"pk": cast.child_a.pk})
    assert "What to do:" not in client_for(cast.practitioner).get(url).text
    HealthAlertFactory(child=cast.child_a, what="Peanuts", what_to_do="Give the auto-injector.")
    page = client_for(cast.practitioner).get(url).text
    assert "Allergies and conditions of" in page and "Peanuts" in page
    assert "Give the auto-injector." in page
    # Shown to read, not to change from here.
    assert reverse("safety:alert_create", args=[cast.child_a.pk]) not in page
