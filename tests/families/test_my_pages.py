"""A parent's own pages from the top of every page: their children, and the
messages they sent about them."""

from django.urls import reverse

from families.models import Relationship
from tests.factories import (
    ChildFactory,
    ParentFactory,
    ParentLinkFactory,
    carer_without_responsibility,
)
from tests.families.factories import NoticeFactory
from tests.utils import count_queries

# The session, the user and their role, then the page's own queries.
MY_PAGES_QUERIES = {"families:my_children": 3, "families:my_messages": 4}


def test_my_children_lists_only_the_parents_own_children(cast, client_for):
    html = client_for(cast.parent_a).get(reverse("families:my_children")).content.decode()
    assert "Ada Ashworth" in html and "Ben Bennett" not in html
    assert reverse("families:notices", args=[cast.child_a.pk]) in html
    restricted = client_for(cast.parent_restricted).get(reverse("families:my_children"))
    assert "Ada Ashworth" not in restricted.content.decode()


def test_my_messages_shows_what_the_parent_sent_never_another_adults(cast, client_for):
    NoticeFactory(child=cast.child_a, sent_by=cast.parent_a, message="Ada has a cold.")
    other_adult = ParentFactory(full_name="Chris Other")
    ParentLinkFactory(parent=other_adult, child=cast.child_a, relationship=Relationship.FATHER)
    NoticeFactory(child=cast.child_a, sent_by=other_adult, message="PRIVATE from Chris.")
    NoticeFactory(child=cast.child_b, sent_by=cast.parent_b, message="Ben is away.")
    html = client_for(cast.parent_a).get(reverse("families:my_messages")).content.decode()
    assert "Ada has a cold." in html
    assert "PRIVATE from Chris." not in html and "Ben is away." not in html
    assert reverse("families:notice_create", args=[cast.child_a.pk]) in html


def test_my_messages_says_they_are_the_ones_sent_and_where_the_homes_are(cast, client_for):
    """A carer in the same home who has sent nothing is not told there are
    no messages: the list is of those they sent, and the child's page has
    their home's."""
    NoticeFactory(child=cast.child_a, sent_by=cast.parent_a, message="Ada has a cold.")
    step_parent = carer_without_responsibility(
        cast.child_a, Relationship.STEP_PARENT, full_name="Jo Step"
    )
    client = client_for(step_parent)
    html = client.get(reverse("families:my_messages")).content.decode()
    assert "Messages you sent" in html and "You have not sent a message yet." in html
    assert "Messages from others in your home are on each child" in html
    assert "Ada has a cold." not in html
    notices = client.get(reverse("families:notices", args=[cast.child_a.pk])).content.decode()
    assert "Ada has a cold." in notices


def test_my_pages_run_the_same_queries_for_one_child_and_for_fifty(cast, client_for):
    client = client_for(cast.parent_a)

    def grow(n):
        for _ in range(n):
            child = ChildFactory()
            ParentLinkFactory(parent=cast.parent_a, child=child)
            NoticeFactory(child=child, sent_by=cast.parent_a)

    def counts():
        return {
            name: count_queries(lambda name=name: client.get(reverse(name)))
            for name in ("families:my_children", "families:my_messages")
        }

    grow(1)
    counts()  # the first request of the session writes it once
    small = counts()
    grow(49)
    large = counts()
    assert small == large == MY_PAGES_QUERIES, (small, large)
