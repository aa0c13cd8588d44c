"""Item 9: a pack's page names a restricted section (third-party
information) only to those who may read it."""

import pytest

from tests.agencies.factories import OnwardConsentFactory, ThirdPartyInformationFactory
from tests.transitions.factories import (
    SchoolFactory,
    SummaryFactory,
    TransferFactory,
    TransitionFactory,
)
from transitions.services import SUMMARY_SECTION

pytestmark = pytest.mark.django_db

THIRD_PARTY = "agencies.third_party_information"
TITLE = "Information from other agencies"


@pytest.fixture
def transfer(cast):
    school = SchoolFactory(name="Riverside Primary")
    move = TransitionFactory(child=cast.child_a, school=school, created_by=cast.key_person)
    SummaryFactory(transition=move, updated_by=cast.key_person)
    item = ThirdPartyInformationFactory(child=cast.child_a, recorded_by=cast.key_person)
    OnwardConsentFactory(item=item, recipient=school, recorded_by=cast.key_person)
    return TransferFactory(
        child=cast.child_a,
        school=school,
        prepared_by=cast.key_person,
        sections=[SUMMARY_SECTION, THIRD_PARTY],
    )


@pytest.mark.parametrize("member", ["key_person", "dsl", "manager"])
def test_those_who_may_read_it_see_the_restricted_section_named(member, transfer, cast, client_for):
    response = client_for(getattr(cast, member)).get(transfer.get_absolute_url())
    assert response.status_code == 200
    assert TITLE in response.content.decode()


@pytest.mark.parametrize("member", ["practitioner", "parent_a"])
def test_others_who_open_the_pack_page_do_not_learn_the_restricted_section_exists(
    member, transfer, cast, client_for
):
    response = client_for(getattr(cast, member)).get(transfer.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert TITLE not in html
    assert "Confidential third-party content" not in html


def test_an_empty_post_to_prepare_creates_no_pack(cast, client_for):
    from django.urls import reverse

    from transitions.models import Transfer

    move = TransitionFactory(child=cast.child_a, created_by=cast.key_person)
    SummaryFactory(transition=move, updated_by=cast.key_person)
    url = reverse("transitions:transfer_prepare", kwargs={"pk": move.pk})
    client = client_for(cast.key_person)
    for _ in range(3):
        assert client.post(url, {}).status_code == 200
    assert not Transfer.objects.exists()
    assert client.post(url, {"prepare": "True"}).status_code == 302
    assert Transfer.objects.count() == 1
