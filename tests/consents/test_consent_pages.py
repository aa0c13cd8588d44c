"""Consent pages: parents answer online, staff record, and see marks where they act."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from consents.models import ConsentEvent, Decision, Method
from consents.services import consent_is_given
from consents.views import ExpiringView
from families.models import Relationship
from tests.consents.factories import ConsentEventFactory, purpose
from tests.factories import (
    ChildFactory,
    ParentFactory,
    ParentLinkFactory,
    carer_without_responsibility,
)
from tests.families.factories import NoticeFactory
from tests.utils import assert_fixed_queries


def decide_url(cast, code="photographs", child=None):
    return reverse(
        "consents:decide", kwargs={"pk": (child or cast.child_a).pk, "type_pk": purpose(code).pk}
    )


def test_parent_gives_consent_online_after_reading_what_it_covers(cast, client_for):
    client = client_for(cast.parent_a)
    page = client.get(decide_url(cast))
    assert escape(purpose("photographs").explanation) in page.content.decode()
    assert "I confirm that I have parental responsibility" in page.content.decode()
    response = client.post(decide_url(cast), {"decision": "given", "confirm": "on"})
    assert response.status_code == 302
    event = ConsentEvent.objects.get()
    assert (event.decision, event.method, event.decided_by) == ("given", "online", cast.parent_a)
    assert event.confirmed_parental_responsibility
    assert consent_is_given(child=cast.child_a, code="photographs")


def test_parent_who_does_not_confirm_responsibility_is_told_and_nothing_is_saved(cast, client_for):
    response = client_for(cast.parent_a).post(decide_url(cast), {"decision": "given"})
    assert response.status_code == 200
    assert "Please confirm that you have parental responsibility" in response.content.decode()
    assert not ConsentEvent.objects.exists()


def test_parent_withdraws_in_one_step_and_it_takes_effect_at_once(cast, client_for):
    ConsentEventFactory(child=cast.child_a, decided_by=cast.parent_a)
    client = client_for(cast.parent_a)
    url = reverse(
        "consents:withdraw", kwargs={"pk": cast.child_a.pk, "type_pk": purpose("photographs").pk}
    )
    response = client.post(url, follow=True)
    assert "withdrawn from now" in response.content.decode()
    assert not consent_is_given(child=cast.child_a, code="photographs")
    assert ConsentEvent.objects.count() == 2


def test_parent_without_parental_responsibility_cannot_answer(cast, client_for):
    carer = carer_without_responsibility(cast.child_a, Relationship.GRANDPARENT)
    client = client_for(carer)
    assert (
        client.get(reverse("consents:child_consents", kwargs={"pk": cast.child_a.pk})).status_code
        == 200
    )
    refused = client.get(decide_url(cast))
    assert refused.status_code == 403
    # A typed address: the page says why, and whom to ask.
    assert "only an adult with parental responsibility for the child can make" in (
        refused.content.decode()
    )
    assert client.post(decide_url(cast), {"decision": "given", "confirm": "on"}).status_code == 403
    assert not ConsentEvent.objects.exists()


def test_staff_refused_a_page_are_told_to_ask_the_manager(cast, client_for):
    refused = client_for(cast.key_person).get(reverse("consents:type_create"))
    assert refused.status_code == 403
    page = refused.content.decode()
    assert "ask the manager" in page and "parental responsibility" not in page


def test_a_carer_without_responsibility_is_told_why_there_is_no_button_for_a_medicine(
    cast, client_for
):
    """The medicine page offers the button to give permission to those who
    may press it, and tells a carer without parental responsibility why
    there is none; the form itself refuses them."""
    carer = carer_without_responsibility(cast.child_a, Relationship.STEP_PARENT)
    url = reverse("consents:medication", kwargs={"pk": cast.child_a.pk})
    create = reverse("consents:permission_create", args=[cast.child_a.pk])
    page = client_for(carer).get(url).content.decode()
    assert create not in page
    assert "Only a person with parental responsibility can give permission" in page
    assert client_for(carer).get(create).status_code == 403
    page = client_for(cast.parent_a).get(url).content.decode()
    assert create in page
    assert "Only a person with parental responsibility" not in page


def test_restricted_parent_and_other_family_get_404_for_consents(cast, client_for):
    url = reverse("consents:child_consents", kwargs={"pk": cast.child_a.pk})
    for person in (cast.parent_restricted, cast.parent_b):
        assert client_for(person).get(url).status_code == 404
        assert client_for(person).get(decide_url(cast)).status_code == 404


def test_an_inactive_purpose_cannot_be_answered(cast, client_for):
    photographs = purpose("photographs")
    photographs.is_active = False
    photographs.save()
    assert client_for(cast.parent_a).get(decide_url(cast)).status_code == 404


def test_staff_record_a_paper_decision_and_the_parent_sees_it_in_the_history(cast, client_for):
    url = reverse(
        "consents:record", kwargs={"pk": cast.child_a.pk, "type_pk": purpose("outings").pk}
    )
    response = client_for(cast.key_person).post(
        url,
        {
            "decided_by": cast.parent_a.pk,
            "decision": "given",
            "method": "paper",
            "decided_on": (timezone.localdate() - timedelta(days=2)).isoformat(),
            "note": "Signed at the welcome meeting",
        },
    )
    assert response.status_code == 302
    event = ConsentEvent.objects.get()
    assert (event.method, event.recorded_by, event.decided_by) == (
        Method.PAPER,
        cast.key_person,
        cast.parent_a,
    )
    history = client_for(cast.parent_a).get(
        reverse("consents:history", kwargs={"pk": cast.child_a.pk})
    )
    text = history.content.decode()
    assert "Signed at the welcome meeting" in text
    assert "On a paper form" in text
    assert cast.key_person.full_name in text


def test_the_history_folds_what_was_shown_under_each_purpose(cast, client_for):
    """Seven columns, so the table fits a tablet: what the person was shown
    is folded under the purpose, one click away, and the decision's note
    stays in sight."""
    ConsentEventFactory(
        child=cast.child_a,
        decided_by=cast.parent_a,
        consent_type=purpose("outings"),
        note="Only with two staff",
    )
    page = client_for(cast.key_person).get(
        reverse("consents:history", kwargs={"pk": cast.child_a.pk})
    )
    text = page.content.decode()
    assert text.count('<th scope="col">') == 7
    assert "<summary>What was shown</summary>" in text
    assert escape(purpose("outings").shown_explanation) in text
    assert "Only with two staff" in text


def test_staff_cannot_record_a_decision_dated_in_the_future(cast, client_for):
    url = reverse(
        "consents:record", kwargs={"pk": cast.child_a.pk, "type_pk": purpose("outings").pk}
    )
    response = client_for(cast.manager).post(
        url,
        {
            "decided_by": cast.parent_a.pk,
            "decision": "given",
            "method": "paper",
            "decided_on": (timezone.localdate() + timedelta(days=3)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert "cannot be in the future" in response.content.decode()
    assert not ConsentEvent.objects.exists()


def test_staff_cannot_record_a_decision_by_someone_without_responsibility(cast, client_for):
    url = reverse(
        "consents:record", kwargs={"pk": cast.child_a.pk, "type_pk": purpose("outings").pk}
    )
    response = client_for(cast.manager).post(
        url,
        {
            "decided_by": cast.parent_b.pk,
            "decision": "given",
            "method": "paper",
            "decided_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 200
    assert not ConsentEvent.objects.exists()


def test_roster_shows_no_photographs_at_once_and_parents_never_see_marks(cast, client_for):
    for code in ("photographs", "outings", "emergency_treatment", "medication"):
        ConsentEventFactory(
            child=cast.child_a, decided_by=cast.parent_a, consent_type=purpose(code)
        )
        ConsentEventFactory(
            child=cast.child_b, decided_by=cast.parent_b, consent_type=purpose(code)
        )
    roster = client_for(cast.practitioner).get(reverse("families:roster")).content.decode()
    assert "No photographs" not in roster
    ConsentEventFactory(child=cast.child_a, decided_by=cast.parent_a, decision=Decision.WITHDRAWN)
    roster = client_for(cast.practitioner).get(reverse("families:roster")).content.decode()
    assert roster.count("No photographs") == 1
    child_page = client_for(cast.key_person).get(cast.child_a.get_absolute_url()).content.decode()
    assert "No photographs" in child_page
    parent_page = client_for(cast.parent_a).get(cast.child_a.get_absolute_url()).content.decode()
    assert "No photographs" not in parent_page
    assert "Consents" in parent_page and "Medication" in parent_page


def test_a_child_with_no_answers_carries_every_mark(cast, client_for):
    page = client_for(cast.key_person).get(cast.child_a.get_absolute_url()).content.decode()
    for flag in ("No photographs", "No outings", "No emergency treatment consent"):
        assert flag in page


def test_outing_list_separates_who_may_go_on_the_chosen_date(cast, client_for):
    event = ConsentEventFactory(
        child=cast.child_a, decided_by=cast.parent_a, consent_type=purpose("outings")
    )
    url = reverse("consents:outings")
    response = client_for(cast.practitioner).get(
        url, {"room": cast.child_a.room_id, "day": timezone.localdate().isoformat()}
    )
    assert [c.pk for c in response.context["may_go"]] == [cast.child_a.pk]
    assert [c.pk for c in response.context["may_not"]] == [cast.child_b.pk]
    after_expiry = (event.expires_on + timedelta(days=1)).isoformat()
    response = client_for(cast.practitioner).get(url, {"day": after_expiry})
    assert response.context["may_go"] == []


def test_outing_list_marks_a_child_who_may_not_go_once_whatever_the_purposes_mark(cast, client_for):
    """The purpose's mark is the manager's own words: a child who may not
    go carries "No outings" once, never again as the purpose's mark."""
    outings = purpose("outings")
    outings.staff_flag = "No trips out"
    outings.save()
    html = (
        client_for(cast.practitioner)
        .get(reverse("consents:outings"), {"room": cast.child_a.room_id})
        .content.decode()
    )
    may_not = html.split('id="may-not-heading"')[1].split("</section>")[0]
    ada = may_not.split("Ada Ashworth")[1].split("</li>")[0]
    assert ada.count("No outings") == 1
    assert "No trips out" not in ada


def test_outing_list_with_a_date_typed_wrongly_answers_with_today(cast, client_for):
    response = client_for(cast.practitioner).get(reverse("consents:outings"), {"day": "soon"})
    assert response.status_code == 200
    assert response.context["day"] == timezone.localdate()


def test_expiring_consents_show_on_the_managers_and_the_parents_home_pages(cast, client_for):
    ConsentEventFactory(
        child=cast.child_a,
        decided_by=cast.parent_a,
        consent_type=purpose("outings"),
        decided_on=timezone.localdate() - timedelta(days=350),
    )
    manager_home = client_for(cast.manager).get(reverse("home"))
    [figure] = [
        f
        for panel in manager_home.context["panels"]
        if panel["key"] == "setting.dashboard"
        for f in panel["context"]["figures"]
        if f["key"] == "consents.expiring_count"
    ]
    assert (figure["title"], figure["count"]) == ("Consents expired or expiring within 30 days", 1)
    assert figure["url"] == reverse("consents:expiring")
    expiring = client_for(cast.manager).get(reverse("consents:expiring"))
    assert [(c.pk, s.consent_type.code) for c, s in expiring.context["rows"]] == [
        (cast.child_a.pk, "outings")
    ]
    parent_home = client_for(cast.parent_a).get(reverse("home")).content.decode()
    assert "Consents to answer or renew" in parent_home
    assert "Outings" in parent_home
    other_home = client_for(cast.parent_b).get(reverse("home")).content.decode()
    assert "Ada Ashworth" not in other_home


def test_consents_to_renew_list_only_decisions_ending_soon_soonest_first(cast, client_for):
    """Each child's purposes are read for those given and ending within 30
    days only: a purpose given for the year, one renewed since and one
    withdrawn are not listed."""
    today = timezone.localdate()

    def decide(child, parent, code, days_ago, decision=Decision.GIVEN):
        ConsentEventFactory(
            child=child,
            decided_by=parent,
            consent_type=purpose(code),
            decided_on=today - timedelta(days=days_ago),
            decision=decision,
        )

    decide(cast.child_a, cast.parent_a, "outings", 355)  # ends in about 10 days
    decide(cast.child_a, cast.parent_a, "photographs", 30)  # given for the year
    decide(cast.child_b, cast.parent_b, "outings", 360)  # ends in about 5 days
    decide(cast.child_b, cast.parent_b, "photographs", 350)
    decide(cast.child_b, cast.parent_b, "photographs", 1)  # renewed
    decide(cast.child_a, cast.parent_a, "emergency_treatment", 358)
    decide(cast.child_a, cast.parent_a, "emergency_treatment", 2, Decision.WITHDRAWN)
    rows = client_for(cast.manager).get(reverse("consents:expiring")).context["rows"]
    assert [(child.pk, state.consent_type.code) for child, state in rows] == [
        (cast.child_b.pk, "outings"),
        (cast.child_a.pk, "outings"),
    ]


def test_consents_to_renew_come_fifty_to_a_page_soonest_first(cast, client_for, monkeypatch):
    """One to a page here: the soonest on the first page, the next after it."""
    monkeypatch.setattr(ExpiringView, "paginate_by", 1)
    today = timezone.localdate()
    for child, parent, days_ago in (
        (cast.child_a, cast.parent_a, 355),
        (cast.child_b, cast.parent_b, 360),
    ):
        ConsentEventFactory(
            child=child,
            decided_by=parent,
            consent_type=purpose("outings"),
            decided_on=today - timedelta(days=days_ago),
        )
    client = client_for(cast.manager)
    first = client.get(reverse("consents:expiring"))
    second = client.get(reverse("consents:expiring"), {"page": 2})
    assert [child.pk for child, _state in first.context["rows"]] == [cast.child_b.pk]
    assert [child.pk for child, _state in second.context["rows"]] == [cast.child_a.pk]
    assert "Page 1 of 2" in first.content.decode() and "Next" in first.content.decode()
    # A page past the end (a link from when the list was longer) shows the last.
    past_the_end = client.get(reverse("consents:expiring"), {"page": 3})
    assert [child.pk for child, _state in past_the_end.context["rows"]] == [cast.child_a.pk]


def test_manager_adds_a_purpose_and_parents_are_asked_it(cast, client_for):
    response = client_for(cast.manager).post(
        reverse("consents:type_create"),
        {
            "code": "sun_cream",
            "name": "Sun cream",
            "explanation": "Staff put sun cream on your child on sunny days.",
            "renewal_months": "12",
            "is_active": "on",
            "order": "70",
        },
    )
    assert response.status_code == 302
    page = client_for(cast.parent_a).get(
        reverse("consents:child_consents", kwargs={"pk": cast.child_a.pk})
    )
    assert "Staff put sun cream on your child on sunny days." in page.content.decode()


def test_the_code_of_a_purpose_cannot_be_changed(cast, client_for):
    photographs = purpose("photographs")
    client_for(cast.manager).post(
        reverse("consents:type_edit", kwargs={"pk": photographs.pk}),
        {"code": "pictures", "name": "Pictures", "explanation": "x", "order": "1"},
    )
    photographs.refresh_from_db()
    assert photographs.code == "photographs"
    assert photographs.name == "Pictures"


def _children_with_consents(cast, n):
    for _ in range(n):
        child = ChildFactory(room=cast.child_a.room)
        parent = ParentFactory()
        ParentLinkFactory(parent=parent, child=child)
        ConsentEventFactory(child=child, decided_by=parent)
        ConsentEventFactory(
            child=child, decided_by=parent, consent_type=purpose("outings"), decision="refused"
        )


def test_roster_holds_a_fixed_query_count_with_consent_marks(cast, client_for):
    client = client_for(cast.practitioner)
    response = assert_fixed_queries(
        fetch=lambda: client.get(reverse("families:roster")),
        grow=lambda n: _children_with_consents(cast, n),
    )
    assert "No outings" in response.content.decode()


def test_outing_and_expiring_lists_hold_a_fixed_query_count(cast, client_for):
    client = client_for(cast.manager)
    # The outing list also carries every app's staff flags (a fixed few
    # queries per flag source, like the roster).
    for name in ("consents:outings", "consents:expiring"):
        assert_fixed_queries(
            fetch=lambda name=name: client.get(reverse(name)),
            grow=lambda n: _children_with_consents(cast, n),
            part=f"[{name}]",
        )


def test_consents_to_renew_hold_a_fixed_query_count_as_they_grow(cast, client_for, monkeypatch):
    """The list reads the children of its page only: with one consent to
    renew and with fifty (two pages of thirty), the same queries."""
    monkeypatch.setattr(ExpiringView, "paginate_by", 30)
    client = client_for(cast.manager)

    def grow(n):
        for _ in range(n):
            child = ChildFactory(room=cast.child_a.room)
            parent = ParentFactory()
            ParentLinkFactory(parent=parent, child=child)
            ConsentEventFactory(
                child=child,
                decided_by=parent,
                consent_type=purpose("outings"),
                decided_on=timezone.localdate() - timedelta(days=350),
            )

    response = assert_fixed_queries(
        fetch=lambda: client.get(reverse("consents:expiring")), grow=grow
    )
    assert response.context["paginator"].count == 50
    assert len(response.context["rows"]) == 30
    last = client.get(reverse("consents:expiring"), {"page": 2})
    assert len(last.context["rows"]) == 20
    shown = [child.pk for child, _ in response.context["rows"]] + [
        child.pk for child, _ in last.context["rows"]
    ]
    assert len(set(shown)) == 50
    assert all(child.room == cast.child_a.room for child, _ in last.context["rows"])


def test_parents_consent_page_holds_a_fixed_query_count(cast, client_for):
    client = client_for(cast.parent_a)

    def grow(n):
        for _ in range(n):
            child = ChildFactory()
            ParentLinkFactory(parent=cast.parent_a, child=child)
            ConsentEventFactory(child=child, decided_by=cast.parent_a)

    assert_fixed_queries(
        fetch=lambda: client.get(reverse("consents:mine")),
        grow=grow,
    )


def test_home_pages_hold_a_fixed_query_count(cast, client_for):
    for person in (cast.parent_a, cast.key_person, cast.manager):
        client = client_for(person)

        def grow(n, person=person):
            for _ in range(n):
                child = ChildFactory(room=cast.child_a.room)
                ParentLinkFactory(parent=cast.parent_a, child=child)
                ConsentEventFactory(
                    child=child,
                    decided_by=cast.parent_a,
                    consent_type=purpose("outings"),
                    decided_on=timezone.localdate() - timedelta(days=340),
                )

        assert_fixed_queries(
            fetch=lambda client=client: client.get(reverse("home")),
            grow=grow,
            part=f"[{person.role}]",
        )


def test_outing_list_refuses_a_date_far_away_without_failing(cast, client_for):
    response = client_for(cast.practitioner).get(reverse("consents:outings"), {"day": "9999-12-31"})
    assert response.status_code == 200
    assert "within a year of today" in response.content.decode()


def test_a_carer_without_responsibility_is_not_asked_to_answer_on_the_home_page(cast, client_for):
    carer = carer_without_responsibility(cast.child_a, Relationship.GRANDPARENT)
    home = client_for(carer).get(reverse("home")).content.decode()
    assert "Consents to answer or renew" not in home
    home = client_for(cast.parent_a).get(reverse("home")).content.decode()
    assert "Consents to answer or renew" in home


def test_the_dashboard_figure_counts_consents_expired_or_expiring(cast, rf):
    from nursery.registry import dashboard_figures

    ConsentEventFactory(
        child=cast.child_a,
        decided_by=cast.parent_a,
        consent_type=purpose("outings"),
        decided_on=timezone.localdate() - timedelta(days=400),
    )
    ConsentEventFactory(
        child=cast.child_b,
        decided_by=cast.parent_b,
        consent_type=purpose("outings"),
        decided_on=timezone.localdate() - timedelta(days=20),
    )
    request = rf.get("/")
    request.user = cast.manager
    figure = next(f for f in dashboard_figures(request) if f["key"].startswith("consents."))
    assert figure["count"] == 1
    assert figure["url"] == reverse("consents:expiring")


def test_answering_no_to_a_consent_in_force_withdraws_it(cast, client_for):
    ConsentEventFactory(child=cast.child_a, decided_by=cast.parent_a)
    client_for(cast.parent_a).post(decide_url(cast), {"decision": "refused", "confirm": "on"})
    latest = ConsentEvent.objects.order_by("-sequence").first()
    assert latest.decision == Decision.WITHDRAWN
    assert not consent_is_given(child=cast.child_a, code="photographs")


def test_every_wording_of_a_purpose_is_kept(cast, client_for):
    photographs = purpose("photographs")
    client_for(cast.manager).post(
        reverse("consents:type_edit", kwargs={"pk": photographs.pk}),
        {"name": photographs.name, "explanation": "Newer words.", "order": "40"},
    )
    wordings = list(photographs.history.values_list("explanation", "history_user"))
    assert ("Newer words.", cast.manager.pk) in wordings
    assert len(wordings) >= 1


def test_a_parent_reads_the_portals_own_wording_in_their_language_and_it_is_kept(cast, client_for):
    """The core purposes' words are the portal's: translated for each reader
    while the manager leaves them as they are. The decision keeps the words
    the parent read."""
    cast.parent_a.language = "pl"
    cast.parent_a.save(update_fields=["language"])
    client = client_for(cast.parent_a)
    page = client.get(decide_url(cast)).content.decode()
    assert "Zdjęcia do dokumentacji dziecka" in page
    assert "Staff may take photographs" not in page
    polish = "Personel może robić dziecku zdjęcia podczas zabawy"
    assert polish in page
    client.post(decide_url(cast), {"decision": "given", "confirm": "on"})
    assert ConsentEvent.objects.get().explanation_shown.startswith(polish)
    # Words the manager changed are theirs: shown as written, in any language.
    photographs = purpose("photographs")
    photographs.name = "Photos in the learning journal"
    photographs.save()
    page = client.get(reverse("consents:child_consents", kwargs={"pk": cast.child_a.pk}))
    assert "Photos in the learning journal" in page.content.decode()
    assert "Wycieczki" in page.content.decode()  # outings: still the portal's words


def test_a_parent_with_no_child_to_see_is_not_told_every_consent_is_answered(cast, client_for):
    page = client_for(cast.parent_restricted).get(reverse("home")).content.decode()
    assert "Every consent is answered" not in page
    page = client_for(cast.parent_a).get(reverse("home")).content.decode()
    assert "Consents and medicine" in page


def test_outing_list_marks_a_child_the_family_reported_away_that_day(cast, client_for):
    """The list says who may go; a child reported away that day is marked,
    so that it is not read as the children going."""
    ConsentEventFactory(
        child=cast.child_a, decided_by=cast.parent_a, consent_type=purpose("outings")
    )
    today = timezone.localdate()
    NoticeFactory(child=cast.child_a, starts_on=today, ends_on=today + timedelta(days=1))
    url = reverse("consents:outings")
    page = client_for(cast.practitioner).get(url, {"day": today.isoformat()}).content.decode()
    assert page.count("Reported away by the family") == 1
    later = (today + timedelta(days=2)).isoformat()
    page = client_for(cast.practitioner).get(url, {"day": later}).content.decode()
    assert "Reported away by the family" not in page
