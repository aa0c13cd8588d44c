"""Each child's chronology: gathered from every app's registered source,
oldest first, restricted, audited, printable as HTML and PDF."""

import subprocess
from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from nursery import registry
from nursery.models import AuditEvent
from nursery.registry import (
    ChronologyEntry,
    chronology_for,
    chronology_source,
    register_temporarily,
)
from tests.agencies.factories import (
    AgencyFactory,
    SharingDecisionFactory,
    SupervisedVisitFactory,
    ThirdPartyInformationFactory,
)
from tests.families.factories import CPTaskFactory
from tests.safeguarding.factories import (
    ConcernFactory,
    DecisionFactory,
    ReferralFactory,
    StatusFactory,
)
from tests.safety.factories import AccidentFactory, RefusedCollectionFactory
from tests.utils import count_queries


def days_ago(n):
    return timezone.now() - timedelta(days=n)


@pytest.fixture
def history(cast):
    """One record of each kind about child A, on different days."""
    child, dsl = cast.child_a, cast.dsl
    agency = AgencyFactory(name="Newtown Children's Social Care")
    concern = ConcernFactory(
        child=child, recorded_by=cast.practitioner, observed_at=days_ago(40), what_happened="C-1"
    )
    DecisionFactory(concern=concern, decided_by=dsl, reason="D-1", decided_at=days_ago(39))
    ReferralFactory(
        concern=concern, agency=agency, made_by=dsl, made_on=timezone.localdate() - timedelta(30)
    )
    StatusFactory(child=child, recorded_by=dsl, started_on=timezone.localdate() - timedelta(20))
    CPTaskFactory(child=child, task="TASK-1", recorded_by=dsl)
    SharingDecisionFactory(
        child=child,
        agency=agency,
        decided_by=dsl,
        purpose="SHARE-1",
        decided_on=timezone.localdate() - timedelta(10),
    )
    ThirdPartyInformationFactory(
        child=child,
        agency=agency,
        title="RECEIVED-1",
        content="CONFIDENTIAL-CONTENT",
        recorded_by=dsl,
        received_on=timezone.localdate() - timedelta(5),
    )
    SupervisedVisitFactory(child=child, agency=agency, supervised_by=cast.key_person)
    allegation = ConcernFactory(
        child=child,
        recorded_by=cast.key_person,
        about_staff=cast.practitioner,
        what_happened="ALLEGATION-1",
        observed_at=days_ago(3),
    )
    return {"concern": concern, "allegation": allegation}


def test_the_chronology_gathers_every_source_oldest_first(cast, client_for, history):
    page = client_for(cast.dsl).get(reverse("safeguarding:chronology", args=[cast.child_a.pk]))
    html = page.content.decode()
    order = ["C-1", "D-1", "CSC-1", "Child-protection plan", "SHARE-1", "RECEIVED-1"]
    positions = [html.index(marker) for marker in order]
    assert positions == sorted(positions), "oldest first"
    for marker in ["TASK-1", "Visit by", "ALLEGATION-1"]:
        assert marker in html
    assert "CONFIDENTIAL-CONTENT" not in html, "third-party content opens on its own page"


def test_injuries_accidents_and_stopped_collections_are_in_the_chronology(cast, client_for):
    AccidentFactory(
        child=cast.child_a,
        kind="existing",
        what_happened="EXISTING-BRUISE on arrival",
        parent_explanation="Fell at the park",
        recorded_by=cast.key_person,
    )
    AccidentFactory(child=cast.child_a, what_happened="GARDEN-TRIP", recorded_by=cast.key_person)
    RefusedCollectionFactory(child=cast.child_a, person="Rory Ashworth", recorded_by=cast.dsl)
    html = (
        client_for(cast.key_person)
        .get(reverse("safeguarding:chronology", args=[cast.child_a.pk]))
        .content.decode()
    )
    assert "EXISTING-BRUISE" in html and "Fell at the park" in html
    assert "GARDEN-TRIP" in html
    assert "Collection stopped" in html and "Rory Ashworth" in html


def test_the_key_person_reads_the_chronology_but_not_allegations_about_staff(
    cast, client_for, history
):
    page = client_for(cast.key_person).get(
        reverse("safeguarding:chronology", args=[cast.child_a.pk])
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "C-1" in html and "TASK-1" in html
    assert "ALLEGATION-1" not in html
    assert "Allegation" not in html


@pytest.mark.parametrize("member", ["practitioner", "parent_a", "parent_b", "parent_restricted"])
def test_everyone_else_gets_404_for_the_chronology(member, cast, client_for, history):
    client = client_for(getattr(cast, member))
    for name in ("safeguarding:chronology", "safeguarding:chronology_pdf", "safeguarding:child"):
        assert client.get(reverse(name, args=[cast.child_a.pk])).status_code == 404


def test_every_reading_of_the_chronology_is_audited(cast, client_for, history):
    client = client_for(cast.key_person)
    client.get(reverse("safeguarding:chronology", args=[cast.child_a.pk]))
    client.get(reverse("safeguarding:chronology_pdf", args=[cast.child_a.pk]))
    details = list(
        AuditEvent.objects.reads()
        .filter(actor=cast.key_person, child=cast.child_a)
        .values_list("action", flat=True)
    )
    assert sorted(details) == ["safeguarding.chronology.read", "safeguarding.chronology_pdf.read"]


def test_the_chronology_prints_as_a_pdf(cast, client_for, history, tmp_path):
    response = client_for(cast.dsl).get(
        reverse("safeguarding:chronology_pdf", args=[cast.child_a.pk])
    )
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "chronology.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Ada Ashworth" in text
    assert "C-1" in text and "ALLEGATION-1" in text


def test_a_source_registered_twice_stops_the_portal():
    with pytest.raises(ImproperlyConfigured, match="registered twice"):
        chronology_source(key="safeguarding.concerns", title="Again")(lambda **kw: [])


def test_an_app_adds_its_own_entries_through_the_registry(cast):
    def injuries(*, child, user):
        return [ChronologyEntry(on=timezone.localdate(), kind="Existing injury", summary="INJ")]

    with register_temporarily(
        chronology_source, injuries, key="tests.injuries", title="Existing injuries", order=5
    ):
        entries = chronology_for(child=cast.child_a, user=cast.dsl)
    assert [(e.kind, e.source) for e in entries] == [("Existing injury", "tests.injuries")]
    assert "tests.injuries" not in registry.chronology_sources


def test_each_source_holds_a_fixed_number_of_queries(cast):
    """Every source: the same queries for 1 entry and for 50."""
    request = RequestFactory().get("/")
    request.user = cast.dsl
    child = cast.child_a
    cast.dsl.role  # noqa: B018  (read once, as a request does)

    def grow(n):
        agency = AgencyFactory()
        for _ in range(n):
            concern = ConcernFactory(child=child, recorded_by=cast.practitioner)
            DecisionFactory(concern=concern, decided_by=cast.dsl)
            ReferralFactory(concern=concern, agency=agency, made_by=cast.dsl)
            StatusFactory(child=child, recorded_by=cast.dsl, ended_on=timezone.localdate())
            CPTaskFactory(child=child, recorded_by=cast.dsl)
            ThirdPartyInformationFactory(child=child, agency=agency, recorded_by=cast.dsl)
            SupervisedVisitFactory(child=child, agency=agency, supervised_by=cast.key_person)
            AccidentFactory(child=child, recorded_by=cast.key_person)
            AccidentFactory(child=child, kind="existing", recorded_by=cast.key_person)
            RefusedCollectionFactory(child=child, recorded_by=cast.dsl)

    grow(1)
    small = {
        s.key: count_queries(lambda s=s: s.entries(child=child, user=cast.dsl))
        for s in registry.chronology_sources
    }
    grow(49)
    large = {
        s.key: count_queries(lambda s=s: s.entries(child=child, user=cast.dsl))
        for s in registry.chronology_sources
    }
    assert small == large
    assert all(n <= 2 for n in small.values()), small
