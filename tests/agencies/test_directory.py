"""The directory, partnership reviews, the manager's home panel and figure."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from agencies.models import Agency, AgencyReview
from nursery.dates import add_months, day_in_words
from nursery.registry import dashboard_figures
from tests.agencies.factories import (
    AgencyContactFactory,
    AgencyFactory,
    AgencyReviewFactory,
    SharingDecisionFactory,
)
from tests.transitions.factories import SchoolFactory
from tests.utils import (
    assert_fixed_queries,
    database_fingerprint,
)

TODAY = timezone.localdate


def test_parent_sees_the_public_part_of_the_directory_only(cast, client_for):
    agency = AgencyFactory(name="Newtown Welfare Rights", protocol="PROTOCOL-TEXT")
    AgencyContactFactory(agency=agency, name="Named Contact")
    AgencyFactory(name="Local Authority Designated Officer", listed_for_families=False)
    AgencyFactory(name="Closed Service", is_active=False)
    client = client_for(cast.parent_a)
    html = client.get(reverse("agencies:directory")).content.decode()
    assert "Newtown Welfare Rights" in html
    assert "Drop in on Tuesdays." in html
    assert "Local Authority Designated Officer" not in html
    assert "Closed Service" not in html
    assert "Next review" not in html
    html = client.get(agency.get_absolute_url()).content.decode()
    assert "Advice and groups for families" in html
    for staff_only in ("PROTOCOL-TEXT", "Staff note about the agency", "Named Contact", "review"):
        assert staff_only not in html
    hidden = Agency.objects.get(name="Local Authority Designated Officer")
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_staff_see_protocol_contacts_and_reviews(cast, client_for):
    agency = AgencyFactory(protocol="PROTOCOL-TEXT", listed_for_families=False)
    AgencyContactFactory(agency=agency, name="Named Contact")
    AgencyReviewFactory(agency=agency, agreed="AGREED-TEXT")
    html = client_for(cast.practitioner).get(agency.get_absolute_url()).content.decode()
    for text in ("PROTOCOL-TEXT", "Named Contact", "AGREED-TEXT", "Staff note about the agency"):
        assert text in html
    assert "Edit agency" not in html
    assert "Review this partnership" not in html


def test_directory_search_and_kind_filter(cast, client_for):
    AgencyFactory(name="Speech Matters", kind="speech")
    AgencyFactory(name="Money Advice Newtown", kind="welfare")
    client = client_for(cast.practitioner)
    html = client.get(reverse("agencies:directory"), {"kind": "welfare"}).content.decode()
    assert "Money Advice Newtown" in html
    assert "Speech Matters" not in html
    html = client.get(reverse("agencies:directory"), {"q": "speech", "kind": "bogus"})
    assert html.status_code == 200


def test_manager_reviews_a_partnership_and_the_next_due_date_moves_on(cast, client_for):
    agency = AgencyFactory(next_review_due=TODAY() - timedelta(days=10))
    next_review_due = TODAY() + timedelta(days=365)
    client = client_for(cast.manager)
    response = client.post(
        reverse("agencies:review_create", kwargs={"pk": agency.pk}),
        {
            "reviewed_on": TODAY().isoformat(),
            "agreed": "Meet termly",
            "next_review_due": next_review_due,
        },
    )
    assert response["Location"] == reverse("agencies:reviews_due")
    # The next date in words, in the manager's language.
    page = client.get(response["Location"]).content.decode()
    assert f"The next is due on {day_in_words(next_review_due)}." in page
    review = AgencyReview.objects.get()
    assert review.reviewed_by == cast.manager
    agency.refresh_from_db()
    assert agency.next_review_due == next_review_due
    assert agency not in Agency.objects.review_due()


def test_review_with_next_date_before_it_or_in_the_future_is_refused(cast, client_for):
    agency = AgencyFactory(next_review_due=TODAY() - timedelta(days=10))
    client = client_for(cast.manager)
    before = database_fingerprint()
    url = reverse("agencies:review_create", kwargs={"pk": agency.pk})
    response = client.post(
        url,
        {"reviewed_on": TODAY().isoformat(), "agreed": "x", "next_review_due": TODAY().isoformat()},
    )
    assert "next_review_due" in response.context["form"].errors
    tomorrow = (TODAY() + timedelta(days=1)).isoformat()
    response = client.post(
        url, {"reviewed_on": tomorrow, "agreed": "x", "next_review_due": "2099-01-01"}
    )
    assert "reviewed_on" in response.context["form"].errors
    assert database_fingerprint() == before


@pytest.mark.parametrize(
    ("reviewed_on", "next_review_due", "field", "message"),
    [
        ("0001-01-01", None, "reviewed_on", "more than ten years ago"),
        (None, "9999-12-31", "next_review_due", "within five years of this one"),
    ],
)
def test_a_mistyped_year_in_a_partnership_review_is_refused(
    cast, client_for, reviewed_on, next_review_due, field, message
):
    """A review dated year 1, or next due in year 9999, would take the
    partnership off the reviews due for good: refused, with a message, and
    the agency's next review left as it was; so for a school."""
    agency = AgencyFactory(next_review_due=TODAY() - timedelta(days=10))
    school = SchoolFactory(next_review_due=TODAY() - timedelta(days=10))
    data = {
        "reviewed_on": reviewed_on or TODAY().isoformat(),
        "next_review_due": next_review_due or (TODAY() + timedelta(days=365)).isoformat(),
        "agreed": "x",
        "summary": "x",
    }
    client = client_for(cast.manager)
    before = database_fingerprint()
    for url in (
        reverse("agencies:review_create", kwargs={"pk": agency.pk}),
        reverse("transitions:review_create", kwargs={"pk": school.pk}),
    ):
        response = client.post(url, data)
        assert response.status_code == 200, url
        assert message in " ".join(response.context["form"].errors[field]), url
    assert database_fingerprint() == before
    # Five years to the day is the longest interval a partnership may have.
    data["next_review_due"] = add_months(TODAY(), 60).isoformat()
    data["reviewed_on"] = TODAY().isoformat()
    response = client.post(reverse("agencies:review_create", kwargs={"pk": agency.pk}), data)
    assert response.status_code == 302


def test_review_status_overdue_due_and_fine(db):
    assert AgencyFactory(next_review_due=TODAY() - timedelta(days=1)).review_status() == "overdue"
    assert AgencyFactory(next_review_due=TODAY() + timedelta(days=5)).review_status() == "due"
    assert AgencyFactory(next_review_due=None).review_status() == "due"
    assert AgencyFactory(next_review_due=TODAY() + timedelta(days=90)).review_status() == ""


def test_manager_home_counts_reviews_due_and_the_list_names_them(cast, client_for):
    """The manager's home shows the reviews due once, as a figure among what
    needs attention, linking to the list that names them."""
    AgencyFactory(name="Overdue Agency", next_review_due=TODAY() - timedelta(days=3))
    AgencyFactory(name="Soon Agency", next_review_due=TODAY() + timedelta(days=10))
    AgencyFactory(name="Fine Agency", next_review_due=TODAY() + timedelta(days=300))
    AgencyFactory(
        name="Closed Agency", next_review_due=TODAY() - timedelta(days=3), is_active=False
    )
    client = client_for(cast.manager)
    response = client.get(reverse("home"))
    [figure] = [
        f
        for panel in response.context["panels"]
        if panel["key"] == "setting.dashboard"
        for f in panel["context"]["figures"]
        if f["key"] == "agencies.reviews_due_count"
    ]
    assert figure["count"] == 2
    html = response.content.decode()
    link = reverse("agencies:reviews_due")
    assert f'<a href="{link}">Partnership reviews due or overdue</a>' in html
    assert html.count("Partnership reviews due or overdue") == 1
    listed = client.get(reverse("agencies:reviews_due")).content.decode()
    assert "Overdue Agency" in listed
    assert "overdue" in listed
    assert "Soon Agency" in listed
    assert "Fine Agency" not in listed
    assert "Closed Agency" not in listed
    staff_home = client_for(cast.practitioner).get(reverse("home")).content.decode()
    assert "Partnership reviews due or overdue" not in staff_home


def test_dashboard_figure_counts_reviews_due(cast, rf):
    AgencyFactory(next_review_due=TODAY() - timedelta(days=3))
    AgencyFactory(next_review_due=TODAY() + timedelta(days=300))
    request = rf.get("/")
    request.user = cast.manager
    figure = next(f for f in dashboard_figures(request) if f["key"].startswith("agencies."))
    assert figure["count"] == 1
    assert figure["url"] == reverse("agencies:reviews_due")


def test_editing_an_agency_with_bad_input_changes_nothing(cast, client_for):
    agency = AgencyFactory(name="Keep Me")
    client = client_for(cast.dsl)
    before = database_fingerprint()
    response = client.post(
        reverse("agencies:agency_edit", kwargs={"pk": agency.pk}),
        {
            "name": "",
            "kind": "family_support",
            "offers": "x",
            "phone": "abc",
            "review_interval_months": "0",
        },
    )
    assert response.status_code == 200
    assert {"name", "phone", "review_interval_months"} <= set(response.context["form"].errors)
    assert "Keep Me" in response.content.decode()
    assert database_fingerprint() == before


# --- Query counts: the same exact count at 1 and at 50 records------------------


@pytest.mark.parametrize("member", ["parent_a", "manager"])
def test_directory_queries_are_fixed(member, cast, client_for):
    client = client_for(getattr(cast, member))
    assert_fixed_queries(
        fetch=lambda: client.get(reverse("agencies:directory")),
        grow=lambda n: AgencyFactory.create_batch(n),
    )


def test_reviews_due_queries_are_fixed(cast, client_for):
    client = client_for(cast.manager)

    def grow(n):
        for agency in AgencyFactory.create_batch(n, next_review_due=TODAY()):
            AgencyReviewFactory(agency=agency, reviewed_by=cast.manager)

    assert_fixed_queries(
        fetch=lambda: client.get(reverse("agencies:reviews_due")),
        grow=grow,
    )


def test_manager_home_queries_are_fixed(cast, client_for):
    client = client_for(cast.manager)
    assert_fixed_queries(
        fetch=lambda: client.get(reverse("home")),
        grow=lambda n: AgencyFactory.create_batch(n, next_review_due=TODAY()),
    )


def test_sharing_log_queries_are_fixed(cast, client_for):
    from tests.agencies.factories import SupervisedVisitFactory, ThirdPartyInformationFactory

    client = client_for(cast.key_person)
    agency = AgencyFactory()

    def grow(n):
        for _ in range(n):
            SharingDecisionFactory(child=cast.child_a, agency=agency, decided_by=cast.dsl)
            ThirdPartyInformationFactory(child=cast.child_a, agency=agency, recorded_by=cast.dsl)
            SupervisedVisitFactory(child=cast.child_a, agency=agency, supervised_by=cast.dsl)

    assert_fixed_queries(
        fetch=lambda: client.get(
            reverse("agencies:child_records", kwargs={"child_pk": cast.child_a.pk})
        ),
        grow=grow,
    )


def test_child_page_queries_are_fixed_with_signposts(cast, client_for):
    from tests.agencies.factories import SignpostFactory

    client = client_for(cast.parent_a)
    assert_fixed_queries(
        fetch=lambda: client.get(cast.child_a.get_absolute_url()),
        grow=lambda n: SignpostFactory.create_batch(n, child=cast.child_a),
    )


def test_parent_home_lists_the_support_suggested_to_her_family_only(cast, client_for):
    from tests.agencies.factories import SignpostFactory

    SignpostFactory(child=cast.child_a, agency=AgencyFactory(name="Home-Start Newtown"))
    SignpostFactory(child=cast.child_b, agency=AgencyFactory(name="Citizens Advice"))
    html = client_for(cast.parent_a).get(reverse("home")).content.decode()
    assert "Support we suggested" in html
    assert "Home-Start Newtown" in html
    assert "Citizens Advice" not in html
    assert "Staff-only reason" not in html
    restricted = client_for(cast.parent_restricted).get(reverse("home")).content.decode()
    assert "Home-Start Newtown" not in restricted


def test_parent_home_queries_are_fixed(cast, client_for):
    from tests.agencies.factories import SignpostFactory

    client = client_for(cast.parent_a)
    assert_fixed_queries(
        fetch=lambda: client.get(reverse("home")),
        grow=lambda n: SignpostFactory.create_batch(n, child=cast.child_a),
    )
