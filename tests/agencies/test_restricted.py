"""Restricted material (the sharing log, third-party information, visit
notes) never appears in a page a parent or a practitioner who is not the
child's key person can open, and every opening is audited."""

import pytest
from django.urls import reverse

from nursery.models import AuditEvent
from tests.agencies.factories import OnwardConsentFactory

SECRETS = (
    "SECRET-THIRD-PARTY",
    "SECRET-VISIT-NOTES",
    "Restricted: speech concerns shared",
    "Health visitor&#x27;s note",
    "Agencies and information sharing",
)


def pages_for(cast, records):
    return [
        reverse("home"),
        cast.child_a.get_absolute_url(),
        reverse("agencies:directory"),
        records.agency.get_absolute_url(),
    ]


@pytest.mark.parametrize("member", ["parent_a", "parent_b", "parent_restricted", "practitioner"])
def test_restricted_material_never_appears_in_pages_outside_the_circle(
    member, cast, records, client_for
):
    # Even released to the parents, third-party information is not shown in
    # the portal's own pages: it only leaves through the gathered records.
    OnwardConsentFactory(item=records.item)
    client = client_for(getattr(cast, member))
    for url in pages_for(cast, records):
        response = client.get(url)
        html = response.content.decode()
        for secret in SECRETS:
            assert secret not in html, f"{member} saw {secret!r} on {url}"
    for url in (
        reverse("agencies:child_records", kwargs={"child_pk": cast.child_a.pk}),
        records.decision.get_absolute_url(),
        records.item.get_absolute_url(),
        records.visit.get_absolute_url(),
    ):
        assert client.get(url).status_code == 404


def test_parent_sees_her_signpost_but_not_the_staff_reason(cast, records, client_for):
    html = client_for(cast.parent_a).get(cast.child_a.get_absolute_url()).content.decode()
    assert "Where to find support" in html
    assert "Newtown Family Hub" in html
    assert "Leaflet with the drop-in times" in html
    assert "Staff-only reason for signposting" not in html
    assert "Staff note about the agency" not in html
    assert "You were given: Leaflet with the drop-in times" in html
    staff = client_for(cast.key_person).get(cast.child_a.get_absolute_url()).content.decode()
    # Staff read what the family was given, not words addressed to the parent.
    assert "The family was given: Leaflet with the drop-in times" in staff
    assert "You were given" not in staff


def test_other_family_does_not_see_the_signpost(cast, records, client_for):
    assert client_for(cast.parent_b).get(cast.child_a.get_absolute_url()).status_code == 404
    html = client_for(cast.parent_b).get(cast.child_b.get_absolute_url()).content.decode()
    assert "Newtown Family Hub" not in html


@pytest.mark.parametrize("member", ["key_person", "dsl", "manager"])
def test_the_circle_sees_the_restricted_section_on_the_child_page(
    member, cast, records, client_for
):
    html = client_for(getattr(cast, member)).get(cast.child_a.get_absolute_url()).content.decode()
    assert "Agencies and information sharing" in html
    assert reverse("agencies:child_records", kwargs={"child_pk": cast.child_a.pk}) in html
    # Only counts on the child page: the records open on audited pages.
    assert "SECRET-THIRD-PARTY" not in html
    audit_link = f"{reverse('audit_log')}?child={cast.child_a.pk}"
    assert (audit_link in html) is (member == "manager")


def test_key_person_of_another_child_does_not_see_the_section(cast, records, client_for):
    html = client_for(cast.practitioner).get(cast.child_a.get_absolute_url()).content.decode()
    assert "Agencies and information sharing" not in html
    assert "Staff-only reason for signposting" in html  # staff notes: practitioners read


@pytest.mark.parametrize(
    "opening",
    ["child_records", "decision", "item", "visit"],
)
def test_every_opening_of_restricted_material_is_audited(opening, cast, records, client_for):
    url, obj = {
        "child_records": (
            reverse("agencies:child_records", kwargs={"child_pk": cast.child_a.pk}),
            cast.child_a,
        ),
        "decision": (records.decision.get_absolute_url(), records.decision),
        "item": (records.item.get_absolute_url(), records.item),
        "visit": (records.visit.get_absolute_url(), records.visit),
    }[opening]
    before = AuditEvent.objects.reads().count()
    response = client_for(cast.dsl).get(url)
    assert response.status_code == 200
    events = AuditEvent.objects.reads()
    assert events.count() == before + 1
    event = events.first()
    assert event.actor == cast.dsl
    assert event.child == cast.child_a
    assert event.object_id == str(obj.pk)


def test_refused_opening_shows_nothing_and_is_not_a_read(cast, records, client_for):
    client_for(cast.practitioner).get(records.item.get_absolute_url())
    assert not AuditEvent.objects.reads().filter(actor=cast.practitioner).exists()


def test_manager_reads_the_audit_of_a_childs_restricted_records(cast, records, client_for):
    client_for(cast.key_person).get(records.item.get_absolute_url())
    html = client_for(cast.manager).get(f"{reverse('audit_log')}?child={cast.child_a.pk}")
    assert "Kim Keyperson" in html.content.decode()


def test_former_key_person_loses_access(cast, records, client_for):
    from families.services import key_person_assign

    key_person_assign(
        child=cast.child_a,
        practitioner=cast.practitioner,
        by=cast.manager,
        started_on=cast.child_a.started_on,
    )
    client = client_for(cast.key_person)
    assert client.get(records.item.get_absolute_url()).status_code == 404
    assert client_for(cast.practitioner).get(records.item.get_absolute_url()).status_code == 200
