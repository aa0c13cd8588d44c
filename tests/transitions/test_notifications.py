"""Who moving on to school tells: the adults with parental responsibility,
of the school pack waiting for their consent."""

import pytest

from nursery.models import Channel
from tests.factories import ParentFactory, ParentLinkFactory
from tests.transitions.factories import MoveFactory, SchoolFactory, SummaryFactory
from tests.utils import committed, emailed, told
from transitions import services

pytestmark = pytest.mark.django_db


def test_the_pack_asks_the_adults_with_parental_responsibility(cast):
    carer = ParentFactory(email="gran@example.org")
    ParentLinkFactory(parent=carer, child=cast.child_a, has_parental_responsibility=False)
    move = MoveFactory(child=cast.child_a, school=SchoolFactory(), created_by=cast.key_person)
    SummaryFactory(move=move, updated_by=cast.key_person)
    with committed():
        services.transfer_prepare(
            child=cast.child_a, school=move.school, sections=[], by=cast.key_person
        )
    assert told("transitions.pack_to_consent") == {
        cast.parent_a.email: Channel.EMAIL,
        cast.parent_a_home2.email: Channel.EMAIL,
    }
    assert emailed() == sorted([cast.parent_a.email, cast.parent_a_home2.email])
