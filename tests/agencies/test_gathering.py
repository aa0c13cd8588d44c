"""The gathering rule: third-party information goes to a recipient only with
the giving agency's current consent for that exact recipient."""

from django.utils import timezone

from agencies.models import OnwardConsent
from agencies.panels import third_party_information
from agencies.services import (
    onward_consent_record,
    onward_consent_withdraw,
    third_party_information_for,
)
from nursery.registry import gather_child_records
from tests.agencies.factories import (
    AgencyFactory,
    OnwardConsentFactory,
    ThirdPartyInformationFactory,
)


def test_information_without_any_consent_goes_to_nobody(cast):
    item = ThirdPartyInformationFactory(child=cast.child_a)
    other_agency = AgencyFactory()
    assert list(third_party_information_for(child=cast.child_a, recipient="parents")) == []
    assert list(third_party_information_for(child=cast.child_a, recipient=other_agency)) == []
    assert list(third_party_information_for(child=cast.child_a, recipient=item.agency)) == []


def test_consent_for_the_parents_releases_it_to_the_parents_only(cast):
    item = ThirdPartyInformationFactory(child=cast.child_a)
    OnwardConsentFactory(item=item)
    assert list(third_party_information_for(child=cast.child_a, recipient="parents")) == [item]
    assert list(third_party_information_for(child=cast.child_a, recipient=AgencyFactory())) == []


def test_consent_for_one_agency_does_not_release_it_to_another(cast):
    item = ThirdPartyInformationFactory(child=cast.child_a)
    speech, social_care = AgencyFactory(), AgencyFactory()
    OnwardConsentFactory(item=item, recipient=speech)
    assert list(third_party_information_for(child=cast.child_a, recipient=speech)) == [item]
    assert list(third_party_information_for(child=cast.child_a, recipient=social_care)) == []
    assert list(third_party_information_for(child=cast.child_a, recipient="parents")) == []


def test_consent_for_a_recipient_of_another_model_with_the_same_id_does_not_count(cast):
    """A school will be a recipient later: the content type is part of it."""
    item = ThirdPartyInformationFactory(child=cast.child_a)
    speech = AgencyFactory()
    # A user whose id equals the agency's: another model, same number.
    OnwardConsentFactory(item=item, recipient=cast.manager)
    OnwardConsent.objects.filter(item=item).update(recipient_id=speech.pk)
    assert list(third_party_information_for(child=cast.child_a, recipient=speech)) == []


def test_withdrawn_consent_stops_release_at_once(cast):
    item = ThirdPartyInformationFactory(child=cast.child_a)
    consent = onward_consent_record(
        item=item,
        recipient="parents",
        given_by="Jo Health",
        given_on=timezone.localdate(),
        by=cast.key_person,
    )
    assert list(third_party_information_for(child=cast.child_a, recipient="parents")) == [item]
    onward_consent_withdraw(consent=consent, on=timezone.localdate(), by=cast.key_person)
    assert list(third_party_information_for(child=cast.child_a, recipient="parents")) == []


def test_only_this_childs_information_is_gathered(cast):
    mine = ThirdPartyInformationFactory(child=cast.child_a)
    theirs = ThirdPartyInformationFactory(child=cast.child_b)
    OnwardConsentFactory(item=mine)
    OnwardConsentFactory(item=theirs)
    assert list(third_party_information_for(child=cast.child_a, recipient="parents")) == [mine]


def test_recording_the_same_consent_twice_keeps_one(cast):
    item = ThirdPartyInformationFactory(child=cast.child_a)
    agency = AgencyFactory()
    for _ in range(2):
        onward_consent_record(
            item=item, recipient=agency, given_by="Jo", given_on=timezone.localdate(), by=cast.dsl
        )
    assert OnwardConsent.objects.filter(item=item).count() == 1


def test_record_source_leaves_out_information_without_consent_for_that_recipient(cast):
    released = ThirdPartyInformationFactory(child=cast.child_a, title="Released to parents")
    kept = ThirdPartyInformationFactory(child=cast.child_a, title="Kept confidential")
    school_like = AgencyFactory()
    OnwardConsentFactory(item=released)
    OnwardConsentFactory(item=kept, recipient=school_like)

    section = third_party_information(child=cast.child_a, recipient="parents")
    assert section["context"]["items"] == [released]
    sections = gather_child_records(child=cast.child_a, recipient="parents")
    ours = [s for s in sections if s["key"].startswith("agencies.")]
    assert [s["context"]["items"] for s in ours] == [[released]]


def test_record_source_gives_nothing_when_nothing_may_go(cast):
    ThirdPartyInformationFactory(child=cast.child_a)
    assert third_party_information(child=cast.child_a, recipient="parents") is None
    sections = gather_child_records(child=cast.child_a, recipient=AgencyFactory())
    assert not [s for s in sections if s["key"].startswith("agencies.")]


def test_the_printable_part_shows_only_released_information(cast):
    from django.template.loader import render_to_string

    released = ThirdPartyInformationFactory(child=cast.child_a, content="May go to parents")
    ThirdPartyInformationFactory(child=cast.child_a, content="SECRET-THIRD-PARTY")
    OnwardConsentFactory(item=released)
    section = third_party_information(child=cast.child_a, recipient="parents")
    html = render_to_string(section["template"], section["context"])
    assert "May go to parents" in html
    assert "SECRET-THIRD-PARTY" not in html
