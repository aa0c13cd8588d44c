"""Registries that let each app add to shared pages without touching them:
items in the navigation, panels on each role's home page, and the others
listed below.

An app registers in its own `panels.py` (imported from its AppConfig.ready):

    @home_panel(roles=[Role.MANAGER], template="agencies/panels/reviews_due.html", order=30)
    def reviews_due(request):
        return {"reviews": ...}   # or None to leave the panel out

A panel function must run a fixed number of queries whatever the data size.
`record_source` adds a part to the records that leave the setting (school
transfer pack, leaver's bundle). `dashboard_figure` adds a counted figure to
the manager's dashboard. The same pattern adds sections to a child's page
(`child_section`) and flags beside a child's name on staff pages
(`child_flags`). `chronology_source` adds dated entries to a child's
safeguarding chronology.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time

from django.urls import reverse
from django.utils import timezone


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset
    order: int


@dataclass(frozen=True)
class HomePanel:
    key: str
    template: str
    roles: frozenset
    order: int
    context: Callable


@dataclass(frozen=True)
class ChildSection:
    key: str
    template: str
    order: int
    context: Callable


@dataclass(frozen=True)
class FlagSource:
    key: str
    flags: Callable


@dataclass(frozen=True)
class DashboardFigure:
    key: str
    label: str
    url_name: str
    order: int
    count: Callable
    query: str = ""


@dataclass(frozen=True)
class RecordSource:
    key: str
    order: int
    gather: Callable


@dataclass(frozen=True)
class ChronologySource:
    key: str
    title: str
    order: int
    entries: Callable


@dataclass(frozen=True)
class ChronologyEntry:
    """One dated line of a child's chronology. `on` is the day; `at` the
    time when it is known. `kind` and `summary` are what a person reads;
    `url` opens the record itself (on its own audited page)."""

    on: date
    kind: str
    summary: str
    at: datetime | None = None
    by: str = ""
    url: str = ""
    source: str = ""

    @property
    def sort_key(self):
        # An entry with only a day (a referral, a status) follows what
        # happened at a known time that day; ties keep the sources' order.
        moment = timezone.localtime(self.at).time() if self.at is not None else time.max
        return (self.on, moment)


_sources: list[RecordSource] = []
_chronology: list[ChronologySource] = []
_nav: list[NavItem] = []
_figures: list[DashboardFigure] = []
_panels: list[HomePanel] = []
_sections: list[ChildSection] = []
_flags: list[FlagSource] = []


def nav_item(*, label, url_name, roles, order=100):
    item = NavItem(label=label, url_name=url_name, roles=frozenset(roles), order=order)
    if item not in _nav:
        _nav.append(item)
        _nav.sort(key=lambda i: i.order)


def home_panel(*, roles, template, order=100):
    def register(func):
        key = f"{func.__module__}.{func.__qualname__}"
        if all(p.key != key for p in _panels):
            _panels.append(
                HomePanel(
                    key=key, template=template, roles=frozenset(roles), order=order, context=func
                )
            )
            _panels.sort(key=lambda p: p.order)
        return func

    return register


def child_section(*, template, order=100):
    """Register a section of the child's page: `func(request, child)` returns
    the section's context, or None when this person may not see it."""

    def register(func):
        key = f"{func.__module__}.{func.__qualname__}"
        if all(s.key != key for s in _sections):
            _sections.append(ChildSection(key=key, template=template, order=order, context=func))
            _sections.sort(key=lambda s: s.order)
        return func

    return register


def child_flags(func):
    """Register a source of flags shown beside a child's name for staff (for
    example "no photographs"): `func(request, children)` returns
    {child_id: [label, ...]} using a fixed number of queries for the page."""
    key = f"{func.__module__}.{func.__qualname__}"
    if all(f.key != key for f in _flags):
        _flags.append(FlagSource(key=key, flags=func))
    return func


def sections_for(request, child):
    shown = []
    for section in _sections:
        context = section.context(request, child)
        if context is not None:
            shown.append({"template": section.template, "context": context, "key": section.key})
    return shown


def flags_for(request, children):
    """Attach `child.flags` (a list of labels) to each child, for staff only."""
    children = list(children)
    for child in children:
        child.flags = []
    if not request.user.is_setting_staff or not children:
        return children
    for source in _flags:
        found = source.flags(request, children)
        for child in children:
            child.flags.extend(found.get(child.pk, []))
    return children


def dashboard_figure(*, label, url_name, order=100, query=""):
    """Register one figure on the manager's dashboard: `func(request)` returns
    a count (one query) and the figure links to the list at `url_name`
    (with `query`, e.g. "due=1", when the list filters to what is counted)."""

    def register(func):
        key = f"{func.__module__}.{func.__qualname__}"
        if all(f.key != key for f in _figures):
            _figures.append(
                DashboardFigure(
                    key=key, label=label, url_name=url_name, order=order, count=func, query=query
                )
            )
            _figures.sort(key=lambda f: f.order)
        return func

    return register


def dashboard_figures(request):
    return [
        {
            "label": f.label,
            "url": reverse(f.url_name) + (f"?{f.query}" if f.query else ""),
            "count": f.count(request),
            "key": f.key,
        }
        for f in _figures
    ]


def record_source(*, order=100):
    """Register a source of a child's records for packs that leave the
    setting (the transfer pack to a school, the leaver's bundle for parents).

    `func(*, child, recipient)` returns None or a dict with a `template` (a
    printable fragment) and its `context`. `recipient` is "parents" or a
    recipient model instance (a school). A source gives only what may go to
    that recipient: never staff-only notes or restricted material, and
    third-party information only through agencies' gathering rule.
    """

    def register(func):
        key = f"{func.__module__}.{func.__qualname__}"
        if all(s.key != key for s in _sources):
            _sources.append(RecordSource(key=key, order=order, gather=func))
            _sources.sort(key=lambda s: s.order)
        return func

    return register


def gather_child_records(*, child, recipient):
    """Every registered source's part of the child's records for `recipient`,
    each with its fragment rendered (`html`) from its own template and context."""
    from django.template.loader import render_to_string

    sections = []
    for source in _sources:
        section = source.gather(child=child, recipient=recipient)
        if section is not None:
            template = section["template"]
            if isinstance(template, str):
                html = render_to_string(template, section["context"])
            else:  # an already loaded template, e.g. engines["django"].from_string(...)
                html = template.render(section["context"])
            sections.append({**section, "key": source.key, "html": html})
    return sections


def chronology_source(*, key, title, order=100):
    """Register a source of entries for a child's safeguarding chronology.

    `func(*, child, user)` returns a list of ChronologyEntry about `child`
    that `user` may read, with a fixed number of queries whatever the
    number of entries. It is called only for people who may read the
    child's chronology (the key person, the DSL, the manager), and must
    still leave out what this person may not see. A key registered twice
    is an error.
    """

    def register(func):
        if any(s.key == key for s in _chronology):
            raise ValueError(f"chronology source {key!r} is registered twice")
        _chronology.append(ChronologySource(key=key, title=title, order=order, entries=func))
        _chronology.sort(key=lambda s: s.order)
        return func

    return register


def chronology_sources():
    return list(_chronology)


def chronology_for(*, child, user):
    """Every registered source's entries about `child` for `user`, oldest first."""
    entries = []
    for source in _chronology:
        for entry in source.entries(child=child, user=user):
            entries.append(entry if entry.source else _with_source(entry, source.key))
    entries.sort(key=lambda e: e.sort_key)
    return entries


def _with_source(entry, key):
    return replace(entry, source=key)


def nav_for(user):
    role = getattr(user, "role", None)
    return [
        {"label": item.label, "url": reverse(item.url_name), "url_name": item.url_name}
        for item in _nav
        if role in item.roles
    ]


def panels_for(request):
    """The panels this person's home page shows, each rendered with its context."""
    role = request.user.role
    shown = []
    for panel in _panels:
        if role not in panel.roles:
            continue
        context = panel.context(request)
        if context is not None:
            shown.append({"template": panel.template, "context": context, "key": panel.key})
    return shown
