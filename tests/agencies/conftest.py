"""Agency records about the cast's children, shared by the agencies tests."""

from dataclasses import dataclass

import pytest

from tests.agencies.factories import (
    AgencyFactory,
    SharingDecisionFactory,
    SignpostFactory,
    SupervisedVisitFactory,
    ThirdPartyInformationFactory,
)


@dataclass
class AgencyRecords:
    agency: object
    signpost: object
    decision: object
    item: object
    visit: object


@pytest.fixture
def records(cast):
    """One of each record about child A, made by her key person."""
    agency = AgencyFactory(name="Newtown Family Hub")
    kp = cast.key_person
    return AgencyRecords(
        agency=agency,
        signpost=SignpostFactory(child=cast.child_a, agency=agency, signposted_by=kp),
        decision=SharingDecisionFactory(child=cast.child_a, agency=agency, decided_by=kp),
        item=ThirdPartyInformationFactory(
            child=cast.child_a,
            agency=agency,
            title="Health visitor's note",
            content="SECRET-THIRD-PARTY",
            recorded_by=kp,
        ),
        visit=SupervisedVisitFactory(
            child=cast.child_a, agency=agency, supervised_by=kp, notes="SECRET-VISIT-NOTES"
        ),
    )
