"""The demo's safeguarding records, and who gets the DSL's home panel."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from nursery.models import User
from safeguarding.models import Concern, Outcome, Referral, SafeguardingStatus, StatusKind


def test_the_demo_has_concerns_decisions_a_referral_and_a_child_on_a_plan(db, capsys):
    call_command("demo")
    capsys.readouterr()
    assert Concern.objects.count() >= 4
    assert Concern.objects.waiting().exists()
    assert Concern.objects.filter(about_staff__isnull=False).exists()
    assert Referral.objects.filter(outcome_on__isnull=False).exists()
    assert Referral.objects.awaiting_outcome().exists()
    assert set(Concern.objects.values_list("decisions__outcome", flat=True)) >= {
        Outcome.SOCIAL_CARE,
        Outcome.MONITOR,
    }
    assert SafeguardingStatus.objects.current().filter(kind=StatusKind.CP_PLAN).exists()
    for referral in Referral.objects.select_related("sharing", "concern"):
        assert referral.sharing.child_id == referral.concern.child_id


@pytest.mark.parametrize(
    ("member", "shown"),
    [("dsl", True), ("manager", True), ("key_person", False), ("practitioner", False)],
)
def test_the_to_do_panel_is_for_the_dsl_and_the_manager(member, shown, cast, client_for):
    page = client_for(getattr(cast, member)).get(reverse("home")).content.decode()
    assert ("Safeguarding: what needs doing now" in page) is shown


def test_the_demo_dsl_sees_what_needs_doing(db, client_for, capsys):
    call_command("demo")
    capsys.readouterr()
    dsl = User.objects.get(email="dsl@demo.example")
    page = client_for(dsl).get(reverse("home")).content.decode()
    assert "1 concern waiting for your decision" in page
    assert "child-protection-plan task" in page
