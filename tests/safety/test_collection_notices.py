"""Someone else collecting, taken down by staff on an adult's word: the
notice is that adult's, read by them and their home, never by the other
home; taken on the word of someone else, it stays with the nursery."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from families.models import ParentLink
from safety.models import CollectionNotice
from tests.factories import ParentFactory, ParentLinkFactory
from tests.utils import database_fingerprint

pytestmark = pytest.mark.django_db

WHO = "Sandra Okafor"


@pytest.fixture
def housemate(cast):
    """A second adult in parent_a's own household."""
    adult = ParentFactory(email="gran@example.org", full_name="Gwen Ashworth")
    ParentLinkFactory(parent=adult, child=cast.child_a, household=1)
    return adult


def take_down(client, child, link=None, **changes):
    data = {
        "on": timezone.localdate().isoformat(),
        "name": WHO,
        "relationship": "Neighbour",
        "phone": "07700 900777",
        "on_word_of": link.pk if link else "",
        **changes,
    }
    return client.post(reverse("safety:collecting_today", kwargs={"pk": child.pk}), data)


def child_page(client, child):
    response = client.get(reverse("safety:child", kwargs={"pk": child.pk}))
    assert response.status_code == 200
    return response.content.decode()


def test_a_notice_taken_on_a_mothers_word_is_hers_and_her_homes(cast, client_for, housemate):
    mum = ParentLink.objects.get(child=cast.child_a, parent=cast.parent_a)
    assert take_down(client_for(cast.key_person), cast.child_a, mum).status_code == 302
    notice = CollectionNotice.objects.get()
    assert (notice.told_by, notice.taken_by) == (cast.parent_a, cast.key_person)
    said = f"Taken down by {cast.key_person.full_name} on the word of {cast.parent_a.full_name}."
    assert WHO in child_page(client_for(cast.parent_a), cast.child_a)
    assert said in child_page(client_for(cast.parent_a), cast.child_a)
    assert WHO in child_page(client_for(housemate), cast.child_a)
    assert WHO not in child_page(client_for(cast.parent_a_home2), cast.child_a)
    assert said in child_page(client_for(cast.manager), cast.child_a)


def test_a_notice_taken_on_someone_elses_word_stays_with_the_nursery(cast, client_for):
    assert take_down(client_for(cast.key_person), cast.child_a).status_code == 302
    notice = CollectionNotice.objects.get()
    assert (notice.told_by, notice.taken_by) == (cast.key_person, None)
    assert WHO not in child_page(client_for(cast.parent_a), cast.child_a)
    assert WHO in child_page(client_for(cast.key_person), cast.child_a)


def test_only_the_childs_own_adults_are_offered_and_taken(cast, client_for):
    client = client_for(cast.key_person)
    form = client.get(reverse("safety:collecting_today", kwargs={"pk": cast.child_a.pk}))
    offered = form.context["form"].fields["on_word_of"].queryset
    assert set(offered) == set(ParentLink.objects.filter(child=cast.child_a))
    other = ParentLink.objects.filter(child=cast.child_b).first()
    before = database_fingerprint()
    for forged in (other.pk, 10**40, "²"):
        response = take_down(client, cast.child_a, on_word_of=forged)
        assert response.status_code == 200
        assert "on_word_of" in response.context["form"].errors
    assert database_fingerprint() == before


def test_a_parent_is_not_asked_whose_word_it_is(cast, client_for):
    client = client_for(cast.parent_a)
    form = client.get(reverse("safety:collecting_today", kwargs={"pk": cast.child_a.pk}))
    assert "on_word_of" not in form.context["form"].fields
    # A field sent anyway changes nothing: the notice is the parent's own.
    mum_b = ParentLink.objects.filter(child=cast.child_b).first()
    assert take_down(client, cast.child_a, mum_b).status_code == 302
    notice = CollectionNotice.objects.get()
    assert (notice.told_by, notice.taken_by) == (cast.parent_a, None)


def test_a_day_in_the_past_is_refused_for_staff_too(cast, client_for):
    mum = ParentLink.objects.get(child=cast.child_a, parent=cast.parent_a)
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = take_down(client_for(cast.key_person), cast.child_a, mum, on=yesterday)
    assert response.status_code == 200 and "on" in response.context["form"].errors
    assert not CollectionNotice.objects.exists()


def test_each_adults_data_request_holds_their_homes_notices_alone(cast, client_for):
    """What an adult told the setting about who collects is theirs: it is in
    their subject-access pack, and never in the other home's."""
    from records import services as records
    from tests.records.factories import make_request

    mum = ParentLink.objects.get(child=cast.child_a, parent=cast.parent_a)
    take_down(client_for(cast.key_person), cast.child_a, mum)
    take_down(client_for(cast.key_person), cast.child_a, name="EMU Brown")
    mine = records.sar_prepare(sar=make_request(cast.parent_a), by=cast.manager)
    theirs = records.sar_prepare(sar=make_request(cast.parent_a_home2), by=cast.manager)
    assert WHO in mine.pack_html and "on the word of" in mine.pack_html
    assert WHO not in theirs.pack_html and WHO not in str(theirs.pack_data)
    assert "EMU Brown" not in mine.pack_html + theirs.pack_html


def withdraw(client, notice):
    return client.post(
        reverse(
            "safety:collecting_withdraw",
            kwargs={"pk": notice.child_id, "notice_pk": notice.pk},
        )
    )


def test_the_parent_who_told_withdraws_and_staff_see_it_is_no_longer_coming(
    cast, client_for, housemate
):
    parent = client_for(cast.parent_a)
    assert take_down(parent, cast.child_a).status_code == 302
    notice = CollectionNotice.objects.get()
    page = child_page(parent, cast.child_a)
    assert f"{WHO} is no longer collecting" in page
    # The adult of the same home reads it, and asks the nursery or the
    # parent to change it: no button she cannot use.
    same_home = client_for(housemate)
    assert f"{WHO} is no longer collecting" not in child_page(same_home, cast.child_a)
    before = database_fingerprint()
    assert withdraw(same_home, notice).status_code == 403
    assert database_fingerprint() == before
    other_home = client_for(cast.parent_a_home2)
    before = database_fingerprint()
    assert withdraw(other_home, notice).status_code == 404
    assert database_fingerprint() == before
    parent = client_for(cast.parent_a)

    assert withdraw(parent, notice).status_code == 302
    notice.refresh_from_db()
    assert notice.withdrawn_by == cast.parent_a and notice.withdrawn_at is not None
    page = child_page(parent, cast.child_a)
    assert "No longer collecting" in page
    assert (
        reverse(
            "safety:collecting_withdraw", kwargs={"pk": cast.child_a.pk, "notice_pk": notice.pk}
        )
        not in page
    )
    # Sent again (a double tap): nothing more happens.
    assert withdraw(parent, notice).status_code == 302
    # The sign-out list no longer offers the person; the room's board says
    # they are no longer coming.
    staff = client_for(cast.key_person)
    sign_out = staff.get(reverse("safety:sign_out", kwargs={"pk": cast.child_a.pk}))
    assert WHO not in sign_out.content.decode()
    board = staff.get(reverse("safety:board", kwargs={"pk": cast.child_a.room_id}))
    assert f"No longer collecting today: {WHO}" in board.content.decode()


def test_staff_withdraw_on_a_parents_word_and_a_day_gone_by_stays(cast, client_for):
    parent = client_for(cast.parent_a)
    take_down(parent, cast.child_a)
    notice = CollectionNotice.objects.get()
    assert withdraw(client_for(cast.key_person), notice).status_code == 302
    notice.refresh_from_db()
    assert notice.withdrawn_by == cast.key_person
    parent = client_for(cast.parent_a)
    # Yesterday's notice is the record of yesterday.
    old = CollectionNotice.objects.create(
        child=cast.child_a,
        on=timezone.localdate() - timedelta(days=1),
        name="Pat Past",
        relationship="Aunt",
        phone="07700 900111",
        told_by=cast.parent_a,
    )
    response = withdraw(parent, old)
    old.refresh_from_db()
    assert old.withdrawn_at is None
    assert response.status_code == 302


def test_the_other_home_telling_of_the_same_person_is_not_told_the_first_home_did(cast, client_for):
    """Each home tells the nursery of its own arrangement: a notice of the
    same person from the other home is not revealed by a refusal. Staff
    read both."""
    assert take_down(client_for(cast.parent_a), cast.child_a).status_code == 302
    response = take_down(client_for(cast.parent_a_home2), cast.child_a)
    assert response.status_code == 302
    assert (
        "We already know that"
        not in client_for(cast.parent_a_home2).get(response.url).content.decode()
    )
    assert CollectionNotice.objects.filter(name=WHO).count() == 2
    assert set(CollectionNotice.objects.values_list("told_by", flat=True)) == {
        cast.parent_a.pk,
        cast.parent_a_home2.pk,
    }


def test_the_same_person_for_the_same_day_is_told_once(cast, client_for):
    parent = client_for(cast.parent_a)
    assert take_down(parent, cast.child_a).status_code == 302
    response = take_down(parent, cast.child_a, name=f"  {WHO.upper()} ")
    assert response.status_code == 200
    assert "We already know that" in response.content.decode()
    assert CollectionNotice.objects.count() == 1
    # Once withdrawn, the person may be told of again.
    withdraw(parent, CollectionNotice.objects.get())
    assert take_down(parent, cast.child_a).status_code == 302
    assert CollectionNotice.objects.standing().count() == 1


def test_a_notice_on_a_restricted_adults_word_needs_the_password_or_the_manager(cast, client_for):
    """A father whose access is restricted by a court order rings to say a
    friend collects today. Staff may take it down (the setting judges), but
    the notice alone does not hand the child over: the room's board says so,
    and signing out to that person needs the family's collection password
    or the manager, as for someone not on the list."""
    from safety.models import Attendance
    from safety.services import collection_password_set
    from tests.safety.factories import AttendanceFactory

    dad = ParentLink.objects.get(child=cast.child_a, parent=cast.parent_restricted)
    key_person = client_for(cast.key_person)
    assert take_down(key_person, cast.child_a, dad).status_code == 302
    notice = CollectionNotice.objects.get()
    warning = "Told by an adult whose access is restricted: the password or the manager is needed"
    board = key_person.get(reverse("safety:board", kwargs={"pk": cast.child_a.room_id})).text
    assert WHO in board and warning in board
    AttendanceFactory(child=cast.child_a, signed_in_by=cast.key_person)
    url = reverse("safety:sign_out", kwargs={"pk": cast.child_a.pk})
    assert "told by an adult whose access is restricted" in key_person.get(url).text
    at = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    before = database_fingerprint()
    refused = key_person.post(url, {"at": at, "who": f"notice:{notice.pk}"})
    assert refused.status_code == 200
    assert "by an adult whose access to the child is restricted" in refused.text
    assert database_fingerprint() == before

    collection_password_set(child=cast.child_a, password="blue giraffe", by=cast.parent_a)
    password = {"password": "blue giraffe"}
    done = key_person.post(url, {"at": at, "who": f"notice:{notice.pk}", **password})
    assert done.status_code == 302
    entry = Attendance.objects.get(child=cast.child_a)
    assert (entry.collected_by, entry.collected_kind, entry.collection_check) == (
        WHO,
        "notice",
        "password",
    )


def test_the_manager_confirms_a_notice_on_a_restricted_adults_word(cast, client_for):
    from safety.models import Attendance
    from tests.safety.factories import AttendanceFactory

    dad = ParentLink.objects.get(child=cast.child_a, parent=cast.parent_restricted)
    manager = client_for(cast.manager)
    taken = take_down(manager, cast.child_a, dad)
    # Staff are not thanked as a parent would be.
    said = manager.get(taken["Location"]).text
    assert "Saved. It is on the room&#x27;s board and the sign-out form today." in said
    notice = CollectionNotice.objects.get()
    AttendanceFactory(child=cast.child_a, signed_in_by=cast.key_person)
    url = reverse("safety:sign_out", kwargs={"pk": cast.child_a.pk})
    at = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    # The manager is told to tick the box, not to ask the manager.
    unticked = manager.post(url, {"at": at, "who": f"notice:{notice.pk}"}).text
    assert "or tick the box to confirm as the manager." in unticked
    assert "ask the manager" not in unticked.split("<main")[1].split("</form>")[0].lower()
    response = manager.post(url, {"at": at, "who": f"notice:{notice.pk}", "manager_confirms": "on"})
    assert response.status_code == 302
    entry = Attendance.objects.get(child=cast.child_a)
    assert (entry.collection_check, entry.confirmed_by) == ("manager", cast.manager)


def test_a_notice_on_an_unrestricted_adults_word_hands_the_child_over_as_listed(cast, client_for):
    from safety.models import Attendance
    from tests.safety.factories import AttendanceFactory

    mum = ParentLink.objects.get(child=cast.child_a, parent=cast.parent_a)
    key_person = client_for(cast.key_person)
    take_down(key_person, cast.child_a, mum)
    notice = CollectionNotice.objects.get()
    board = key_person.get(reverse("safety:board", kwargs={"pk": cast.child_a.room_id})).text
    assert "whose access is restricted" not in board
    AttendanceFactory(child=cast.child_a, signed_in_by=cast.key_person)
    response = key_person.post(
        reverse("safety:sign_out", kwargs={"pk": cast.child_a.pk}),
        {"at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "who": f"notice:{notice.pk}"},
    )
    assert response.status_code == 302
    assert Attendance.objects.get(child=cast.child_a).collection_check == "listed"


def test_an_adult_whose_access_is_restricted_collects_only_with_the_password_or_the_manager(
    cast, client_for
):
    """As a notice on his word: the father whose access a court order
    restricts is labelled so at sign-out, and handing the child to him needs
    the family's collection password or the manager's confirmation."""
    from safety.models import Attendance
    from tests.safety.factories import AttendanceFactory

    dad = ParentLink.objects.get(child=cast.child_a, parent=cast.parent_restricted)
    AttendanceFactory(child=cast.child_a, signed_in_by=cast.key_person)
    url = reverse("safety:sign_out", kwargs={"pk": cast.child_a.pk})
    at = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    key_person = client_for(cast.key_person)
    assert "parent or carer, access restricted" in key_person.get(url).text
    before = database_fingerprint()
    refused = key_person.post(url, {"at": at, "who": f"parent:{dad.pk}"}).text
    assert "Rory Ashworth&#x27;s access to the child is restricted." in refused
    assert database_fingerprint() == before
    manager = client_for(cast.manager)
    done = manager.post(url, {"at": at, "who": f"parent:{dad.pk}", "manager_confirms": "on"})
    assert done.status_code == 302
    entry = Attendance.objects.get(child=cast.child_a)
    assert (entry.collected_kind, entry.collection_check) == ("parent", "manager")


def test_the_same_person_told_twice_on_a_restricted_adults_word_stands_once(cast, client_for):
    link = ParentLink.objects.get(child=cast.child_a, parent=cast.parent_restricted)
    staff = client_for(cast.key_person)
    assert take_down(staff, cast.child_a, link=link).status_code == 302
    response = take_down(staff, cast.child_a, link=link)
    assert response.status_code == 200
    assert "We already know that" in response.content.decode()
    assert CollectionNotice.objects.count() == 1
