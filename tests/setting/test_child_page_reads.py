"""The child's page reads what its sections show with what it reads anyway:
the child (with its practical details, every key person and the move to
school joined) and its parent links (with each adult's communication
needs). The sections ask nothing more for them, and the page runs the same
queries whether or not each record exists."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from families.models import KeyPersonAssignment, PracticalDetails
from nursery.registry import child_page_joins, child_section, register_temporarily
from tests.factories import (
    KeyPersonAssignmentFactory,
    PracticalDetailsFactory,
    PractitionerFactory,
)
from tests.setting.factories import CommunicationNeedsFactory
from tests.transitions.factories import MoveFactory, SchoolFactory


def test_sections_declare_what_the_page_reads_with_the_child_and_its_links():
    child_joins, link_joins = child_page_joins()
    assert "move__school" in child_joins
    assert "parent__communication_needs" in link_joins


def test_a_section_registered_for_a_while_adds_its_joins_for_that_while():
    with register_temporarily(
        child_section,
        lambda request, child: None,
        key="tests.section",
        title="A section",
        template="x.html",
        child_joins=["details__last_confirmed_by"],
        link_joins=["parent__communication_needs"],
    ):
        child_joins, link_joins = child_page_joins()
        assert "details__last_confirmed_by" in child_joins
        assert link_joins.count("parent__communication_needs") == 1
    assert "details__last_confirmed_by" not in child_page_joins()[0]


def page(client, child):
    with CaptureQueriesContext(connection) as queries:
        html = client.get(child.get_absolute_url()).content.decode()
    return html, len(queries)


def test_the_child_page_shows_each_record_in_the_same_queries_whether_or_not_it_exists(
    cast, client_for
):
    child = cast.child_a
    child.date_of_birth = timezone.localdate() - timedelta(days=365 * 4)
    child.save()
    PracticalDetails.objects.filter(child=child).delete()
    client = client_for(cast.manager)
    client.get(child.get_absolute_url())
    html, before = page(client, child)
    assert "Dr A. Shah" not in html
    assert "Starting at" not in html

    # Practical details, a move to school, an earlier key person and the
    # communication needs of a parent.
    PracticalDetailsFactory(child=child)
    MoveFactory(child=child, school=SchoolFactory(name="Riverside Primary"))
    KeyPersonAssignment.objects.filter(child=child).update(
        started_on=timezone.localdate() - timedelta(days=50)
    )
    KeyPersonAssignmentFactory(
        child=child,
        practitioner=PractitionerFactory(full_name="Robin Former"),
        started_on=timezone.localdate() - timedelta(days=400),
        ended_on=timezone.localdate() - timedelta(days=50),
    )
    CommunicationNeedsFactory(parent=cast.parent_a, preferred_language="Polish")
    html, after = page(client, child)
    assert "Dr A. Shah" in html
    assert "Starting at Riverside Primary" in html
    assert "Robin Former" in html
    assert "Kim Keyperson is Ada" in html  # the current key person, from the same read
    assert "Polish" in html
    assert after == before
