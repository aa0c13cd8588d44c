"""nursery.links.reverse and `{% url %}`: each shape of address reversed once,
and every address exactly as Django reverses it."""

import itertools

import pytest
from django.template import Context, engines
from django.template.engine import Engine
from django.test import override_settings
from django.urls import (
    NoReverseMatch,
    URLPattern,
    URLResolver,
    get_resolver,
    path,
    register_converter,
)
from django.urls import reverse as django_reverse
from django.urls.base import set_script_prefix
from django.urls.resolvers import RoutePattern

from nursery import links


def _names_with_ids(patterns=None, namespace="", outer=None):
    """(name, [argument names]) for every named address of the portal whose
    arguments are all ids."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if not isinstance(entry.pattern, RoutePattern):
            continue  # a regular expression's groups (the admin's): not ids
        converters = {**(outer or {}), **entry.pattern.converters}
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _names_with_ids(entry.url_patterns, inner, converters)
        elif (
            isinstance(entry, URLPattern)
            and entry.name
            and all(type(c).__name__ == "IntConverter" for c in converters.values())
        ):
            yield f"{namespace}{entry.name}", list(converters)


NAMES = sorted({(name, tuple(keys)) for name, keys in _names_with_ids()})


def test_the_portal_has_addresses_of_every_kind_to_check():
    assert len(NAMES) > 100
    assert any(len(keys) == 2 for _, keys in NAMES)
    assert any(not keys for _, keys in NAMES)


@pytest.mark.parametrize(("name", "keys"), NAMES)
def test_every_address_is_as_django_reverses_it(name, keys):
    count = len(keys)
    for ids in ((1,) * count, (0,) * count, tuple(range(7, 7 + count)), (10**12,) * count):
        kwargs = dict(zip(keys, ids, strict=True)) or None
        assert links.reverse(name, kwargs=kwargs) == django_reverse(name, kwargs=kwargs)
        # The same address by position (the keys are in the pattern's order).
        assert links.reverse(name, args=ids) == django_reverse(name, args=ids)


def test_a_word_a_negative_number_or_an_unknown_name_is_refused_as_django_refuses_it():
    for call in (
        lambda r: r("families:child_detail", args=["x"]),
        lambda r: r("families:child_detail", args=[-1]),
        lambda r: r("families:child_detail", args=[True]),
        lambda r: r("families:child_detail"),
        lambda r: r("no-such-page"),
        lambda r: r("families:child_detail", kwargs={"other": 1}),
    ):
        with pytest.raises(NoReverseMatch):
            call(django_reverse)
        with pytest.raises(NoReverseMatch):
            call(links.reverse)


def test_an_address_under_a_prefix_keeps_its_prefix():
    plain = links.reverse("families:child_detail", args=[5])
    set_script_prefix("/nursery/")
    try:
        assert links.reverse("families:child_detail", args=[5]) == "/nursery" + plain
    finally:
        set_script_prefix("/")
    assert links.reverse("families:child_detail", args=[5]) == plain


class EvenConverter:
    """Only even numbers: an address whose shape depends on the number."""

    regex = "[0-9]+"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        if value % 2:
            raise ValueError
        return str(value)


def _view(request):
    return None


register_converter(EvenConverter, "even_for_links_test")
urlpatterns = [
    path("even/<even_for_links_test:n>/", _view, name="even"),
    path("pair/<int:a>/of/<int:b>/", _view, name="pair"),
    path("back/<int:b>/then/<int:a>/", _view, name="backwards"),
]


@override_settings(ROOT_URLCONF=__name__)
def test_an_address_whose_shape_depends_on_its_number_is_left_to_django():
    assert links.reverse("even", args=[4]) == "/even/4/"
    with pytest.raises(NoReverseMatch):
        links.reverse("even", args=[3])


@override_settings(ROOT_URLCONF=__name__)
def test_ids_go_to_their_places_whatever_the_order_of_the_keys():
    for a, b in itertools.product([0, 3, 12], [1, 40]):
        assert links.reverse("pair", kwargs={"b": b, "a": a}) == f"/pair/{a}/of/{b}/"
        assert links.reverse("backwards", kwargs={"a": a, "b": b}) == f"/back/{b}/then/{a}/"
        assert links.reverse("pair", args=[a, b]) == f"/pair/{a}/of/{b}/"


@pytest.mark.parametrize(
    "source",
    [
        "{% url 'families:child_detail' pk %}",
        "{% url 'families:notice_seen' pk 7 %}",
        "{% url 'agencies:agency_detail' pk=pk %}",
        "{% url 'home' %}",
        "{% url 'families:child_detail' pk as link %}[{{ link }}]",
        "{% url 'no-such-page' as link %}[{{ link }}]",
        "{% url 'families:child_detail' word %}{% url word2 %}",
    ],
)
def test_the_url_tag_writes_what_djangos_writes(source):
    context = {"pk": 3, "word": "a&b", "word2": "home"}
    portal = engines["django"].from_string(source)
    plain = Engine(libraries={}).from_string(source)
    if "word" in source:
        with pytest.raises(NoReverseMatch):
            portal.render(context)
        with pytest.raises(NoReverseMatch):
            plain.render(Context(context))
        return
    assert portal.render(context) == plain.render(Context(context))


def test_every_template_of_the_portal_writes_its_addresses_so():
    from nursery.templatetags.links import URLNode

    node = engines["django"].from_string("{% url 'home' %}").template.nodelist[0]
    assert type(node) is URLNode
