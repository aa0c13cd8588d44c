"""The registries: explicit stable keys and titles, a duplicate key refused
at start-up, and temporary registration for tests."""

from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from nursery import registry
from nursery.registry import (
    child_flags,
    child_section,
    dashboard_figure,
    home_panel,
    nav_item,
    record_source,
    register_temporarily,
)

KINDS = [nav_item, home_panel, child_section, child_flags, dashboard_figure, record_source]


def every_entry():
    return [entry for kind in KINDS for entry in kind.registry]


def test_every_entry_has_a_key_of_its_app_and_a_title_of_its_own():
    labels = {config.label for config in apps.get_app_configs()}
    entries = every_entry()
    assert len(entries) > 40
    for entry in entries:
        assert entry.key.split(".")[0] in labels, entry.key
        assert str(entry.title).strip(), entry.key
        assert str(entry.title) != entry.key


def test_a_key_registered_twice_stops_start_up():
    taken = next(iter(record_source.registry)).key
    with pytest.raises(ImproperlyConfigured, match="registered twice"):
        record_source(key=taken, title="Again")(lambda *, child, recipient: None)


@pytest.mark.parametrize("key", ["", "meetings", "families.records.Meetings", "Families.x", None])
def test_a_key_that_is_not_app_dot_name_stops_start_up(key):
    with pytest.raises(ImproperlyConfigured):
        home_panel(key=key, title="A panel", roles=[], template="x.html")(lambda request: None)


def test_an_entry_without_a_title_stops_start_up():
    with pytest.raises(ImproperlyConfigured, match="no title"):
        child_section(key="tests.untitled", title="", template="x.html")(lambda r, c: None)


def test_a_panel_joining_to_a_parents_children_must_be_on_a_parents_home():
    from nursery.models import Role

    with pytest.raises(ImproperlyConfigured, match="not on a parent's home page"):
        home_panel(
            key="tests.staff_joins",
            title="A staff panel",
            roles=[Role.MANAGER],
            template="x.html",
            child_joins=["move"],
        )(lambda request: None)
    assert "tests.staff_joins" not in {panel.key for panel in home_panel.registry}


def test_register_temporarily_adds_an_entry_for_the_block_only():
    def fake(*, child, recipient):
        return None

    with register_temporarily(
        record_source, fake, key="tests.fake", title="A fake", order=-1
    ) as entry:
        assert "tests.fake" in record_source.registry
        assert entry.gather is fake
        assert record_source.registry.keys()[0] == "tests.fake"
    assert "tests.fake" not in record_source.registry


def test_register_temporarily_removes_the_entry_when_the_block_fails():
    with (
        pytest.raises(RuntimeError),
        register_temporarily(
            nav_item, key="tests.menu", title="A menu item", url_name="home", roles=["parent"]
        ),
    ):
        raise RuntimeError
    assert "tests.menu" not in nav_item.registry


def test_entries_are_listed_by_order_then_key():
    orders = [(e.order, e.key) for e in home_panel.registry]
    assert orders == sorted(orders)


def test_stored_pack_keys_of_the_old_form_map_onto_registered_sources():
    keys = import_module("transitions.migrations.0002_transfer_section_keys").KEYS
    # Every stored key maps onto a source; sources added since (those of
    # subject-access packs only) were never in a stored pack.
    assert set(keys.values()) <= set(record_source.registry.keys())
    assert registry.record_sources is record_source.registry


def test_what_home_panels_count_is_counted_together_in_one_query(cast):
    """Each panel names the querysets it counts; the home page counts every
    panel's at once and hands each panel its own numbers. Two more panels
    that count add no query to a home page that counts already."""
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from nursery.models import Role, SiteConfig, User
    from nursery.registry import panels_for

    def read():
        request = RequestFactory().get("/")
        request.user = cast.manager
        with SiteConfig.loaded_once(), CaptureQueriesContext(connection) as queries:
            shown = {panel["key"]: panel["context"] for panel in panels_for(request)}
        return shown, len(queries)

    cast.manager.role  # noqa: B018  (read with the account, before the panels)
    # Once first, for what a process reads once and keeps (the content
    # types, cleared by an earlier test that flushed the database).
    read()
    _shown, before = read()

    def people(request, counted):
        return dict(counted)

    with (
        register_temporarily(
            home_panel,
            people,
            key="tests.people",
            title="People",
            roles=[Role.MANAGER],
            template="x.html",
            counts=lambda request: {
                "staff": User.objects.with_role(Role.PRACTITIONER),
                "dsl": User.objects.filter(is_dsl=True),
            },
        ),
        register_temporarily(
            home_panel,
            lambda request, counted: None if not counted else dict(counted),
            key="tests.nothing",
            title="Nothing to count",
            roles=[Role.MANAGER],
            template="x.html",
            counts=lambda request: None,
        ),
    ):
        shown, after = read()
    assert shown["tests.people"] == {"staff": 3, "dsl": 1}
    assert "tests.nothing" not in shown
    assert after == before


def test_the_managers_home_leaves_out_the_figures_its_own_panels_show(cast, client_for, rf):
    """Meetings and checks overdue are under the setting's follow-up, and
    accidents to notify or review under "Accidents and incidents": the
    home's "Needs your attention" does not say them again. The dashboard
    shows every figure."""
    from nursery.registry import dashboard_figures

    request = rf.get("/")
    request.user = cast.manager
    on_home = {f["key"] for f in dashboard_figures(request, home=True)}
    everywhere = {f["key"] for f in dashboard_figures(request)}
    assert everywhere - on_home == {
        "families.meetings_overdue",
        "families.checks_overdue",
        "safety.clocks",
        "safety.reviews",
    }
    client = client_for(cast.manager)
    dashboard = client.get(reverse("dashboard")).context["figures"]
    assert {f["key"] for f in dashboard} == everywhere
    home = client.get(reverse("home")).content.decode()
    assert home.count("without a key-person meeting") == 1  # the follow-up panel's
