"""Who agencies tell: the family of signposting given to them."""

import pytest
from django.core import mail

from agencies import services
from nursery.models import Channel
from tests.agencies.factories import AgencyFactory
from tests.utils import committed, emailed, told

pytestmark = pytest.mark.django_db


def test_signposting_tells_the_adults_who_may_see_the_child(cast):
    with committed():
        services.signpost_record(
            child=cast.child_a,
            by=cast.key_person,
            fields={
                "agency": AgencyFactory(),
                "signposted_on": "2026-01-05",
                "given_to": cast.parent_a,
                "given_to_family": "Leaflet",
                "reason": "STAFF-ONLY reason",
            },
        )
    # Given to one adult: told to them (and their home), never the other home.
    assert told("agencies.signposted") == {cast.parent_a.email: Channel.EMAIL}
    assert emailed() == [cast.parent_a.email]
    assert "STAFF-ONLY" not in mail.outbox[0].body
