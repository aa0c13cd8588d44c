"""Subject access: asking, the one-month deadline and its extension, the
safeguarding lead's decision, the pack (HTML, PDF, JSON), delivery and
its audit."""

import json
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from agencies.models import OnwardConsent
from nursery.dates import day_in_words
from nursery.errors import DomainError
from nursery.models import AuditEvent
from records import services
from records.models import RequestVia, SubjectAccessRequest
from tests.agencies.factories import OnwardConsentFactory, ThirdPartyInformationFactory
from tests.factories import ParentFactory, ParentLinkFactory
from tests.families.factories import CPTaskFactory, MeetingFactory, NoticeFactory
from tests.records.factories import make_request
from tests.transitions.factories import MoveFactory
from tests.utils import run_tasks


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (date(2025, 1, 31), date(2025, 2, 28)),
        (date(2024, 1, 31), date(2024, 2, 29)),
        (date(2025, 3, 15), date(2025, 4, 15)),
        (date(2025, 8, 31), date(2025, 9, 30)),
        (date(2025, 12, 20), date(2026, 1, 20)),
    ],
)
def test_the_answer_is_due_on_the_same_date_next_month_or_its_last_day(received, due, cast):
    with time_machine.travel(received, tick=False):
        sar = services.sar_make(requester=cast.parent_a, by=cast.parent_a, via=RequestVia.PORTAL)
    assert sar.received_on == received
    assert sar.due_on == due


def test_a_parent_asks_in_the_portal_and_the_request_is_audited(cast, client_for):
    client = client_for(cast.parent_a)
    with time_machine.travel(date(2025, 1, 31), tick=False):
        response = client.post(reverse("records:ask"), {"details": "All of it, please."})
    sar = SubjectAccessRequest.objects.get(requester=cast.parent_a)
    assert response.status_code == 302 and response["Location"] == sar.get_absolute_url()
    assert sar.via == RequestVia.PORTAL and sar.due_on == date(2025, 2, 28)
    line = AuditEvent.objects.get(action="records.subject_access.requested")
    assert line.actor == cast.parent_a and line.data["due_on"] == "2025-02-28"


def test_a_second_open_request_is_refused_and_changes_nothing(cast):
    services.sar_make(requester=cast.parent_a, by=cast.parent_a, via=RequestVia.PORTAL)
    with pytest.raises(DomainError):
        services.sar_make(requester=cast.parent_a, by=cast.parent_a, via=RequestVia.PORTAL)
    assert SubjectAccessRequest.objects.count() == 1


def test_while_a_request_is_answered_the_parent_is_pointed_to_it_not_offered_the_form(
    cast, client_for
):
    client = client_for(cast.parent_a)
    page = client.get(reverse("records:my_requests")).content.decode()
    assert reverse("records:ask") in page
    sar = services.sar_make(requester=cast.parent_a, by=cast.parent_a, via=RequestVia.PORTAL)
    page = client.get(reverse("records:my_requests")).content.decode()
    assert reverse("records:ask") not in page
    assert "is being answered" in page and sar.get_absolute_url() in page
    # The form itself sends the parent to the request, with why.
    response = client.get(reverse("records:ask"), follow=True)
    assert response.redirect_chain[-1][0] == sar.get_absolute_url()
    assert "You have asked already" in response.content.decode()
    response = client.post(reverse("records:ask"), {"details": "Again"})
    assert response["Location"] == sar.get_absolute_url()
    assert SubjectAccessRequest.objects.count() == 1


def test_staff_record_a_paper_request_only_with_how_identity_was_checked(cast):
    with pytest.raises(DomainError) as refused:
        services.sar_make(
            requester=cast.parent_b, by=cast.manager, via=RequestVia.PAPER, identity_checked=" "
        )
    assert refused.value.code == "required"
    sar = services.sar_make(
        requester=cast.parent_b,
        by=cast.manager,
        via=RequestVia.PHONE,
        identity_checked="Called back on the number we hold",
    )
    assert sar.recorded_by == cast.manager and sar.requester == cast.parent_b


def test_only_the_person_themself_asks_in_the_portal(cast):
    with pytest.raises(DomainError):
        services.sar_make(requester=cast.parent_b, by=cast.manager, via=RequestVia.PORTAL)


def test_a_member_of_staff_asks_about_themself_and_gets_their_own_data(cast):
    sar = services.sar_make(requester=cast.key_person, by=cast.key_person, via=RequestVia.PORTAL)
    sar = services.sar_prepare(sar=sar, by=cast.manager)
    assert cast.key_person.email in sar.pack_html
    assert sar.pack_data["person"]["key_person_of"][0]["child"] == str(cast.child_a)
    assert sar.pack_data["children"] == []  # no child of their own here


# More time for a complex request ---------------------------------------------


def test_more_time_before_the_first_month_ends_tells_the_requester(cast, client_for):
    with time_machine.travel(date(2025, 1, 31), tick=False):
        sar = make_request(cast.parent_a)
    with time_machine.travel(date(2025, 2, 27), tick=False):
        services.sar_extend(sar=sar, by=cast.manager, months=2, reason="Two years of records.")
        sar.refresh_from_db()
        assert sar.extended_to == date(2025, 4, 28)
        assert sar.deadline == date(2025, 4, 28)
        assert sar.extension_notice_on == date(2025, 2, 27)
        page = client_for(cast.parent_a).get(sar.get_absolute_url()).content.decode()
        home = client_for(cast.parent_a).get(reverse("home")).content.decode()
    assert "Two years of records." in page and "28 April 2025" in page
    assert "We need more time" in home
    assert AuditEvent.objects.filter(action="records.subject_access.extended").count() == 1


def test_more_time_after_the_first_month_is_refused_and_changes_nothing(cast):
    with time_machine.travel(date(2025, 1, 31), tick=False):
        sar = make_request(cast.parent_a)
    with time_machine.travel(date(2025, 3, 1), tick=False), pytest.raises(DomainError) as refused:
        services.sar_extend(sar=sar, by=cast.manager, months=1, reason="Late.")
    assert refused.value.code == "too_late"
    sar.refresh_from_db()
    assert sar.extended_to is None and sar.extension_reason == ""


@pytest.mark.parametrize("months", [0, 3])
def test_no_more_than_two_further_months(months, cast):
    sar = make_request(cast.parent_a)
    with pytest.raises(DomainError):
        services.sar_extend(sar=sar, by=cast.manager, months=months, reason="Complex.")


def test_more_time_is_taken_once_and_needs_a_reason(cast):
    sar = make_request(cast.parent_a)
    with pytest.raises(DomainError):
        services.sar_extend(sar=sar, by=cast.manager, months=1, reason="  ")
    services.sar_extend(sar=sar, by=cast.manager, months=1, reason="Complex.")
    with pytest.raises(DomainError):
        services.sar_extend(sar=sar, by=cast.manager, months=1, reason="Again.")


def test_the_list_marks_a_request_to_decide_about_more_time_and_an_overdue_one(cast, client_for):
    with time_machine.travel(date(2025, 1, 10), tick=False):
        make_request(cast.parent_a)
        make_request(cast.parent_b, received_on=date(2024, 12, 1))
    with time_machine.travel(date(2025, 2, 5), tick=False):
        page = client_for(cast.manager).get(reverse("records:request_list")).content.decode()
    assert "Decide about more time" in page
    assert "Overdue" in page


def test_the_dashboards_figure_opens_the_requests_it_counts(cast, client_for):
    """Due within a week or overdue: the figure says two, and its link lists
    those two, not the request due next month."""
    with time_machine.travel(date(2025, 1, 10), tick=False):
        make_request(cast.parent_a)  # due 10 February
        make_request(cast.parent_b, received_on=date(2024, 12, 1))  # overdue
        make_request(cast.parent_a_home2, received_on=date(2025, 1, 30))  # due 28 February
    client = client_for(cast.manager)
    with time_machine.travel(date(2025, 2, 5), tick=False):
        dashboard = client.get(reverse("dashboard"))
        figures = dashboard.context["figures"]
        figure = next(f for f in figures if f["key"] == "records.requests_due")
        assert figure["count"] == 2
        listed = client.get(figure["url"])
    assert [sar.requester for sar in listed.context["requests"]] == [cast.parent_b, cast.parent_a]
    assert "due within a week, or overdue" in listed.content.decode()
    with time_machine.travel(date(2024, 12, 2), tick=False):  # none due within a week yet
        listed = client.get(figure["url"]).content.decode()
    assert "No request's answer is due within a week, and none is overdue." in listed
    assert "No request is waiting for an answer." not in listed


# Child-protection material ------------------------------------------------------


def test_the_pack_waits_for_the_dsl_where_child_protection_material_is_held(cast):
    CPTaskFactory(child=cast.child_a, recorded_by=cast.dsl)
    sar = make_request(cast.parent_a)
    with pytest.raises(DomainError) as refused:
        services.sar_prepare(sar=sar, by=cast.manager)
    assert refused.value.code == "cp_undecided"
    sar.refresh_from_db()
    assert sar.prepared_at is None


def test_only_the_dsl_decides_on_child_protection_material(cast):
    sar = make_request(cast.parent_a)
    with pytest.raises(DomainError):
        services.sar_decide_child_protection(
            sar=sar, by=cast.manager, decision="included", reason="Why not."
        )


@pytest.mark.parametrize(("decision", "shown"), [("withheld", False), ("included", True)])
def test_child_protection_material_goes_in_only_as_the_dsl_decided(decision, shown, cast):
    CPTaskFactory(child=cast.child_a, recorded_by=cast.dsl, task="CP-TASK-TEXT")
    sar = make_request(cast.parent_a)
    services.sar_decide_child_protection(
        sar=sar, by=cast.dsl, decision=decision, reason="Considered with the social worker."
    )
    sar = services.sar_prepare(sar=sar, by=cast.manager)
    assert ("CP-TASK-TEXT" in sar.pack_html) is shown
    assert ("families.child_protection" in sar.pack_sections) is shown
    line = AuditEvent.objects.get(action="records.subject_access.cp_decided")
    assert line.actor == cast.dsl and line.data["decision"] == decision


# What the pack holds ------------------------------------------------------------


def test_the_pack_holds_the_parents_child_and_nothing_of_another_family(cast):
    MeetingFactory(child=cast.child_a, discussion="ADA-SHARED-MEETING")
    MeetingFactory(child=cast.child_b, discussion="BEN-SHARED-MEETING")
    sar = services.sar_prepare(sar=make_request(cast.parent_a), by=cast.manager)
    assert "ADA-SHARED-MEETING" in sar.pack_html
    assert "BEN-SHARED-MEETING" not in sar.pack_html
    assert "STAFF-ONLY" not in sar.pack_html
    assert [c["name"] for c in sar.pack_data["children"]] == [str(cast.child_a)]


def test_the_pack_never_holds_what_another_adult_wrote(cast):
    """What the restricted father (another household) wrote stays out of the
    mother's pack, while her own messages are in it: `adults_told` decides."""
    cast.child_a.parent_links.filter(parent=cast.parent_restricted).update(household=3)
    NoticeFactory(child=cast.child_a, sent_by=cast.parent_a, message="MUM-OWN-MESSAGE")
    NoticeFactory(child=cast.child_a, sent_by=cast.parent_restricted, message="DAD-MESSAGE")
    NoticeFactory(child=cast.child_a, sent_by=cast.parent_a_home2, message="OTHER-HOME-MESSAGE")
    same_home = ParentFactory()
    ParentLinkFactory(parent=same_home, child=cast.child_a, household=1)
    NoticeFactory(child=cast.child_a, sent_by=same_home, message="SAME-HOME-MESSAGE")
    NoticeFactory(child=cast.child_a, sent_by=same_home, message="SAME-HOME-PRIVATE", private=True)
    sar = services.sar_prepare(sar=make_request(cast.parent_a), by=cast.manager)
    assert "MUM-OWN-MESSAGE" in sar.pack_html
    assert "DAD-MESSAGE" not in sar.pack_html
    assert "OTHER-HOME-MESSAGE" not in sar.pack_html
    assert "SAME-HOME-MESSAGE" in sar.pack_html
    assert "SAME-HOME-PRIVATE" not in sar.pack_html


def test_the_pack_holds_another_adults_views_on_the_move_only_where_adults_told_allows(cast):
    from transitions.models import ParentView

    move = MoveFactory(child=cast.child_a, created_by=cast.key_person)
    ParentView.objects.create(move=move, parent=cast.parent_a, views="MUM-VIEWS")
    ParentView.objects.create(move=move, parent=cast.parent_a_home2, views="OTHER-VIEWS")
    sar = services.sar_prepare(sar=make_request(cast.parent_a), by=cast.manager)
    assert "MUM-VIEWS" in sar.pack_html and "OTHER-VIEWS" not in sar.pack_html


def test_third_party_information_only_where_the_agency_agreed_for_the_parents(cast):
    agreed = ThirdPartyInformationFactory(child=cast.child_a, content="AGREED-CONTENT")
    OnwardConsentFactory(item=agreed, recipient=OnwardConsent.PARENTS)
    ThirdPartyInformationFactory(child=cast.child_a, content="NOT-AGREED-CONTENT")
    sar = services.sar_prepare(sar=make_request(cast.parent_a), by=cast.manager)
    assert "AGREED-CONTENT" in sar.pack_html
    assert "NOT-AGREED-CONTENT" not in sar.pack_html


def test_a_parent_whose_link_is_restricted_gets_their_own_data_but_nothing_of_the_child(cast):
    MeetingFactory(child=cast.child_a, discussion="ADA-SHARED-MEETING")
    sar = services.sar_prepare(sar=make_request(cast.parent_restricted), by=cast.manager)
    assert cast.parent_restricted.email in sar.pack_html
    assert "ADA-SHARED-MEETING" not in sar.pack_html
    assert sar.pack_data["children"] == []
    # His link is his own data, the child's name is not given to him: a
    # changed surname, say, stays with the setting.
    assert cast.child_a.first_name not in sar.pack_html
    assert "A child whose records are withheld from you" in sar.pack_html
    [link] = sar.pack_data["person"]["links_to_children"]
    assert link["child"] is None and link["sees_the_child_in_the_portal"] is False


def test_the_json_holds_the_text_as_written_not_its_html_escapes(cast):
    MeetingFactory(child=cast.child_a, discussion='Ada\'s "soup" & <bread>')
    sar = services.sar_prepare(sar=make_request(cast.parent_a), by=cast.manager)
    text = "\n".join(r["text"] for r in sar.pack_data["children"][0]["records"])
    assert 'Ada\'s "soup" & <bread>' in text
    assert "&#x27;" not in text and "&amp;" not in text


# Delivery and the three formats ------------------------------------------------------


def test_the_parent_opens_the_pack_only_once_delivered_in_html_pdf_and_json(cast, client_for):
    MeetingFactory(child=cast.child_a, discussion="ADA-SHARED-MEETING")
    sar = services.sar_prepare(sar=make_request(cast.parent_a), by=cast.manager)
    client = client_for(cast.parent_a)
    assert client.get(reverse("records:pack", args=[sar.pk])).status_code == 403
    services.sar_deliver(sar=sar, by=cast.manager, method="In the portal")
    html = client.get(reverse("records:pack", args=[sar.pk]))
    assert "ADA-SHARED-MEETING" in html.content.decode()
    pdf = client.get(reverse("records:pack_pdf", args=[sar.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    data = client.get(reverse("records:pack_json", args=[sar.pk]))
    parsed = json.loads(data.content)
    assert parsed["person"]["email"] == cast.parent_a.email
    assert any("ADA-SHARED-MEETING" in r["text"] for r in parsed["children"][0]["records"])
    # Read as the page reads: each label apart from its value, not run into it.
    text = "\n".join(r["text"] for r in parsed["children"][0]["records"])
    assert f"Date of birth: {day_in_words(cast.child_a.date_of_birth)}" in text
    assert "Date of birth" + day_in_words(cast.child_a.date_of_birth) not in text
    actions = list(
        AuditEvent.objects.filter(action__startswith="records.subject_access").values_list(
            "action", flat=True
        )
    )
    assert "records.subject_access.pack_prepared" in actions
    assert "records.subject_access.delivered" in actions
    assert actions.count("records.subject_access.pack_downloaded") == 2
    assert "records.subject_access.pack_read" in actions


def test_delivery_needs_a_prepared_pack_and_happens_once(cast):
    sar = make_request(cast.parent_a)
    with pytest.raises(DomainError):
        services.sar_deliver(sar=sar, by=cast.manager, method="In the portal")
    services.sar_prepare(sar=sar, by=cast.manager)
    services.sar_deliver(sar=sar, by=cast.manager, method="In the portal")
    with pytest.raises(DomainError):
        services.sar_deliver(sar=sar, by=cast.manager, method="Again")


def test_the_pack_is_kept_as_prepared(cast, client_for):
    meeting = MeetingFactory(child=cast.child_a, discussion="BEFORE")
    sar = services.sar_prepare(sar=make_request(cast.parent_a), by=cast.manager)
    services.sar_deliver(sar=sar, by=cast.manager, method="In the portal")
    meeting.discussion = "AFTER"
    meeting.save()
    page = client_for(cast.parent_a).get(reverse("records:pack", args=[sar.pk])).content.decode()
    assert "BEFORE" in page and "AFTER" not in page


def test_another_parent_never_reaches_the_request_nor_the_pack(cast, client_for):
    sar = services.sar_prepare(sar=make_request(cast.parent_a), by=cast.manager)
    services.sar_deliver(sar=sar, by=cast.manager, method="In the portal")
    client = client_for(cast.parent_b)
    for name in ("request_detail", "pack", "pack_pdf", "pack_json"):
        assert client.get(reverse(f"records:{name}", args=[sar.pk])).status_code == 404


def test_the_pack_holds_the_childs_accidents_and_the_adults_own_complaints(cast):
    from tests.safety.factories import AccidentFactory
    from tests.setting.factories import ComplaintFactory

    AccidentFactory(child=cast.child_a, what_happened="ADA-BUMPED-KNEE")
    AccidentFactory(child=cast.child_b, what_happened="BEN-BUMPED-HEAD")
    ComplaintFactory(complainant=cast.parent_a, details="MUM-COMPLAINT")
    ComplaintFactory(complainant=cast.parent_b, details="OTHER-COMPLAINT")
    sar = services.sar_prepare(sar=make_request(cast.parent_a), by=cast.manager)
    assert "ADA-BUMPED-KNEE" in sar.pack_html and "BEN-BUMPED-HEAD" not in sar.pack_html
    assert "MUM-COMPLAINT" in sar.pack_html and "OTHER-COMPLAINT" not in sar.pack_html
    assert sar.pack_data["complaints"][0]["details"] == "MUM-COMPLAINT"
    assert "safety.accidents" in sar.pack_sections


def test_the_pack_holds_the_emergency_contacts_with_the_adult_and_their_home_only(cast):
    """What staff told this adult in a medical emergency is theirs to have;
    what they told the other home is not, in either pack."""
    from safety.models import ParentContact
    from tests.safety.factories import AccidentFactory

    accident = AccidentFactory(child=cast.child_a, medical_emergency=True)
    for adult, name, told in (
        (cast.parent_a, cast.parent_a.full_name, "TOLD-MUM"),
        (cast.parent_a_home2, cast.parent_a_home2.full_name, "TOLD-OTHER-HOME"),
        (None, "Grandma Joan", "TOLD-GRANDMA"),
    ):
        ParentContact.objects.create(
            accident=accident,
            at=accident.occurred_at,
            adult=adult,
            contacted=name,
            how="Phone call",
            told=told,
            by=cast.key_person,
        )
    mine = services.sar_prepare(sar=make_request(cast.parent_a), by=cast.manager)
    assert "TOLD-MUM" in mine.pack_html and "TOLD-GRANDMA" in mine.pack_html
    assert "TOLD-OTHER-HOME" not in mine.pack_html
    assert "TOLD-OTHER-HOME" not in json.dumps(mine.pack_data)
    assert "Kim Keyperson contacted Alex Ashworth (Phone call) and told them:" in mine.pack_html
    other = services.sar_prepare(sar=make_request(cast.parent_a_home2), by=cast.manager)
    assert "TOLD-OTHER-HOME" in other.pack_html and "TOLD-GRANDMA" in other.pack_html
    assert "TOLD-MUM" not in other.pack_html and "TOLD-MUM" not in json.dumps(other.pack_data)


def test_the_requester_is_emailed_from_the_queue_when_given_more_time_and_when_delivered(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    sar = make_request(cast.parent_a)
    with django_capture_on_commit_callbacks(execute=True):
        services.sar_extend(sar=sar, by=cast.manager, months=1, reason="SECRET-REASON")
    run_tasks()
    assert [m.to for m in mailoutbox] == [[cast.parent_a.email]]
    assert "more time" in mailoutbox[0].subject
    assert "SECRET-REASON" not in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        services.sar_prepare(sar=sar, by=cast.manager)
        services.sar_deliver(sar=sar, by=cast.manager, method="In the portal")
    run_tasks()
    assert "your data is ready" in mailoutbox[1].subject


def test_the_pack_is_written_in_the_requesters_language_whoever_prepares_it(cast):
    """A Polish parent's pack is in Polish, though the manager reads the
    portal in English."""
    from django.utils import translation

    from tests.safety.factories import AccidentFactory

    cast.parent_a.language = "pl"
    cast.parent_a.save(update_fields=["language"])
    AccidentFactory(child=cast.child_a)
    heading = "Accidents, incidents and injuries"
    with translation.override("pl"):
        polish_heading = translation.gettext(heading)
    assert polish_heading != heading
    with translation.override("en-gb"):
        sar = services.sar_prepare(sar=make_request(cast.parent_a), by=cast.manager)
    assert polish_heading in sar.pack_html
    assert heading not in sar.pack_html
