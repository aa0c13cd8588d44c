"""Recording a concern, who reads it, and the DSL's decision on it."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from nursery.models import AuditEvent
from safeguarding import services
from safeguarding.models import Concern, Decision, Outcome
from tests.factories import ManagerFactory, PractitionerFactory
from tests.safeguarding.factories import ConcernFactory, DecisionFactory


def concern_form(cast, **overrides):
    data = {
        "child": str(cast.child_a.pk),
        "observed_at": (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "what_happened": "A round bruise on her upper arm at drop-off",
        "child_words": "Daddy squeezed me hard",
        "body_area": "arms",
        "action_taken": "Listened; did not ask questions",
    }
    data.update(overrides)
    return data


def test_any_member_of_staff_records_a_concern_that_reaches_the_dsl_at_once(cast, client_for):
    client = client_for(cast.practitioner)
    response = client.post(reverse("safeguarding:concern_create"), concern_form(cast))
    assert response.status_code == 302
    concern = Concern.objects.get()
    assert concern.recorded_by == cast.practitioner
    assert concern.child_words == "Daddy squeezed me hard"
    assert concern.body_area == "arms"
    dsl = client_for(cast.dsl)
    home = dsl.get(reverse("home")).content.decode()
    assert "1 concern waiting for your decision" in home
    assert "1 not yet opened" in home
    # The home leads to the list that names it (and logs that reading).
    assert reverse("safeguarding:concern_list") in home
    listed = dsl.get(reverse("safeguarding:concern_list")).content.decode()
    assert reverse("safeguarding:concern_detail", args=[concern.pk]) in listed


def test_the_recorder_sees_it_was_received_but_never_the_decision(cast, client_for):
    concern = ConcernFactory(child=cast.child_a, recorded_by=cast.practitioner)
    mine = reverse("safeguarding:my_concerns")
    page = client_for(cast.practitioner).get(mine).content.decode()
    assert "not yet opened" in page
    client_for(cast.dsl).get(concern.get_absolute_url())
    DecisionFactory(concern=concern, decided_by=cast.dsl, reason="SECRET-REASON")
    page = client_for(cast.practitioner).get(mine).content.decode()
    assert "Opened by the safeguarding lead" in page
    assert "SECRET-REASON" not in page
    assert "Monitor" not in page
    assert client_for(cast.practitioner).get(concern.get_absolute_url()).status_code == 404


def test_staff_cannot_read_one_anothers_concerns(cast, client_for):
    ConcernFactory(child=cast.child_b, recorded_by=cast.practitioner, what_happened="PAT-WROTE")
    other = PractitionerFactory()
    page = client_for(other).get(reverse("safeguarding:my_concerns")).content.decode()
    assert "PAT-WROTE" not in page
    concern = Concern.objects.get()
    assert client_for(other).get(concern.get_absolute_url()).status_code == 404
    # The key person of child A has no reach to a concern about child B.
    assert client_for(cast.key_person).get(concern.get_absolute_url()).status_code == 404


def test_the_key_person_reads_a_concern_about_their_key_child(cast, client_for):
    concern = ConcernFactory(child=cast.child_a, recorded_by=cast.practitioner)
    response = client_for(cast.key_person).get(concern.get_absolute_url())
    assert response.status_code == 200
    assert "SECRET-CONCERN" in response.content.decode()
    concern.refresh_from_db()
    assert concern.opened_at is None, "only the DSL or the manager receives it"


def test_a_reading_of_a_concern_is_audited(cast, client_for):
    concern = ConcernFactory(child=cast.child_a, recorded_by=cast.practitioner)
    client_for(cast.dsl).get(concern.get_absolute_url())
    event = AuditEvent.objects.reads().get(actor=cast.dsl)
    assert event.child == cast.child_a
    assert event.object_id == str(concern.pk)
    assert "bruise" not in event.object_repr


def test_a_concern_in_the_future_is_refused_and_nothing_saved(cast, client_for):
    later = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client_for(cast.practitioner).post(
        reverse("safeguarding:concern_create"), concern_form(cast, observed_at=later)
    )
    assert response.status_code == 200
    assert "cannot be in the future" in response.content.decode()
    assert not Concern.objects.exists()


@pytest.mark.parametrize("missing", ["what_happened", "action_taken", "child"])
def test_a_concern_without_what_it_needs_is_refused(missing, cast, client_for):
    response = client_for(cast.practitioner).post(
        reverse("safeguarding:concern_create"), concern_form(cast, **{missing: ""})
    )
    assert response.status_code == 200
    assert "Nothing was saved" in response.content.decode()
    assert not Concern.objects.exists()


def test_nobody_records_an_allegation_about_themselves(cast):
    with pytest.raises(ValidationError):
        services.concern_record(
            child=cast.child_a,
            by=cast.practitioner,
            observed_at=timezone.now(),
            what_happened="x",
            action_taken="y",
            about_staff=cast.practitioner,
        )
    assert not Concern.objects.exists()


# --- Allegations about a member of staff -------------------------------------


def _reach(cast, client_for, concern):
    url = concern.get_absolute_url()
    return {
        member: client_for(getattr(cast, member)).get(url).status_code
        for member in ("manager", "dsl", "key_person", "practitioner", "parent_a")
    }


def test_an_allegation_about_a_practitioner_is_seen_by_the_manager_and_the_dsl_only(
    cast, client_for
):
    concern = ConcernFactory(
        child=cast.child_a, recorded_by=cast.key_person, about_staff=cast.practitioner
    )
    assert _reach(cast, client_for, concern) == {
        "manager": 200,
        "dsl": 200,
        "key_person": 404,
        "practitioner": 404,
        "parent_a": 404,
    }


def test_an_allegation_about_the_dsl_is_seen_by_the_manager_alone(cast, client_for):
    concern = ConcernFactory(child=cast.child_a, recorded_by=cast.key_person, about_staff=cast.dsl)
    assert _reach(cast, client_for, concern) == {
        "manager": 200,
        "dsl": 404,
        "key_person": 404,
        "practitioner": 404,
        "parent_a": 404,
    }
    home = client_for(cast.dsl).get(reverse("home")).content.decode()
    assert concern.get_absolute_url() not in home
    listing = client_for(cast.dsl).get(reverse("safeguarding:concern_list") + "?all=1")
    assert concern.get_absolute_url() not in listing.content.decode()


def test_an_allegation_about_the_manager_is_seen_by_the_dsl_alone(cast, client_for):
    concern = ConcernFactory(
        child=cast.child_a, recorded_by=cast.key_person, about_staff=cast.manager
    )
    assert _reach(cast, client_for, concern) == {
        "manager": 404,
        "dsl": 200,
        "key_person": 404,
        "practitioner": 404,
        "parent_a": 404,
    }
    other_manager = ManagerFactory()
    assert client_for(other_manager).get(concern.get_absolute_url()).status_code == 404


def test_a_reading_of_an_allegation_about_the_dsl_stays_out_of_the_dsls_audit(cast, client_for):
    concern = ConcernFactory(child=cast.child_a, recorded_by=cast.key_person, about_staff=cast.dsl)
    client_for(cast.manager).get(concern.get_absolute_url())
    page = client_for(cast.dsl).get(reverse("safeguarding:audit")).content.decode()
    assert f"Safeguarding concern {concern.pk}" not in page
    page = client_for(cast.manager).get(reverse("safeguarding:audit")).content.decode()
    assert f"Safeguarding concern {concern.pk}" in page


# --- Decisions -------------------------------------------------------------------


def test_the_dsl_decides_with_the_reason_and_the_concern_stops_waiting(cast, client_for):
    concern = ConcernFactory(child=cast.child_a, recorded_by=cast.practitioner)
    response = client_for(cast.dsl).post(
        reverse("safeguarding:decision_create", args=[concern.pk]),
        {"outcome": "monitor", "reason": "Watch for a pattern over a month"},
    )
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert (decision.outcome, decision.decided_by) == (Outcome.MONITOR, cast.dsl)
    assert not Concern.objects.visible_to(cast.dsl).waiting().exists()
    home = client_for(cast.dsl).get(reverse("home")).content.decode()
    assert "0 concerns waiting" in home


def test_a_decision_to_refer_goes_on_to_the_referral(cast, client_for):
    concern = ConcernFactory(child=cast.child_a, recorded_by=cast.practitioner)
    response = client_for(cast.dsl).post(
        reverse("safeguarding:decision_create", args=[concern.pk]),
        {"outcome": "social_care", "reason": "Marks and the child's account"},
    )
    assert response["Location"] == reverse("safeguarding:referral_create", args=[concern.pk])


def test_the_lado_is_only_for_an_allegation_about_staff(cast, client_for):
    concern = ConcernFactory(child=cast.child_a, recorded_by=cast.practitioner)
    response = client_for(cast.dsl).post(
        reverse("safeguarding:decision_create", args=[concern.pk]),
        {"outcome": "lado", "reason": "x"},
    )
    assert response.status_code == 200
    assert not Decision.objects.exists()
    with pytest.raises(ValidationError):
        services.decision_record(concern=concern, by=cast.dsl, outcome="lado", reason="x")
    allegation = ConcernFactory(
        child=cast.child_a, recorded_by=cast.key_person, about_staff=cast.practitioner
    )
    services.decision_record(concern=allegation, by=cast.dsl, outcome="lado", reason="x")
    assert Decision.objects.get().outcome == Outcome.LADO


def test_a_later_decision_is_added_and_the_earlier_kept(cast):
    concern = ConcernFactory(child=cast.child_a, recorded_by=cast.practitioner)
    services.decision_record(concern=concern, by=cast.dsl, outcome="monitor", reason="first")
    services.decision_record(concern=concern, by=cast.dsl, outcome="early_help", reason="second")
    assert list(concern.decisions.values_list("reason", flat=True)) == ["second", "first"]


def test_the_key_person_cannot_decide(cast, client_for):
    concern = ConcernFactory(child=cast.child_a, recorded_by=cast.practitioner)
    response = client_for(cast.key_person).post(
        reverse("safeguarding:decision_create", args=[concern.pk]),
        {"outcome": "nfa", "reason": "x"},
    )
    assert response.status_code == 403
    assert not Decision.objects.exists()


def test_the_audit_log_keeps_an_allegation_from_the_manager_it_is_about(cast, client_for):
    """The DSL records an allegation about the manager, decides and refers
    it (writing into the information-sharing log): none of it reaches the
    manager through the audit log, as none of it reaches her anywhere else.
    A concern about a child stays in her log."""
    from agencies.models import ConsentToShare, SendMethod
    from tests.agencies.factories import AgencyFactory

    concern = services.concern_record(
        child=cast.child_a,
        by=cast.dsl,
        observed_at=timezone.now() - timedelta(hours=1),
        what_happened="A worry about how the manager spoke to Ada",
        action_taken="Spoke to the LADO for advice",
        about_staff=cast.manager,
    )
    services.decision_record(
        concern=concern, by=cast.dsl, outcome=Outcome.LADO, reason="An allegation"
    )
    services.referral_record(
        concern=concern,
        by=cast.dsl,
        agency=AgencyFactory(),
        contact="LADO",
        made_on=timezone.localdate(),
        information="The concern",
        consent=ConsentToShare.NOT_SOUGHT,
        reason_without_consent="An allegation about staff",
        method=SendMethod.PHONE,
    )
    hidden = set(AuditEvent.objects.values_list("pk", flat=True))
    assert len(hidden) == 4  # the concern, the decision, the referral, the sharing entry
    about_the_child = services.concern_record(
        child=cast.child_a,
        by=cast.key_person,
        observed_at=timezone.now() - timedelta(hours=1),
        what_happened="A bruise",
        action_taken="Body map",
    )
    for query in ({}, {"child": cast.child_a.pk}):
        listed = client_for(cast.manager).get(reverse("audit_log"), query).context["object_list"]
        shown = {event.pk for event in listed}
        assert not shown & hidden, query
        assert AuditEvent.objects.get(object_id=str(about_the_child.pk)).pk in shown
