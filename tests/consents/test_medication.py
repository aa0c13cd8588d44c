"""Medicines: written permission first, each dose checked against it and
shown to the family, who acknowledge it."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from consents.models import (
    AppendOnlyError,
    DoseAcknowledgement,
    MedicationDose,
    MedicationIncident,
    MedicationPermission,
)
from nursery.models import SiteConfig
from nursery.registry import gather_child_records
from tests.consents.factories import (
    ConsentEventFactory,
    MedicationDoseFactory,
    MedicationPermissionFactory,
)
from tests.factories import ChildFactory, ParentFactory, ParentLinkFactory
from tests.safety.factories import HealthAlertFactory, MedicationIncidentFactory
from tests.utils import assert_fixed_queries, run_tasks

# Doses are counted by the calendar day.
pytestmark = pytest.mark.usefixtures("midday")


def permission_url(cast):
    return reverse("consents:permission_create", kwargs={"pk": cast.child_a.pk})


def dose_url(cast):
    return reverse("consents:dose_create", kwargs={"pk": cast.child_a.pk})


def permission_data(**changes):
    today = timezone.localdate()
    data = {
        "medicine": "Amoxicillin",
        "prescribed": "on",
        "prescriber": "Dr A. Shah",
        "dose_amount": "5",
        "dose_unit": "ml",
        "timing": "At 12 noon with lunch",
        "min_interval_hours": "6",
        "max_doses_per_day": "1",
        "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=5)).isoformat(),
        "storage": "In the fridge",
        "declaration": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def dose_data(cast, **changes):
    data = {
        "medicine": "Calpol",
        "given_at": (timezone.localtime() - timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M"),
        "amount": "5",
        "given_by": str(cast.key_person.pk),
        "witnessed_by": str(cast.practitioner.pk),
    }
    data.update(changes)
    return data


@pytest.fixture
def calpol(cast):
    return MedicationPermissionFactory(child=cast.child_a, given_by=cast.parent_a)


def test_parent_gives_written_permission_online(cast, client_for):
    response = client_for(cast.parent_a).post(permission_url(cast), permission_data())
    assert response.status_code == 302
    permission = MedicationPermission.objects.get()
    assert permission.given_by == cast.parent_a
    assert permission.method == "online"
    assert permission.declaration
    assert permission.dose_amount == Decimal("5")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"dose_amount": "five"}, "dose_amount", "Enter a number"),
        (
            {
                "starts_on": (timezone.localdate() + timedelta(days=5)).isoformat(),
                "ends_on": timezone.localdate().isoformat(),
            },
            "ends_on",
            "on or after the start date",
        ),
        ({"declaration": None}, "declaration", "Please tick the declaration"),
        ({"prescriber": ""}, "prescriber", "Say who prescribed it"),
        ({"min_interval_hours": "a few"}, "min_interval_hours", "Enter a number"),
        ({"starts_on": "tomorrow-ish"}, "starts_on", "Enter a valid date"),
    ],
)
def test_bad_permission_input_is_refused_on_the_field_and_saves_nothing(
    cast, client_for, changes, field, message
):
    response = client_for(cast.parent_a).post(permission_url(cast), permission_data(**changes))
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert message in " ".join(form.errors[field])
    assert "Nothing was saved" in response.content.decode()
    assert not MedicationPermission.objects.exists()


def test_staff_copy_a_paper_permission_naming_the_parent(cast, client_for):
    data = permission_data(given_by=str(cast.parent_a.pk), method="paper")
    response = client_for(cast.key_person).post(permission_url(cast), data)
    assert response.status_code == 302
    permission = MedicationPermission.objects.get()
    assert (permission.given_by, permission.recorded_by, permission.method) == (
        cast.parent_a,
        cast.key_person,
        "paper",
    )


def test_a_parent_cannot_record_a_dose(cast, client_for, calpol):
    client = client_for(cast.parent_a)
    assert client.get(dose_url(cast)).status_code == 403
    assert client.post(dose_url(cast), dose_data(cast)).status_code == 403
    assert not MedicationDose.objects.exists()


def test_other_family_gets_404_for_medication(cast, client_for, calpol):
    url = reverse("consents:medication", kwargs={"pk": cast.child_a.pk})
    for person in (cast.parent_b, cast.parent_restricted):
        assert client_for(person).get(url).status_code == 404
        assert client_for(person).get(permission_url(cast)).status_code == 404


def test_staff_record_a_dose_within_the_permission(cast, client_for, calpol):
    response = client_for(cast.key_person).post(dose_url(cast), dose_data(cast))
    assert response.status_code == 302
    dose = MedicationDose.objects.get()
    assert (dose.permission, dose.given_by, dose.witnessed_by) == (
        calpol,
        cast.key_person,
        cast.practitioner,
    )
    assert dose.recorded_by == cast.key_person


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"medicine": "Ibuprofen"}, "medicine", "no written permission for Ibuprofen"),
        ({"amount": "7.5"}, "amount", "more than the permitted dose"),
        ({"amount": "five ml"}, "amount", "Enter a number"),
        (
            {"given_at": -timedelta(days=3)},
            "given_at",
            "covers",
        ),
        (
            {"given_at": timedelta(hours=2)},
            "given_at",
            "cannot be in the future",
        ),
        ({"witnessed_by": None}, "witnessed_by", "Someone other than"),
    ],
)
def test_a_dose_outside_the_permission_is_refused_with_the_reason(
    cast, client_for, calpol, changes, field, message
):
    if changes.get("witnessed_by", "") is None:
        changes = {"witnessed_by": str(cast.key_person.pk)}
    if isinstance(changes.get("given_at"), timedelta):
        # A moment from now as the test runs, not as the module was read.
        when = timezone.localtime() + changes["given_at"]
        changes = {"given_at": when.strftime("%Y-%m-%dT%H:%M")}
    response = client_for(cast.key_person).post(dose_url(cast), dose_data(cast, **changes))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert message in " ".join(errors[field])
    assert not MedicationDose.objects.exists()


def test_a_dose_before_the_minimum_interval_is_refused(cast, client_for, calpol):
    earlier = MedicationDoseFactory(
        permission=calpol,
        given_by=cast.key_person,
        witnessed_by=cast.practitioner,
        given_at=timezone.now() - timedelta(hours=2),
    )
    response = client_for(cast.key_person).post(dose_url(cast), dose_data(cast))
    assert response.status_code == 200
    message = " ".join(response.context["form"].errors["given_at"])
    assert "Too soon" in message
    # When, in words: "09:30 on 5 December 2026", not figures to decode.
    given = timezone.localtime(earlier.given_at)
    assert f"{given:%H:%M} on {given.day} {given:%B %Y}" in message
    assert MedicationDose.objects.count() == 1


@pytest.mark.parametrize("linked", [True, False])
def test_a_medicine_given_in_error_counts_before_the_next_dose(cast, client_for, calpol, linked):
    """Ten ml given in error is kept as a medication incident, not a dose;
    it was given all the same, so five more a minute later is too soon,
    whether the incident names the permission or only the medicine."""
    MedicationIncidentFactory(
        child=cast.child_a,
        permission=calpol if linked else None,
        medicine="calpol",
        amount="10 ml",
        given_by=cast.key_person,
        given_at=timezone.now() - timedelta(minutes=10),
    )
    response = client_for(cast.key_person).post(dose_url(cast), dose_data(cast))
    assert response.status_code == 200
    assert "Too soon" in " ".join(response.context["form"].errors["given_at"])
    assert not MedicationDose.objects.exists()
    if linked:  # as recorded through the portal, which finds the permission
        home = client_for(cast.key_person).get(reverse("home")).text
        assert "given in error today: read the medication incident" in home
        assert "not given yet today" not in home


def test_an_incident_of_another_child_or_medicine_does_not_count(cast, client_for, calpol):
    MedicationIncidentFactory(child=cast.child_b, given_at=timezone.now() - timedelta(minutes=10))
    MedicationIncidentFactory(
        child=cast.child_a, medicine="Piriton", given_at=timezone.now() - timedelta(minutes=10)
    )
    response = client_for(cast.key_person).post(dose_url(cast), dose_data(cast))
    assert response.status_code == 302
    assert MedicationDose.objects.count() == 1


def test_no_more_doses_than_the_permission_allows_in_a_day(cast, client_for):
    permission = MedicationPermissionFactory(
        child=cast.child_a, given_by=cast.parent_a, min_interval_hours=None, max_doses_per_day=1
    )
    MedicationDoseFactory(
        permission=permission,
        given_by=cast.key_person,
        witnessed_by=cast.practitioner,
        given_at=timezone.now() - timedelta(minutes=20),
    )
    response = client_for(cast.key_person).post(dose_url(cast), dose_data(cast))
    assert "No more than 1 doses" in " ".join(response.context["form"].errors["given_at"])
    assert MedicationDose.objects.count() == 1


def test_the_parent_sees_the_dose_the_same_day_and_acknowledges_it(cast, client_for, calpol):
    dose = MedicationDoseFactory(
        permission=calpol, given_by=cast.key_person, witnessed_by=cast.practitioner
    )
    client = client_for(cast.parent_a)
    home = client.get(reverse("home")).content.decode()
    assert "please let us know you have seen it" in home
    staff_home = client_for(cast.key_person).get(reverse("home")).content.decode()
    assert "Doses the family has not acknowledged yet" in staff_home
    client = client_for(cast.parent_a)
    page = client.get(reverse("consents:medication", kwargs={"pk": cast.child_a.pk}))
    assert "I have seen this: Calpol" in page.content.decode()
    url = reverse("consents:dose_acknowledge", kwargs={"pk": dose.pk})
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302  # a second click changes nothing
    ack = DoseAcknowledgement.objects.get()
    assert (ack.acknowledged_by, ack.household) == (cast.parent_a, 1)
    assert "please let us know" not in client.get(reverse("home")).content.decode()
    # The child's other home has not seen it yet: staff still wait for it.
    staff_home = client_for(cast.key_person).get(reverse("home")).content.decode()
    assert "Doses the family has not acknowledged yet" in staff_home
    assert client_for(cast.parent_a_home2).post(url).status_code == 302
    staff_home = client_for(cast.key_person).get(reverse("home")).content.decode()
    assert "Doses the family has not acknowledged yet" not in staff_home


def test_key_person_sees_medicine_due_today_for_key_children(cast, client_for, calpol):
    home = client_for(cast.key_person).get(reverse("home")).content.decode()
    assert "Medicine due today for your key children" in home
    assert "Calpol" in home
    other = client_for(cast.practitioner).get(reverse("home")).content.decode()
    assert "Calpol" not in other


def test_doses_and_permissions_are_never_changed_or_deleted(cast, calpol):
    dose = MedicationDoseFactory(
        permission=calpol, given_by=cast.key_person, witnessed_by=cast.practitioner
    )
    for record in (calpol, dose):
        with pytest.raises(AppendOnlyError):
            record.save()
        with pytest.raises(AppendOnlyError):
            record.delete()
    with pytest.raises(AppendOnlyError):
        MedicationDose.objects.all().update(amount=1)


def test_leavers_bundle_for_parents_holds_consents_and_medicines_and_schools_get_none(cast, calpol):
    ConsentEventFactory(child=cast.child_a, decided_by=cast.parent_a)
    MedicationDoseFactory(
        permission=calpol, given_by=cast.key_person, witnessed_by=cast.practitioner
    )
    sections = gather_child_records(child=cast.child_a, recipient="parents")
    ours = [s for s in sections if s["key"].startswith("consents.")]
    assert len(ours) == 1
    from django.template.loader import render_to_string

    html = render_to_string(ours[0]["template"], ours[0]["context"])
    assert "<h2>" in html and "<script" not in html
    assert "Calpol" in html and "Photographs" in html
    from tests.transitions.factories import SchoolFactory

    school = SchoolFactory()
    assert not [
        s
        for s in gather_child_records(child=cast.child_a, recipient=school)
        if s["key"].startswith("consents.")
    ]


def test_medication_page_holds_a_fixed_query_count(cast, client_for, calpol):
    client = client_for(cast.parent_a)

    def grow(n):
        for i in range(n):
            MedicationDoseFactory(
                permission=calpol,
                given_by=cast.key_person,
                witnessed_by=cast.practitioner,
                given_at=timezone.now() - timedelta(days=i % 5, hours=i),
            )

    assert_fixed_queries(
        fetch=lambda: client.get(reverse("consents:medication", kwargs={"pk": cast.child_a.pk})),
        grow=grow,
    )


def test_staff_home_holds_a_fixed_query_count_with_many_key_children(cast, client_for):
    from tests.factories import KeyPersonAssignmentFactory

    client = client_for(cast.key_person)

    def grow(n):
        for _ in range(n):
            child = ChildFactory()
            parent = ParentFactory()
            ParentLinkFactory(parent=parent, child=child)
            KeyPersonAssignmentFactory(child=child, practitioner=cast.key_person)
            permission = MedicationPermissionFactory(child=child, given_by=parent)
            MedicationDoseFactory(
                permission=permission, given_by=cast.key_person, witnessed_by=cast.practitioner
            )

    assert_fixed_queries(
        fetch=lambda: client.get(reverse("home")),
        grow=grow,
    )


def test_a_dose_dated_long_ago_is_refused_without_failing(cast, client_for, calpol):
    for when in ("0001-01-01T00:00", "2001-05-05T12:00"):
        response = client_for(cast.key_person).post(dose_url(cast), dose_data(cast, given_at=when))
        assert response.status_code == 200
        assert "within a week" in " ".join(response.context["form"].errors["given_at"])
    assert not MedicationDose.objects.exists()


def test_parent_stops_a_medicine_and_a_later_dose_is_refused(cast, client_for, calpol):
    url = reverse("consents:permission_stop", kwargs={"pk": cast.child_a.pk, "perm_pk": calpol.pk})
    response = client_for(cast.parent_a).post(url, follow=True)
    assert "will not be given from now" in response.content.decode()
    assert calpol.stop.stopped_by == cast.parent_a
    assert not MedicationPermission.objects.active_on(timezone.localdate()).exists()
    response = client_for(cast.key_person).post(
        dose_url(cast),
        dose_data(
            cast,
            given_at=(timezone.localtime() + timedelta(minutes=2)).strftime("%Y-%m-%dT%H:%M"),
        ),
    )
    assert "was stopped" in " ".join(response.context["form"].errors["given_at"])
    assert not MedicationDose.objects.exists()
    home = client_for(cast.key_person).get(reverse("home")).content.decode()
    assert "Medicine due today" not in home


def test_another_familys_medicine_cannot_be_stopped_through_this_child(cast, client_for):
    other = MedicationPermissionFactory(child=cast.child_b, given_by=cast.parent_b)
    url = reverse("consents:permission_stop", kwargs={"pk": cast.child_a.pk, "perm_pk": other.pk})
    assert client_for(cast.parent_a).post(url).status_code == 404
    assert client_for(cast.manager).post(url).status_code == 404


def test_the_family_is_emailed_when_a_dose_is_given_but_not_a_restricted_parent(
    cast, client_for, calpol, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(cast.key_person).post(dose_url(cast), dose_data(cast))
    run_tasks()
    # A dose given is the child's record: every adult with access, in either
    # household, is told; never the restricted parent.
    told = {address for m in mailoutbox for address in m.to}
    assert told == {cast.parent_a.email, cast.parent_a_home2.email}
    # What kind of thing and for which child, never the record itself.
    assert "Calpol" not in mailoutbox[0].body
    assert "Ada was given a medicine today" in mailoutbox[0].subject


def test_an_old_unacknowledged_dose_stays_on_home_pages_and_the_manager_sees_every_one(
    cast, client_for
):
    from tests.consents.factories import MedicationDoseFactory, MedicationPermissionFactory

    permission = MedicationPermissionFactory(child=cast.child_b, given_by=cast.parent_b)
    MedicationDoseFactory(
        permission=permission,
        given_by=cast.practitioner,
        witnessed_by=cast.key_person,
        given_at=timezone.now() - timedelta(days=20),
    )
    for person in (cast.parent_b, cast.manager, cast.practitioner):
        html = client_for(person).get(reverse("home")).content.decode()
        assert permission.medicine in html, person
    # The key person of another child who neither gave nor keeps it: not theirs.
    assert permission.medicine not in client_for(cast.key_person).get(reverse("home")).text


def test_staff_home_shows_todays_doses_under_each_medicine_and_doses_not_acknowledged(cast, calpol):
    """The key person's medicine panel: each medicine due today with the
    times it was given today (not yesterday's), and every dose the family
    has not acknowledged, newest first."""
    from django.test import RequestFactory

    from nursery.registry import home_panel, panel_alone
    from tests.utils import count_queries

    midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    given = [
        MedicationDoseFactory(
            permission=calpol,
            given_by=cast.key_person,
            witnessed_by=cast.practitioner,
            given_at=at,
        )
        for at in (
            midnight - timedelta(hours=1),  # yesterday
            midnight + timedelta(minutes=2),
            midnight + timedelta(minutes=1),
        )
    ]
    request = RequestFactory().get("/")
    request.user = cast.key_person
    cast.key_person.role  # noqa: B018  (read once per request, before the panels)
    panel = home_panel.registry.get("consents.staff_medication")
    context = panel_alone(panel, request)
    [permission] = context["permissions"]
    assert permission.pk == calpol.pk
    assert permission.today == [given[2].given_at, given[1].given_at]
    assert [d.pk for d in context["doses"]] == [given[1].pk, given[2].pk, given[0].pk]
    assert not permission.erred_today
    # A medicine given in error today is said beside the doses given.
    MedicationIncidentFactory(
        child=cast.child_a, permission=calpol, given_by=cast.key_person, given_at=midnight
    )
    [permission] = panel_alone(panel, request)["permissions"]
    assert permission.erred_today
    # The key children, their permissions with today's doses, the doses not
    # acknowledged (the setting's configuration, which marks the key
    # children, is read with the person on a request).
    request = RequestFactory().get("/")
    request.user = cast.key_person
    with SiteConfig.loaded_once():
        SiteConfig.load()
        assert count_queries(lambda: panel_alone(panel, request)) == 3


def test_any_member_of_staff_in_the_room_records_a_dose_and_a_medication_error(
    cast, client_for, calpol
):
    """The key person is not always in the room when a medicine is due: the
    member of staff who gives it records the dose, and whoever finds an
    error records it, so that it is never left unrecorded."""
    assert cast.child_a.key_person != cast.practitioner
    client = client_for(cast.practitioner)
    page = client.get(reverse("consents:medication", args=[cast.child_a.pk])).text
    assert dose_url(cast) in page
    response = client.post(
        dose_url(cast),
        dose_data(cast, given_by=str(cast.practitioner.pk), witnessed_by=str(cast.key_person.pk)),
    )
    assert response.status_code == 302
    assert MedicationDose.objects.get().given_by == cast.practitioner
    given_at = timezone.localtime() - timedelta(minutes=30)
    response = client.post(
        reverse("consents:medication_incident_create", args=[cast.child_a.pk]),
        {
            "medicine": "Calpol",
            "amount": "10 ml",
            "given_at": given_at.strftime("%Y-%m-%dT%H:%M"),
            "given_by": str(cast.practitioner.pk),
            "what_went_wrong": "Twice the permitted dose",
            "action_taken": "NHS 111 called",
            "parent_told_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "parent_told": "Mother, by phone",
        },
    )
    assert response.status_code == 302
    assert MedicationIncident.objects.get().recorded_by == cast.practitioner


def test_the_dose_form_shows_how_often_doses_given_today_and_the_childs_allergy(
    cast, client_for, calpol
):
    """Before a dose is given, the page shows what the permission allows
    (how much, how far apart, how many a day), the times of today's doses,
    and the child's serious allergy, so that staff are not told only after
    they are refused."""
    assert (calpol.min_interval_hours, calpol.max_doses_per_day) == (4, 4)
    HealthAlertFactory(child=cast.child_a, what="Penicillin")
    page = client_for(cast.practitioner).get(dose_url(cast)).text
    assert "at least 4 hours apart" in page and "at most 4 doses a day" in page
    assert "Not given yet today." in page
    assert "Penicillin" in page
    # A mild allergy is not marked beside the name: the page links to them all.
    assert reverse("safety:child", args=[cast.child_a.pk]) in page
    given = timezone.localtime().replace(hour=9, minute=15)
    MedicationDoseFactory(
        permission=calpol, given_at=given, given_by=cast.key_person, witnessed_by=cast.manager
    )
    page = client_for(cast.practitioner).get(dose_url(cast)).text
    assert "Given today at 09:15." in page


def test_the_medication_incident_form_does_not_fill_in_when_the_family_was_told(cast, client_for):
    """Staff write when the family was really told (or whom they tried), not
    the moment the form was opened."""
    url = reverse("consents:medication_incident_create", args=[cast.child_a.pk])
    page = client_for(cast.practitioner).get(url).text
    field = re.search(r'<input[^>]*name="parent_told_at"[^>]*>', page).group(0)
    assert "value=" not in field
    assert "When the family was told, or you tried" in page
