"""Children, parents' links, key persons and practical details."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from families.models import KeyPersonAssignment, ParentLink, PracticalDetails, Relationship
from nursery.models import User
from tests.factories import (
    ChildFactory,
    EmergencyContactFactory,
    KeyPersonAssignmentFactory,
    ParentLinkFactory,
    PracticalDetailsFactory,
    carer_without_responsibility,
)
from tests.families.access_rows import details_data
from tests.utils import assert_fixed_queries, database_fingerprint, run_tasks

pytestmark = pytest.mark.django_db


def child_url(name, child):
    return reverse(f"families:{name}", kwargs={"pk": child.pk})


class TestWhoSeesWhichChild:
    def test_parent_home_lists_only_their_own_children(self, client_for, cast):
        html = client_for(cast.parent_a).get(reverse("home")).content.decode()
        assert "Ada Ashworth" in html
        assert "Kim Keyperson" in html
        assert "Ben Bennett" not in html

    def test_other_family_gets_404_for_the_child_page(self, client_for, cast):
        response = client_for(cast.parent_b).get(child_url("child_detail", cast.child_a))
        assert response.status_code == 404

    def test_restricted_parent_sees_nothing_of_the_child(self, client_for, cast):
        client = client_for(cast.parent_restricted)
        home = client.get(reverse("home")).content.decode()
        assert "Ada" not in home
        assert client.get(child_url("child_detail", cast.child_a)).status_code == 404
        assert client.get(child_url("details_edit", cast.child_a)).status_code == 404

    def test_restricting_one_parent_leaves_the_other_parent_untouched(self, client_for, cast):
        link = ParentLink.objects.get(parent=cast.parent_a, child=cast.child_a)
        manager = client_for(cast.manager)
        response = manager.post(
            reverse("families:link_edit", kwargs={"child_pk": cast.child_a.pk, "pk": link.pk}),
            {"relationship": "mother", "has_parental_responsibility": "on"},
        )
        # Restricting needs a reason: nothing changes without one.
        assert response.status_code == 200
        assert "Say why" in response.content.decode()
        link.refresh_from_db()
        assert link.portal_access

    def test_a_nonexistent_or_malformed_child_id_is_404(self, client_for, cast):
        client = client_for(cast.manager)
        assert client.get("/children/999999/").status_code == 404
        assert client.get("/children/abc/").status_code == 404
        assert client.get("/children/-1/").status_code == 404

    def test_parent_page_hides_other_parents_and_restriction_notes(self, client_for, cast):
        html = client_for(cast.parent_a).get(child_url("child_detail", cast.child_a))
        text = html.content.decode()
        assert "Rory Ashworth" not in text
        assert "Court order" not in text

    def test_staff_see_links_and_restrictions(self, client_for, cast):
        text = client_for(cast.practitioner).get(child_url("child_detail", cast.child_a))
        html = text.content.decode()
        assert "Rory Ashworth" in html
        assert "Restricted" in html
        # Why is restricted too: the key person, the DSL and the manager read it.
        assert "Court order" not in html
        for reader in (cast.key_person, cast.dsl, cast.manager):
            page = client_for(reader).get(child_url("child_detail", cast.child_a))
            assert "Court order" in page.content.decode()


class TestPracticalDetails:
    def test_parent_updates_details_and_they_are_confirmed_with_history(self, client_for, cast):
        client = client_for(cast.parent_a)
        data = details_data(cast) | {"details-allergies": "egg"}
        response = client.post(child_url("details_edit", cast.child_a), data)
        assert response.status_code == 302
        details = PracticalDetails.objects.get(child=cast.child_a)
        assert details.allergies == "egg"
        assert details.postcode == "NT1 1AA"
        assert details.last_confirmed_by == cast.parent_a
        assert details.history.count() == 2
        assert details.history.first().history_user == cast.parent_a
        history = client.get(child_url("details_history", cast.child_a)).content.decode()
        assert "none known" in history
        assert "egg" in history

    def test_a_carer_without_parental_responsibility_cannot_say_a_contact_may_collect(
        self, client_for, cast
    ):
        """Who may collect is an authorisation: a step-parent keeps the
        contacts up to date, and the "may collect" box shows what is
        recorded without being theirs to change, for a contact already
        there or one they add."""
        step_parent = carer_without_responsibility(cast.child_a, Relationship.STEP_PARENT)
        client = client_for(step_parent)
        form_page = client.get(child_url("details_edit", cast.child_a)).content.decode()
        assert "can change this" in form_page
        contact = cast.child_a.emergency_contacts.get()
        assert not contact.can_collect
        data = details_data(cast) | {
            "contacts-0-can_collect": "on",
            "contacts-0-phone": "07700 900999",
            "contacts-TOTAL_FORMS": "2",
            "contacts-1-name": "Sam Stranger",
            "contacts-1-relationship": "Friend",
            "contacts-1-phone": "07700 900555",
            "contacts-1-priority": "2",
            "contacts-1-can_collect": "on",
        }
        assert client.post(child_url("details_edit", cast.child_a), data).status_code == 302
        contact.refresh_from_db()
        assert contact.phone == "07700 900999" and not contact.can_collect
        added = cast.child_a.emergency_contacts.get(name="Sam Stranger")
        assert not added.can_collect
        # The parent with parental responsibility says so, and a carer's
        # later save leaves it as it is.
        client_for(cast.parent_a).post(child_url("details_edit", cast.child_a), data)
        contact.refresh_from_db()
        assert contact.can_collect
        del data["contacts-0-can_collect"]
        data["contacts-TOTAL_FORMS"] = "1"
        data["contacts-0-phone"] = "07700 900888"
        client = client_for(step_parent)
        assert client.post(child_url("details_edit", cast.child_a), data).status_code == 302
        contact.refresh_from_db()
        assert contact.phone == "07700 900888" and contact.can_collect
        assert (
            "can change this"
            not in client_for(cast.parent_a)
            .get(child_url("details_edit", cast.child_a))
            .content.decode()
        )

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("details-home_phone", "call me", "Enter a phone number"),
            ("details-gp_phone", "123", "Enter a phone number"),
            ("details-gp_name", "", "This field is required"),
            ("details-allergies", "  ", "none known"),
            ("contacts-0-phone", "07700", "Enter a phone number"),
            ("contacts-0-name", "", "This field is required"),
        ],
    )
    def test_bad_details_show_the_error_and_save_nothing(
        self, client_for, cast, field, value, message
    ):
        before = PracticalDetails.objects.get(child=cast.child_a)
        contact_before = cast.child_a.emergency_contacts.get()
        data = details_data(cast) | {field: value}
        response = client_for(cast.parent_a).post(child_url("details_edit", cast.child_a), data)
        assert response.status_code == 200
        html = response.content.decode()
        assert message in html
        assert "Nothing was saved" in html
        after = PracticalDetails.objects.get(child=cast.child_a)
        assert after.home_phone == before.home_phone
        assert after.last_confirmed_at == before.last_confirmed_at
        assert after.history.count() == 1
        contact_after = cast.child_a.emergency_contacts.get()
        assert contact_after.phone == contact_before.phone

    @pytest.mark.parametrize("forged", ["other_family", "no_such", "not_a_number"])
    def test_a_forged_contact_id_is_refused_and_changes_nothing(self, client_for, cast, forged):
        """A contact id that is not one of this child's: the form says so, and
        neither child's contacts change (none is added in its place)."""
        other = EmergencyContactFactory(child=cast.child_b, name="Other Family Contact")
        value = {"other_family": str(other.pk), "no_such": "999999", "not_a_number": "x"}[forged]
        data = details_data(cast) | {"contacts-0-id": value, "contacts-0-name": "Forged"}
        client = client_for(cast.parent_a)
        before = database_fingerprint()
        response = client.post(child_url("details_edit", cast.child_a), data)
        assert response.status_code == 200
        html = response.content.decode()
        assert "One of these rows is no longer on this record. Nothing was saved" in html
        assert "Other Family Contact" not in html
        assert database_fingerprint() == before

    def test_at_least_one_emergency_contact_is_needed(self, client_for, cast):
        data = details_data(cast) | {"contacts-0-DELETE": "on"}
        response = client_for(cast.parent_a).post(child_url("details_edit", cast.child_a), data)
        assert response.status_code == 200
        assert cast.child_a.emergency_contacts.count() == 1

    def test_confirming_records_who_and_when(self, client_for, cast):
        details = PracticalDetails.objects.get(child=cast.child_a)
        details.last_confirmed_at = timezone.now() - timedelta(days=300)
        details.save()
        response = client_for(cast.parent_a).post(child_url("details_confirm", cast.child_a))
        assert response.status_code == 302
        details.refresh_from_db()
        assert details.last_confirmed_by == cast.parent_a
        assert timezone.now() - details.last_confirmed_at < timedelta(minutes=1)
        assert details.history.first().history_change_reason == "confirmed as still correct"

    def test_practitioner_who_is_not_key_person_reads_but_cannot_change(self, client_for, cast):
        client = client_for(cast.practitioner)
        assert client.get(child_url("child_detail", cast.child_a)).status_code == 200
        assert client.get(child_url("details_edit", cast.child_a)).status_code == 403

    def test_staff_page_shows_when_the_parent_last_confirmed(self, client_for, cast):
        client_for(cast.parent_a).post(child_url("details_confirm", cast.child_a))
        html = client_for(cast.practitioner).get(child_url("child_detail", cast.child_a))
        assert "by Alex Ashworth" in html.content.decode()


class TestKeyPerson:
    def test_manager_changes_key_person_keeping_history_and_telling_parents(
        self, client_for, cast, mailoutbox, django_capture_on_commit_callbacks
    ):
        today = timezone.localdate()
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(cast.manager).post(
                child_url("key_person", cast.child_a),
                {"practitioner": cast.practitioner.pk, "started_on": today.isoformat()},
            )
        assert response.status_code == 302
        assignments = KeyPersonAssignment.objects.filter(child=cast.child_a).order_by("pk")
        assert [a.practitioner for a in assignments] == [cast.key_person, cast.practitioner]
        assert assignments[0].ended_on == today
        assert assignments[1].ended_on is None
        run_tasks()
        # Both adults of child A with portal access, in either household: the
        # key person is part of the child's record.
        told = {address for m in mailoutbox for address in m.to}
        assert told == {cast.parent_a.email, cast.parent_a_home2.email}
        assert "Ada has a new key person" in mailoutbox[0].body
        home = client_for(cast.parent_a).get(reverse("home")).content.decode()
        assert "Key person: Pat Practitioner" in home

    def test_key_person_change_cannot_start_in_the_future(self, client_for, cast):
        tomorrow = timezone.localdate() + timedelta(days=1)
        response = client_for(cast.manager).post(
            child_url("key_person", cast.child_a),
            {"practitioner": cast.practitioner.pk, "started_on": tomorrow.isoformat()},
        )
        assert response.status_code == 200
        assert "cannot start in the future" in response.content.decode()
        assert KeyPersonAssignment.objects.filter(child=cast.child_a).count() == 1

    def test_only_staff_can_be_key_persons(self, client_for, cast):
        response = client_for(cast.manager).post(
            child_url("key_person", cast.child_a),
            {"practitioner": cast.parent_b.pk, "started_on": timezone.localdate().isoformat()},
        )
        assert response.status_code == 200
        assert KeyPersonAssignment.objects.filter(child=cast.child_a).count() == 1


class TestLinksAndChildren:
    def test_linking_a_new_parent_creates_an_account_and_invites_them(
        self, client_for, cast, mailoutbox, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(cast.manager).post(
                child_url("link_create", cast.child_b),
                {
                    "new_full_name": "Sam Bennett",
                    "new_email": "Sam@Example.org",
                    "relationship": "father",
                    "has_parental_responsibility": "on",
                    "portal_access": "on",
                },
            )
        assert response.status_code == 302
        sam = User.objects.get(email="sam@example.org")
        assert sam.role == "parent"
        assert not sam.has_usable_password()
        link = ParentLink.objects.get(parent=sam, child=cast.child_b)
        assert link.has_parental_responsibility
        run_tasks()
        assert mailoutbox[0].to == ["sam@example.org"]
        assert "/accounts/invitation/" in mailoutbox[0].body

    def test_linking_an_existing_email_as_new_is_refused(self, client_for, cast):
        response = client_for(cast.manager).post(
            child_url("link_create", cast.child_b),
            {
                "new_full_name": "Someone",
                "new_email": cast.parent_a.email,
                "relationship": "father",
                "portal_access": "on",
            },
        )
        assert response.status_code == 200
        assert "choose it from the list" in response.content.decode()
        assert not ParentLink.objects.filter(parent=cast.parent_a, child=cast.child_b).exists()

    def test_linking_an_existing_parent(self, client_for, cast):
        response = client_for(cast.manager).post(
            child_url("link_create", cast.child_b),
            {"existing_parent": cast.parent_a.pk, "relationship": "other", "portal_access": "on"},
        )
        assert response.status_code == 302
        assert ParentLink.objects.filter(parent=cast.parent_a, child=cast.child_b).exists()

    def test_restricting_a_link_hides_the_child_from_that_parent_only(self, client_for, cast):
        second = ParentLinkFactory(child=cast.child_a, relationship="father")
        response = client_for(cast.manager).post(
            reverse("families:link_edit", kwargs={"child_pk": cast.child_a.pk, "pk": second.pk}),
            {"relationship": "father", "restriction_note": "Court order, 2026"},
        )
        assert response.status_code == 302
        page = child_url("child_detail", cast.child_a)
        assert client_for(second.parent).get(page).status_code == 404
        assert client_for(cast.parent_a).get(page).status_code == 200

    def test_a_child_born_in_the_future_is_refused(self, client_for, cast):
        future = timezone.localdate() + timedelta(days=3)
        response = client_for(cast.manager).post(
            reverse("families:child_create"),
            {
                "first_name": "Future",
                "last_name": "Child",
                "date_of_birth": future.isoformat(),
                "started_on": timezone.localdate().isoformat(),
            },
        )
        assert response.status_code == 200
        assert "cannot be in the future" in response.content.decode()

    def test_leaving_before_starting_is_refused_and_the_child_is_unchanged(self, client_for, cast):
        response = client_for(cast.manager).post(
            child_url("child_edit", cast.child_a),
            {
                "first_name": "Changed",
                "last_name": "Ashworth",
                "date_of_birth": cast.child_a.date_of_birth.isoformat(),
                "started_on": cast.child_a.started_on.isoformat(),
                "leaving_on": (cast.child_a.started_on - timedelta(days=1)).isoformat(),
            },
        )
        assert response.status_code == 200
        assert "must be after the start date" in response.content.decode()
        cast.child_a.refresh_from_db()
        assert cast.child_a.first_name == "Ada"


class TestRoster:
    def test_key_children_come_first_and_search_and_room_filter_work(self, client_for, cast):
        other_room_child = ChildFactory(first_name="Zed", last_name="Aardvark")
        client = client_for(cast.key_person)
        rows = client.get(reverse("families:roster")).context["object_list"]
        assert rows[0] == cast.child_a
        assert other_room_child in rows
        found = client.get(reverse("families:roster"), {"q": "benn"}).context["object_list"]
        assert list(found) == [cast.child_b]
        in_room = client.get(reverse("families:roster"), {"room": cast.child_a.room_id}).context[
            "object_list"
        ]
        assert other_room_child not in in_room

    def test_bad_filter_values_do_not_break_the_roster(self, client_for, cast):
        response = client_for(cast.manager).get(reverse("families:roster"), {"room": "nope"})
        assert response.status_code == 200

    def test_roster_holds_a_fixed_query_count(self, client_for, cast):
        client = client_for(cast.key_person)

        def grow(n):
            for _ in range(n):
                child = ChildFactory(room=cast.child_a.room)
                KeyPersonAssignmentFactory(child=child, practitioner=cast.practitioner)
                ParentLinkFactory(child=child)

        assert_fixed_queries(
            fetch=lambda: client.get(reverse("families:roster")),
            grow=grow,
        )


class TestHomePages:
    def test_parent_home_holds_a_fixed_query_count(self, client_for, cast):
        client = client_for(cast.parent_a)

        def grow(n):
            for _ in range(n):
                child = ChildFactory()
                ParentLinkFactory(child=child, parent=cast.parent_a)
                KeyPersonAssignmentFactory(child=child, practitioner=cast.key_person)
                PracticalDetailsFactory(child=child)

        assert_fixed_queries(
            fetch=lambda: client.get(reverse("home")),
            grow=grow,
        )

    def test_staff_and_manager_home_hold_a_fixed_query_count(self, client_for, cast):
        def grow(n):
            for _ in range(n):
                child = ChildFactory()
                KeyPersonAssignmentFactory(child=child, practitioner=cast.manager)
                PracticalDetailsFactory(
                    child=child, last_confirmed_at=timezone.now() - timedelta(days=400)
                )

        for person in (cast.key_person, cast.manager):
            client = client_for(person)
            assert_fixed_queries(
                fetch=lambda client=client: client.get(reverse("home")),
                grow=grow,
                part=f"[{person.role}]",
            )

    def test_parent_is_asked_to_check_details_not_confirmed_for_months(self, client_for, cast):
        PracticalDetails.objects.filter(child=cast.child_a).update(
            last_confirmed_at=timezone.now() - timedelta(days=200)
        )
        html = client_for(cast.parent_a).get(reverse("home")).content.decode()
        assert "Check Ada Ashworth's details" in html

    def test_manager_sees_children_whose_details_are_stale(self, client_for, cast):
        PracticalDetails.objects.filter(child=cast.child_b).update(
            last_confirmed_at=timezone.now() - timedelta(days=200)
        )
        client = client_for(cast.manager)
        html = client.get(reverse("home")).content.decode()
        assert "Children whose practical details are not confirmed" in html
        listed = client.get(reverse("details_unconfirmed")).content.decode()
        assert "Ben Bennett" in listed
        assert "Ada Ashworth" not in listed
