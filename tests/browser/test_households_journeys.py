"""Each adult's own voice, in the browser: a mother sends one message kept to
"only the nursery and me" and one not; the father, who lives in another
household, sees neither; the key person sees both and answers; only the
mother reads the answer."""

import pytest
from playwright.sync_api import expect

from families.models import ParentNotice

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 800}
TABLET = {"width": 768, "height": 1024}
PRIVATE = "Dad has moved out. Please call me before any pick-up change."
OPEN = "Ada has a new bedtime routine at my home."


def send(portal, text, *, private):
    page = portal.page
    page.get_by_role("link", name="Tell the nursery something").click()
    portal.check("message-form")
    page.get_by_label("A change at home").check()
    page.get_by_label("Your message").fill(text)
    if private:
        page.get_by_label("Only the nursery and me").check()
    page.get_by_role("button", name="Send").click()
    portal.check("message-sent")
    expect(page.get_by_text("Your message was sent to the nursery.")).to_be_visible()


def test_a_mothers_messages_never_reach_the_father_in_another_household(portal, cast):
    page = portal.page
    messages_page = f"/children/{cast.child_a.pk}/messages/"

    page.set_viewport_size(PHONE)
    portal.login(cast.parent_a)
    portal.goto(messages_page)
    send(portal, PRIVATE, private=True)
    send(portal, OPEN, private=False)
    expect(page.get_by_text(PRIVATE)).to_be_visible()
    expect(page.get_by_text(OPEN)).to_be_visible()
    # The writer reads that it is theirs alone.
    expect(page.get_by_text("Only the nursery and you", exact=True)).to_have_count(1)
    assert ParentNotice.objects.filter(private=True).count() == 1
    portal.logout()

    portal.login(cast.parent_a_home2)
    expect(page.get_by_text(PRIVATE)).to_have_count(0)
    expect(page.get_by_text(OPEN)).to_have_count(0)
    portal.goto(messages_page)
    expect(page.get_by_text("No messages yet.")).to_be_visible()
    expect(page.get_by_text(PRIVATE)).to_have_count(0)
    expect(page.get_by_text(OPEN)).to_have_count(0)
    portal.logout()

    page.set_viewport_size(TABLET)
    portal.login(cast.key_person)
    portal.goto(messages_page)
    expect(page.get_by_text(PRIVATE)).to_be_visible()
    expect(page.get_by_text(OPEN)).to_be_visible()
    private = page.locator("article", has_text=PRIVATE)
    private.get_by_role("link", name="Answer").click()
    portal.check("answer-form")
    page.get_by_label("Your answer").fill("Thank you for telling us. I will call you today.")
    page.get_by_role("button", name="Send answer").click()
    portal.check("answered")
    portal.logout()

    page.set_viewport_size(PHONE)
    portal.login(cast.parent_a_home2)
    portal.goto(messages_page)
    expect(page.get_by_text("I will call you today.")).to_have_count(0)
    portal.logout()

    portal.login(cast.parent_a)
    portal.goto(messages_page)
    expect(page.get_by_text("I will call you today.")).to_be_visible()


def test_each_home_confirms_reading_a_meeting_for_itself(portal, cast):
    """The mother reads the meeting record on her phone; the father, in
    another home, still finds it waiting, is not told who read it, and
    confirms for his own home; the key person sees both homes' readings."""
    from families.models import KeyPersonMeeting
    from tests.families.factories import MeetingFactory

    meeting = MeetingFactory(child=cast.child_a)
    waiting = "New to read: key-person meeting about Ada"
    page = portal.page

    page.set_viewport_size(PHONE)
    portal.login(cast.parent_a)
    page.get_by_role("link", name=waiting).click()
    portal.check("mother-opens-meeting")
    page.get_by_role("button", name="I have read this").click()
    portal.check("mother-has-read")
    expect(page.get_by_text(f"Read by {cast.parent_a.full_name}")).to_be_visible()
    portal.goto("/")
    expect(page.get_by_role("link", name=waiting)).to_have_count(0)
    portal.logout()

    portal.login(cast.parent_a_home2)
    page.get_by_role("link", name=waiting).click()
    portal.check("father-opens-meeting")
    expect(page.get_by_text(cast.parent_a.full_name)).to_have_count(0)
    expect(page.get_by_text("No one in your home has confirmed reading this yet.")).to_be_visible()
    page.get_by_role("button", name="I have read this").click()
    portal.check("father-has-read")
    expect(page.get_by_text(f"Read by {cast.parent_a_home2.full_name}")).to_be_visible()
    expect(page.get_by_text(cast.parent_a.full_name)).to_have_count(0)
    portal.logout()

    page.set_viewport_size(TABLET)
    portal.login(cast.key_person)
    portal.goto(f"/children/{cast.child_a.pk}/meetings/{meeting.pk}/")
    portal.check("key-person-sees-both")
    expect(page.get_by_text(f"Read by {cast.parent_a.full_name}")).to_be_visible()
    expect(page.get_by_text(f"Read by {cast.parent_a_home2.full_name}")).to_be_visible()
    assert KeyPersonMeeting.objects.get().reads.count() == 2


def test_each_home_gives_its_own_view_on_a_meeting(portal, cast):
    """The mother gives her view on a meeting on her phone; the father, in
    another home, is offered the form as if no one had written, gives his
    own, and reads only his; the key person reads both on a tablet."""
    from tests.families.factories import MeetingFactory

    meeting = MeetingFactory(child=cast.child_a)
    hers, his = "Bedtime is calmer at my home now.", "She built a den at my flat."
    page = portal.page
    url = f"/children/{cast.child_a.pk}/meetings/{meeting.pk}/"

    page.set_viewport_size(PHONE)
    portal.login(cast.parent_a)
    portal.goto(url)
    page.get_by_label("Your comment").fill(hers)
    page.get_by_role("button", name="Send comment").click()
    portal.check("mother-gives-her-view")
    expect(page.locator("blockquote", has_text=hers)).to_be_visible()
    expect(page.get_by_role("heading", name="Change your comment")).to_be_visible()
    portal.logout()

    portal.login(cast.parent_a_home2)
    portal.goto(url)
    portal.check("father-opens-the-meeting")
    expect(page.get_by_text(hers)).to_have_count(0)
    expect(page.get_by_text(cast.parent_a.full_name)).to_have_count(0)
    expect(page.get_by_role("heading", name="Add your comment")).to_be_visible()
    page.get_by_label("Your comment").fill(his)
    page.get_by_role("button", name="Send comment").click()
    portal.check("father-gives-his-view")
    expect(page.locator("blockquote", has_text=his)).to_be_visible()
    expect(page.get_by_text(hers)).to_have_count(0)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width
    portal.logout()

    page.set_viewport_size(TABLET)
    portal.login(cast.key_person)
    portal.goto(url)
    portal.check("key-person-reads-both-views")
    expect(page.locator("blockquote", has_text=hers)).to_be_visible()
    expect(page.locator("blockquote", has_text=his)).to_be_visible()
    assert meeting.comments.all().count() == 2


def test_a_notice_taken_on_the_phone_is_read_by_the_home_that_gave_it(portal, cast):
    """The mother phones: the key person, on a tablet, takes down who is
    collecting on her word; the mother reads it on her phone, with who took
    it down; the father, in another home, does not."""
    page = portal.page
    url = f"/safety/child/{cast.child_a.pk}/"

    page.set_viewport_size(TABLET)
    portal.login(cast.key_person)
    portal.goto(url)
    page.get_by_role("link", name="Someone else is collecting").click()
    page.get_by_label("Who told us").select_option(
        label=f"{cast.parent_a.full_name} (Mother, household 1)"
    )
    page.get_by_label("Who is collecting").fill("Sandra Okafor")
    page.get_by_label("Relationship to the child").fill("Neighbour")
    page.get_by_label("Their phone").fill("07700 900777")
    portal.check("key-person-takes-it-down")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Sandra Okafor").first).to_be_visible()
    portal.logout()

    page.set_viewport_size(PHONE)
    portal.login(cast.parent_a)
    portal.goto(url)
    portal.check("mother-reads-the-notice")
    expect(page.get_by_text("Sandra Okafor")).to_be_visible()
    taken = f"Taken down by {cast.key_person.full_name} on the word of {cast.parent_a.full_name}."
    expect(page.get_by_text(taken)).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width
    portal.logout()

    portal.login(cast.parent_a_home2)
    portal.goto(url)
    portal.check("father-is-not-told")
    expect(page.get_by_text("Sandra Okafor")).to_have_count(0)
    portal.logout()

    # Plans change: the mother says on her phone that Sandra is no longer
    # coming; the room's board tells the key person on her tablet.
    portal.login(cast.parent_a)
    portal.goto(url)
    page.get_by_role("button", name="Sandra Okafor is no longer collecting").click()
    portal.check("mother-withdraws-the-notice")
    expect(page.get_by_text("No longer collecting", exact=True)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    portal.logout()

    page.set_viewport_size(TABLET)
    portal.login(cast.key_person)
    portal.goto(f"/safety/rooms/{cast.child_a.room_id}/board/")
    portal.check("board-says-no-longer-collecting")
    expect(page.get_by_text("No longer collecting today: Sandra Okafor")).to_be_visible()
    collecting = page.get_by_text("Collecting today: Sandra Okafor (Neighbour)", exact=True)
    expect(collecting).to_have_count(0)


def test_a_meeting_in_urdu_fits_the_phone_with_the_other_homes_doings(portal, cast):
    """In Urdu, read right to left, the line that an action was done by
    another parent or carer wraps inside a 360 px phone."""
    from django.utils import timezone

    from tests.families.factories import ActionFactory, MeetingFactory

    meeting = MeetingFactory(child=cast.child_a)
    ActionFactory(meeting=meeting, done_at=timezone.now(), done_by=cast.parent_a_home2)
    cast.parent_a.language = "ur"
    cast.parent_a.save(update_fields=["language"])
    page = portal.page
    page.set_viewport_size(PHONE)
    portal.login(cast.parent_a)
    portal.goto(f"/children/{cast.child_a.pk}/meetings/{meeting.pk}/")
    portal.check("meeting-in-urdu")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    expect(page.get_by_text(cast.parent_a_home2.full_name)).to_have_count(0)
    # The key person's English keeps its own direction on the Urdu page:
    # the full stop ends the sentence on the right, not the left.
    words = page.get_by_text(meeting.discussion)
    assert words.evaluate("e => getComputedStyle(e).unicodeBidi") == "plaintext"
    letter, stop = words.evaluate(
        """e => { const t = e.firstChild, r = document.createRange(), n = t.length;
                  const left = (i) => { r.setStart(t, i); r.setEnd(t, i + 1);
                                        return r.getBoundingClientRect().left; };
                  return [left(n - 2), left(n - 1)]; }"""
    )
    assert letter < stop


def test_each_home_reads_the_record_of_an_accident_for_itself(portal, cast):
    """The mother reads the record of a bump and comments on her phone; the
    father, in another home, still has it to read and is told nothing of
    her reading; the key person, on a tablet, sees that one home has read
    it, then both."""
    from tests.safety.factories import AccidentFactory

    accident = AccidentFactory(child=cast.child_a, recorded_by=cast.key_person)
    comment = "She was fine at bedtime."
    page = portal.page

    page.set_viewport_size(PHONE)
    portal.login(cast.parent_a)
    expect(page.get_by_role("heading", name="Accidents to read")).to_be_visible()
    page.get_by_role("link", name="Ada Ashworth: Accident").click()
    page.get_by_label("Your comment (optional)").fill(comment)
    page.get_by_role("button", name="I have read this record").click()
    portal.check("mother-has-read-the-accident")
    expect(page.get_by_text(f"Read by {cast.parent_a.full_name}")).to_be_visible()
    portal.logout()

    portal.login(cast.parent_a_home2)
    expect(page.get_by_role("heading", name="Accidents to read")).to_be_visible()
    page.get_by_role("link", name="Ada Ashworth: Accident").click()
    portal.check("father-opens-the-accident")
    expect(page.get_by_text(cast.parent_a.full_name)).to_have_count(0)
    expect(page.get_by_text(comment)).to_have_count(0)
    page.get_by_role("button", name="I have read this record").click()
    expect(page.get_by_text(f"Read by {cast.parent_a_home2.full_name}")).to_be_visible()
    expect(page.get_by_text(cast.parent_a.full_name)).to_have_count(0)
    portal.logout()

    page.set_viewport_size(TABLET)
    portal.login(cast.key_person)
    portal.goto(accident.get_absolute_url())
    portal.check("key-person-sees-both-homes")
    expect(page.get_by_text(f"Read by {cast.parent_a.full_name}")).to_be_visible()
    expect(page.get_by_text(comment)).to_be_visible()
    expect(page.get_by_text(f"Read by {cast.parent_a_home2.full_name}")).to_be_visible()
    assert accident.acknowledgements.count() == 2


def test_the_other_home_reads_a_consent_decision_without_who_made_it(portal, cast):
    """The mother answers for photographs on her phone; the father, in the
    other home, reads the answer on his, told only that another parent or
    carer gave it; the key person, on a tablet, reads her name."""
    page = portal.page
    consents_page = f"/consents/child/{cast.child_a.pk}/"
    mother = cast.parent_a.full_name

    page.set_viewport_size(PHONE)
    portal.login(cast.parent_a)
    portal.goto(consents_page)
    photographs = page.locator("section", has_text="Photographs").first
    photographs.get_by_role("link", name="Answer").click()
    portal.check("decide-form")
    page.get_by_label("Yes, I give my consent").check()
    page.get_by_label("I confirm that I have parental responsibility for this child.").check()
    page.get_by_role("button", name="Send my answer").click()
    portal.check("decided")
    portal.goto(consents_page)
    expect(page.locator("main").get_by_text(mother)).not_to_have_count(0)
    portal.logout()

    portal.login(cast.parent_a_home2)
    portal.goto(consents_page)
    expect(page.locator("main").get_by_text(mother)).to_have_count(0)
    expect(page.get_by_text("Another parent or carer").first).to_be_visible()
    portal.goto(f"/consents/child/{cast.child_a.pk}/history/")
    expect(page.locator("main").get_by_text(mother)).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    portal.logout()

    page.set_viewport_size(TABLET)
    portal.login(cast.key_person)
    portal.goto(consents_page)
    expect(page.locator("main").get_by_text(mother).first).to_be_visible()


def test_a_call_to_the_mother_is_read_by_her_home_only(portal, cast):
    """In a medical emergency the key person notes a call to the mother,
    chosen among the child's adults. On a phone, the mother reads whom the
    nursery called, how and what she was told; the father, in another
    household, reads the accident but not the call."""
    from datetime import timedelta

    from django.utils import timezone

    from families.models import ParentLink
    from tests.safety.factories import AccidentFactory

    accident = AccidentFactory(
        child=cast.child_a,
        recorded_by=cast.key_person,
        medical_emergency=True,
        occurred_at=timezone.now() - timedelta(minutes=30),
    )
    told = "Ada is on the way to A&E; come to the Mill Lane entrance."
    page = portal.page
    page.set_viewport_size(TABLET)
    portal.login(cast.key_person)
    portal.goto(accident.get_absolute_url())
    page.get_by_role("link", name="Note a contact with the parents").click()
    portal.check("contact-form")
    link = ParentLink.objects.get(child=cast.child_a, parent=cast.parent_a)
    page.get_by_label("Which parent or carer").select_option(str(link.pk))
    page.get_by_label("How*", exact=True).fill("Phone call to her mobile")
    page.get_by_label("What they were told").fill(told)
    page.get_by_role("button", name="Save").click()
    portal.check("contact-saved")
    expect(page.get_by_text(told)).to_be_visible()
    portal.logout()

    page.set_viewport_size(PHONE)
    portal.login(cast.parent_a)
    portal.goto(accident.get_absolute_url())
    portal.check("mothers-phone")
    expect(page.get_by_text(told)).to_be_visible()
    expect(page.get_by_text("Phone call to her mobile", exact=False)).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    portal.logout()

    portal.login(cast.parent_a_home2)
    portal.goto(accident.get_absolute_url())
    portal.check("fathers-phone")
    expect(page.get_by_text("No contact with you or your home is recorded here.")).to_be_visible()
    expect(page.get_by_text(told)).to_have_count(0)
    expect(page.get_by_text("Phone call to her mobile", exact=False)).to_have_count(0)
    expect(page.get_by_text(cast.parent_a.full_name)).to_have_count(0)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
