"""The navigation: parents see at most six things on the top line, staff
see home and a few menus; every entry of a menu is registered with it."""

from django.urls import reverse

from nursery.registry import nav_for, nav_group, nav_item, nav_items, register_temporarily


def top_line(user):
    return [entry["title"] for entry in nav_for(user)]


def test_parents_see_six_things_and_no_staff_page(cast):
    # Home is the nursery's name at the top; What's new and the Account menu
    # follow, the same for everyone: six in all.
    assert top_line(cast.parent_a) == [
        "My children",
        "Messages",
        "Consents and medicine",
        "The nursery",
    ]
    nursery = next(e for e in nav_for(cast.parent_a) if e["title"] == "The nursery")
    titles = [link["title"] for link in nursery["links"]]
    assert "Policies" in titles and "Where to find support" in titles
    names = [e.get("url_name") for e in nav_for(cast.parent_a)] + [
        link["url_name"] for link in nursery["links"]
    ]
    assert "families:roster" not in names and "accounts" not in names


def test_staff_see_home_and_their_menus(cast):
    assert top_line(cast.key_person) == [
        "Home",
        "Today",
        "Children",
        "Follow-up",
        "Partnerships",
        "The setting",
    ]
    manager_setting = next(e for e in nav_for(cast.manager) if e["title"] == "The setting")
    assert {"People", "Audit log", "Settings"} <= {
        link["title"] for link in manager_setting["links"]
    }
    key_person_setting = next(e for e in nav_for(cast.key_person) if e["title"] == "The setting")
    assert "People" not in {link["title"] for link in key_person_setting["links"]}


def test_every_page_of_the_navigation_is_two_taps_from_home(cast):
    for member in ("parent_a", "key_person", "dsl", "manager"):
        for entry in nav_for(getattr(cast, member)):
            # A link on the top line is one tap; a menu's link is two.
            assert "url" in entry or all("url" in link for link in entry["links"])


def test_a_menu_with_one_entry_for_the_role_shows_as_that_link(cast):
    with (
        register_temporarily(nav_group, key="tests.menu", title="Menu", order=99),
        register_temporarily(
            nav_item,
            key="tests.only",
            title="Only page",
            url_name="home",
            roles=["parent"],
            group="tests.menu",
        ),
    ):
        assert nav_for(cast.parent_a)[-1] == {
            "title": "Only page",
            "url": reverse("home"),
            "url_name": "home",
        }


def test_every_item_names_a_registered_menu():
    from nursery.registry import nav_groups

    for item in nav_items:
        assert not item.group or item.group in nav_groups, item.key
