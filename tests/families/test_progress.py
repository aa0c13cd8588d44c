"""Progress reviews and the check at age two: due and overdue from the date of
birth, the parent's comments and sign-off, sharing with the health visitor
only with consent."""

from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from consents.services import consent_is_given
from families.models import ProgressReview
from families.selectors import two_year_checks_due, two_year_checks_overdue, two_year_checks_to_do
from families.services import two_year_check_share_consented
from families.views.partnership import ChecksDueView
from nursery import hooks
from nursery.dates import months_before
from tests.factories import ChildFactory
from tests.families.factories import ReviewFactory


def born_months_ago(months, extra_days=0):
    return months_before(timezone.localdate(), months) - timedelta(days=extra_days)


def check_post(child, **overrides):
    data = {
        "kind": "two_year",
        "reviewed_on": timezone.localdate().isoformat(),
        "communication": "Uses around 50 words.",
        "physical": "Runs and climbs.",
        "personal_social": "Shares toys with help.",
        "strengths": "Loves books.",
        "support_needed": "",
        "concern": "none",
        "setting_will": "Read together daily.",
        "family_will": "Library visit weekly.",
        "staff_notes": "STAFF-ONLY: watch hearing",
        "share": "on",
    }
    data.update(overrides)
    return data


@pytest.fixture
def ages(cast):
    """Children at the edges of the window for the check at age two."""
    return {
        "too_young": ChildFactory(date_of_birth=born_months_ago(23, 10)),
        "due": ChildFactory(date_of_birth=born_months_ago(30)),
        "overdue": ChildFactory(
            date_of_birth=born_months_ago(38),
            started_on=born_months_ago(20),
        ),
        "joined_at_four": ChildFactory(
            date_of_birth=born_months_ago(50), started_on=born_months_ago(1)
        ),
    }


def test_check_is_due_between_24_and_36_months_and_overdue_after(ages):
    due = set(two_year_checks_due())
    overdue = set(two_year_checks_overdue())
    assert ages["due"] in due and ages["due"] not in overdue
    assert ages["overdue"] in overdue and ages["overdue"] not in due
    assert ages["too_young"] not in due | overdue
    assert ages["joined_at_four"] not in due | overdue


def test_the_checks_to_do_are_the_overdue_list_then_the_due_list_each_marked(ages):
    """The follow-up page's one list follows the two rules exactly: every
    overdue check before every due one, and each child marked as which."""
    to_do = list(two_year_checks_to_do())
    overdue, due = list(two_year_checks_overdue()), list(two_year_checks_due())
    assert to_do == overdue + due
    assert ages["overdue"] in overdue and ages["due"] in due
    assert [child.check_overdue for child in to_do] == [True] * len(overdue) + [False] * len(due)


def test_the_checks_page_keeps_each_heading_with_its_part_of_the_list_from_page_to_page(
    ages, cast, client_for, monkeypatch
):
    """Fifty to a page (one here): the overdue checks on the first pages,
    the due ones after, each under its heading; "none" is said only where a
    list is really empty."""
    monkeypatch.setattr(ChecksDueView, "paginate_by", 1)
    client = client_for(cast.manager)
    rows = list(two_year_checks_to_do())
    pages = [
        client.get(reverse("families:checks_due"), {"page": n}).content.decode()
        for n in range(1, len(rows) + 1)
    ]
    for page, child in zip(pages, rows, strict=True):
        assert escape(child.display_name) in page
        heading = (
            '<h2 class="h4">Overdue</h2>'
            if child.check_overdue
            else '<h2 class="h4" id="due-now">Due now</h2>'
        )
        assert heading in page
        assert "No check is overdue." not in page and "No check is due." not in page
    assert "Next" in pages[0] and "Previous" in pages[-1]


def test_the_link_to_the_checks_due_now_opens_the_page_where_they_begin(
    ages, cast, client_for, monkeypatch
):
    """However many checks are overdue before them: the manager's figure of
    checks due now links to the page where the due ones start."""
    monkeypatch.setattr(ChecksDueView, "paginate_by", 1)
    client = client_for(cast.manager)
    rows = list(two_year_checks_to_do())
    overdue = sum(1 for child in rows if child.check_overdue)
    assert 0 < overdue < len(rows)
    response = client.get(reverse("families:checks_due"), {"part": "due"})
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('families:checks_due')}?page={overdue + 1}#due-now"
    page = client.get(response["Location"].split("#")[0]).content.decode()
    assert '<h2 class="h4" id="due-now">Due now</h2>' in page
    assert escape(rows[overdue].display_name) in page


def test_the_checks_page_says_when_no_check_is_overdue_or_due(cast, client_for):
    for child in two_year_checks_to_do():
        ReviewFactory(child=child, kind="two_year")
    page = client_for(cast.manager).get(reverse("families:checks_due")).content.decode()
    assert "No check is overdue." in page and "No check is due." in page
    due = ChildFactory(date_of_birth=born_months_ago(30))
    page = client_for(cast.manager).get(reverse("families:checks_due")).content.decode()
    assert "No check is overdue." in page and escape(due.display_name) in page
    assert "No check is due." not in page


def test_a_done_check_is_neither_due_nor_overdue(ages):
    ReviewFactory(child=ages["due"], kind="two_year")
    ReviewFactory(child=ages["overdue"], kind="two_year")
    assert ages["due"] not in set(two_year_checks_due())
    assert ages["overdue"] not in set(two_year_checks_overdue())


def test_key_person_writes_the_check_and_shares_it(cast, client_for):
    cast.child_a.date_of_birth = born_months_ago(27)
    cast.child_a.save()
    response = client_for(cast.key_person).post(
        reverse("families:review_create", args=[cast.child_a.pk]), check_post(cast.child_a)
    )
    assert response.status_code == 302
    check = ProgressReview.objects.get()
    assert check.is_two_year_check and check.is_shared


@pytest.mark.parametrize(
    ("months_old", "started_months_ago"),
    [
        (20, 6),  # before 24 months
        (44, 2),  # joined at three and a half: the check at age two was never ours
    ],
)
def test_a_check_at_age_two_out_of_its_time_is_refused(
    cast, client_for, months_old, started_months_ago
):
    cast.child_a.date_of_birth = born_months_ago(months_old)
    cast.child_a.started_on = born_months_ago(started_months_ago)
    cast.child_a.save()
    response = client_for(cast.key_person).post(
        reverse("families:review_create", args=[cast.child_a.pk]), check_post(cast.child_a)
    )
    assert "between 24 and 36 months" in response.content.decode()
    assert not ProgressReview.objects.exists()


def test_an_overdue_check_is_recorded_late_and_leaves_the_overdue_list(cast, client_for):
    """Ada was with us before she turned three and her check was never
    written: it is overdue. Written now, at 40 months, it is recorded (late,
    but done) rather than refused, and she leaves the overdue list."""
    cast.child_a.date_of_birth = born_months_ago(40)
    cast.child_a.save()
    assert cast.child_a in set(two_year_checks_overdue())
    response = client_for(cast.key_person).post(
        reverse("families:review_create", args=[cast.child_a.pk]), check_post(cast.child_a)
    )
    assert response.status_code == 302
    assert ProgressReview.objects.get().is_two_year_check
    assert cast.child_a not in set(two_year_checks_overdue())


def test_review_dated_in_the_future_is_refused(cast, client_for):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client_for(cast.key_person).post(
        reverse("families:review_create", args=[cast.child_a.pk]),
        check_post(cast.child_a, kind="review", reviewed_on=tomorrow),
    )
    assert "This date cannot be in the future." in response.content.decode()
    assert not ProgressReview.objects.exists()
    # A check dated far ahead is told that, not the child's age then.
    response = client_for(cast.key_person).post(
        reverse("families:review_create", args=[cast.child_a.pk]),
        check_post(cast.child_a, reviewed_on="9999-12-31"),
    )
    page = response.content.decode()
    assert "This date cannot be in the future." in page and "months old" not in page
    assert not ProgressReview.objects.exists()


def test_a_concern_must_be_described(cast, client_for):
    response = client_for(cast.key_person).post(
        reverse("families:review_create", args=[cast.child_a.pk]),
        check_post(cast.child_a, kind="review", concern="delay"),
    )
    assert "Describe the concern." in response.content.decode()
    assert not ProgressReview.objects.exists()


def test_parent_comments_on_and_signs_off_the_check(cast, client_for):
    check = ReviewFactory(child=cast.child_a, kind="two_year")
    client = client_for(cast.parent_a)
    client.post(
        reverse("families:review_comment", args=[cast.child_a.pk, check.pk]),
        {"comment": "At home she says lots of animal names."},
    )
    client.post(reverse("families:review_sign_off", args=[cast.child_a.pk, check.pk]))
    check.refresh_from_db()
    assert [c.text for c in check.comments.all()] == ["At home she says lots of animal names."]
    assert check.signed_off_by == cast.parent_a
    assert [read.read_by for read in check.reads.all()] == [cast.parent_a]


def test_a_regular_review_cannot_be_signed_off(cast, client_for):
    review = ReviewFactory(child=cast.child_a)
    response = client_for(cast.parent_a).post(
        reverse("families:review_sign_off", args=[cast.child_a.pk, review.pk])
    )
    assert response.status_code == 404


def test_parent_never_sees_staff_only_notes_of_a_review(cast, client_for):
    check = ReviewFactory(child=cast.child_a, kind="two_year")
    client = client_for(cast.parent_a)
    for url in (
        reverse("families:review_detail", args=[cast.child_a.pk, check.pk]),
        reverse("families:reviews", args=[cast.child_a.pk]),
        reverse("home"),
    ):
        assert "STAFF-ONLY" not in client.get(url).content.decode()


def test_parent_home_asks_for_the_sign_off(cast, client_for):
    check = ReviewFactory(child=cast.child_a, kind="two_year")
    html = client_for(cast.parent_a).get(reverse("home")).content.decode()
    assert reverse("families:review_detail", args=[cast.child_a.pk, check.pk]) in html
    assert "sign off" in html


def test_sharing_with_the_health_visitor_is_refused_without_consent(cast, client_for):
    check = ReviewFactory(child=cast.child_a, kind="two_year")
    response = client_for(cast.key_person).post(
        reverse("families:review_health_visitor", args=[cast.child_a.pk, check.pk]),
        {"shared_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 200
    assert "has not consented" in response.content.decode()
    check.refresh_from_db()
    assert check.health_visitor_shared_on is None


def test_the_sharing_page_says_before_the_form_when_no_consent_is_recorded(cast, client_for):
    """Staff are told why the check cannot be shared before they fill in the
    form, not only after they press the button."""
    check = ReviewFactory(child=cast.child_a, kind="two_year")
    url = reverse("families:review_health_visitor", args=[cast.child_a.pk, check.pk])
    no_consent = "No consent to share the check with the health visitor is recorded"
    assert no_consent in client_for(cast.key_person).get(url).content.decode()
    with hooks.consent_is_given.temporarily(lambda *, child, code: True):
        assert no_consent not in client_for(cast.key_person).get(url).content.decode()


def test_sharing_with_the_health_visitor_is_recorded_with_consent(cast, client_for, monkeypatch):
    asked = []

    def given(*, child, code):
        asked.append((child, code))
        return True

    check = ReviewFactory(child=cast.child_a, kind="two_year")
    with hooks.consent_is_given.temporarily(given):
        client_for(cast.key_person).post(
            reverse("families:review_health_visitor", args=[cast.child_a.pk, check.pk]),
            {"shared_on": timezone.localdate().isoformat()},
        )
    check.refresh_from_db()
    assert check.health_visitor_shared_by == cast.key_person
    assert (cast.child_a, "health_visitor_two_year_check") in asked


def test_health_visitor_consent_is_asked_of_the_consent_ledger(cast):
    assert hooks.consent_is_given.provider is consent_is_given
    with hooks.consent_is_given.temporarily(lambda *, child, code: False):
        assert two_year_check_share_consented(child=cast.child_a) is False
    with hooks.consent_is_given.temporarily(lambda *, child, code: True):
        assert two_year_check_share_consented(child=cast.child_a) is True


def test_without_an_answer_the_consent_hook_says_not_given(cast):
    with hooks.consent_is_given.temporarily(None):
        assert two_year_check_share_consented(child=cast.child_a) is False


def test_a_second_answer_to_a_hook_stops_start_up():
    with pytest.raises(ImproperlyConfigured):
        hooks.consent_is_given.answer(lambda *, child, code: True)


def test_manager_sees_checks_overdue_on_the_follow_up_list(ages, cast, client_for):
    html = client_for(cast.manager).get(reverse("families:checks_due")).content.decode()
    assert escape(ages["overdue"].display_name) in html
    assert escape(ages["due"].display_name) in html
    assert escape(ages["too_young"].display_name) not in html
