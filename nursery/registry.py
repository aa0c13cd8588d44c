"""Registries that let each app add to shared pages without touching them:
items in the navigation, panels on each role's home page, sections of a
child's page, flags beside a child's name, figures on the manager's
dashboard, and the parts of the records that leave the setting.

Every entry has a stable `key` of its own ("families.meetings": the app's
label, a dot, a name) and a translatable `title`, the only name a person
ever sees. A key registered twice stops the portal at start-up
(ImproperlyConfigured). An app registers in its own `panels.py` (imported
from its AppConfig.ready):

    @home_panel(
        key="agencies.my_signposts",
        title=_("Support we suggested"),
        roles=[Role.PARENT],
        template="agencies/panels/my_signposts.html",
        order=60,
    )
    def my_signposts(request):
        return {"signposts": ...}   # or None to leave the panel out

A panel function must run a fixed number of queries whatever the data size.
`record_source` adds a part to the records that leave the setting (school
transfer pack, leaver's bundle); its key is what `Transfer.sections` stores,
so it never changes once released. `dashboard_figure` adds a counted figure
to the manager's dashboard. The same pattern adds sections to a child's page
(`child_section`) and flags beside a child's name on staff pages
(`child_flags`), and dated entries to a child's safeguarding chronology
(`chronology_source`). `nav_item` is called, not used as a decorator.

Tests add an entry for a while with `register_temporarily(record_source,
func, key=..., title=..., ...)`, a context manager; nothing else touches a
registry's entries.
"""

import re
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time

from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from django.utils import timezone

from nursery.links import reverse

KEY_FORMAT = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")


@dataclass(frozen=True)
class Entry:
    key: str
    title: str
    order: int = 100


class Registry:
    """Entries of one kind, each under its own key, listed in `order`."""

    def __init__(self, name):
        self.name = name
        self._entries = {}

    def add(self, entry):
        if not isinstance(entry.key, str) or not KEY_FORMAT.match(entry.key):
            raise ImproperlyConfigured(
                f"{self.name}: the key {entry.key!r} is not of the form 'app.name'."
            )
        if not entry.title:
            raise ImproperlyConfigured(f"{self.name}: the entry {entry.key!r} has no title.")
        if entry.key in self._entries:
            raise ImproperlyConfigured(f"{self.name}: the key {entry.key!r} is registered twice.")
        self._entries[entry.key] = entry
        return entry

    def remove(self, key):
        del self._entries[key]

    def get(self, key):
        return self._entries.get(key)

    def keys(self):
        return [entry.key for entry in self]

    def __contains__(self, key):
        return key in self._entries

    def __iter__(self):
        return iter(sorted(self._entries.values(), key=lambda e: (e.order, e.key)))

    def __len__(self):
        return len(self._entries)

    @contextmanager
    def temporarily(self, entry):
        """Add `entry` for the duration of a `with` block (for tests)."""
        self.add(entry)
        try:
            yield entry
        finally:
            self.remove(entry.key)


@dataclass(frozen=True)
class NavItem(Entry):
    url_name: str = ""
    roles: frozenset = frozenset()
    # The key of the menu (a NavGroup) the item sits in; empty for an item
    # of its own on the top line.
    group: str = ""


@dataclass(frozen=True)
class NavGroup(Entry):
    """A menu of the top line; its items come from every app."""


@dataclass(frozen=True)
class HomePanel(Entry):
    template: str = ""
    roles: frozenset = frozenset()
    context: Callable = field(default=None, compare=False)
    counts: Callable = field(default=None, compare=False)
    # What a parent's panel reads joined to the parent's children, which
    # their home page reads anyway (select_related paths from the child,
    # to a one-to-one record of the panel's app): see `parents_children_joins`.
    child_joins: tuple = ()


@dataclass(frozen=True)
class ChildSection(Entry):
    template: str = ""
    context: Callable = field(default=None, compare=False)
    # What the section reads joined to what the child's page reads anyway
    # (select_related paths): on the child (`child_joins`, a one-to-one
    # record of the section's app) and on each of the child's parent links
    # (`link_joins`). The page then reads them in its own queries.
    child_joins: tuple = ()
    link_joins: tuple = ()


@dataclass(frozen=True)
class FlagSource(Entry):
    flags: Callable = field(default=None, compare=False)


@dataclass(frozen=True)
class AuditScope(Entry):
    hidden: Callable = field(default=None, compare=False)


@dataclass(frozen=True)
class DashboardFigure(Entry):
    url_name: str = ""
    query: str = ""
    on_home: bool = True
    # Worked out in Python (a number), not counted by the database.
    number: bool = False
    count: Callable = field(default=None, compare=False)


@dataclass(frozen=True)
class RecordSource(Entry):
    gather: Callable = field(default=None, compare=False)
    # A permission (checked against the child) needed to learn that this
    # part exists at all: restricted material is named only to its readers.
    read_perm: str | None = None


@dataclass(frozen=True)
class ChronologySource(Entry):
    entries: Callable = field(default=None, compare=False)


@dataclass(frozen=True)
class NotificationKind(Entry):
    # What a person is told, with "%(child)s" for the child's first name:
    # "There is a new key-person meeting record for %(child)s".
    message: str = ""
    # Who may choose how to hear of it: "parents" or "staff".
    audience: str = "parents"
    # Safety (accidents, medicines, safeguarding): always by email at once.
    always_email: bool = False
    default: str = "email"


@dataclass(frozen=True)
class DailyJob(Entry):
    run: Callable = field(default=None, compare=False)


@dataclass(frozen=True)
class SubjectAccess:
    """The recipient of a subject-access pack: one adult asking for what the
    setting holds about them and their children (UK GDPR Art. 15).

    A record source gives this adult what a parent of the child may read,
    but of what an adult wrote, or what staff addressed to one adult, only
    what `families.selectors.adults_told` lets this adult receive.
    `child_protection` is True only when the safeguarding lead recorded the
    decision to include child-protection material in this pack."""

    adult: object
    child_protection: bool = False


def is_subject_access(recipient):
    return isinstance(recipient, SubjectAccess)


def for_family(recipient):
    """Whether `recipient` is the child's family: the parents' leaver's
    bundle ("parents") or one adult's subject-access pack."""
    return recipient == "parents" or is_subject_access(recipient)


def reader_of(recipient):
    """The adult whose own copy a family pack is: of the leaver's bundle (a
    `ParentsCopy`), or their subject-access pack; None otherwise."""
    if is_subject_access(recipient):
        return recipient.adult
    return getattr(recipient, "reader", None)


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


nav_items = Registry("nav_item")
nav_groups = Registry("nav_group")
home_panels = Registry("home_panel")
child_sections = Registry("child_section")
flag_sources = Registry("child_flags")
figures = Registry("dashboard_figure")
record_sources = Registry("record_source")
chronology_sources = Registry("chronology_source")
notification_kinds = Registry("notification_kind")
daily_jobs = Registry("daily_job")
audit_scopes = Registry("audit_scope")


def _decorator(registry, make_entry):
    """A registering decorator for `registry`; `make_entry(func)` builds the entry."""

    def register(func):
        registry.add(make_entry(func))
        return func

    return register


def nav_item(*, key, title, url_name, roles, order=100, group=""):
    """Add an item to the navigation for `roles`, linking to `url_name`, in
    the menu `group` (a nav_group's key; empty for the top line)."""
    nav_items.add(
        NavItem(
            key=key,
            title=title,
            url_name=url_name,
            roles=frozenset(roles),
            order=order,
            group=group,
        )
    )


nav_item.registry = nav_items


def nav_group(*, key, title, order=100):
    """Add a menu to the top line of the navigation, placed by `order` among
    the top line's own items; it shows only when it holds an item for the
    person's role."""
    nav_groups.add(NavGroup(key=key, title=title, order=order))


nav_group.registry = nav_groups


def home_panel(*, key, title, roles, template, order=100, counts=None, child_joins=()):
    """Register a panel of the home page of `roles`: `func(request)` returns
    the panel's context, or None to leave it out.

    A panel that shows figures names what it counts in `counts(request)`, a
    {name: queryset} (or None when it has nothing to count for this
    person); the home page counts every panel's querysets together, in one
    query compiled once for the day (`nursery.queries.compiled_counts`: of
    the request, `counts` reads only `request.user`), and calls
    `func(request, counted)` with {name: number}.

    A parent's panel that lists a one-to-one record of each child names it
    in `child_joins`: the parent's children (read once for the page) come
    with it joined, so that the panel asks nothing more for it. Only a
    parent's panel can: no other home page reads a parent's children."""
    from nursery.models import Role

    if child_joins and Role.PARENT not in roles:
        raise ImproperlyConfigured(
            f"home_panel: {key!r} joins {tuple(child_joins)!r} to a parent's children, "
            "but is not on a parent's home page."
        )
    return _decorator(
        home_panels,
        lambda func: HomePanel(
            key=key,
            title=title,
            template=template,
            roles=frozenset(roles),
            order=order,
            context=func,
            counts=counts,
            child_joins=tuple(child_joins),
        ),
    )


home_panel.registry = home_panels


def child_section(*, key, title, template, order=100, child_joins=(), link_joins=()):
    """Register a section of the child's page: `func(request, child)` returns
    the section's context, or None when this person may not see it.

    `child_joins` and `link_joins` name relations the section reads that the
    page can join to the child it fetches and to the child's parent links
    (`child_page_joins`), so that the section asks nothing more of the
    database for them."""
    return _decorator(
        child_sections,
        lambda func: ChildSection(
            key=key,
            title=title,
            template=template,
            order=order,
            context=func,
            child_joins=tuple(child_joins),
            link_joins=tuple(link_joins),
        ),
    )


child_section.registry = child_sections


def child_flags(*, key, title, order=100):
    """Register a source of flags shown beside a child's name for staff (for
    example "no photographs"): `func(request, children)` returns
    {child_id: [label, ...]} using a fixed number of queries for the page."""
    return _decorator(
        flag_sources,
        lambda func: FlagSource(key=key, title=title, order=order, flags=func),
    )


child_flags.registry = flag_sources


def audit_scope(*, key, title, order=100):
    """Register records whose lines the audit log hides from a person who
    may not read the records themselves (an allegation, from the member of
    staff it is about): `func(user)` returns {model: queryset of the
    records hidden from `user`}. Every page of the audit log applies every
    scope (`hide_unreadable_lines`)."""
    return _decorator(
        audit_scopes,
        lambda func: AuditScope(key=key, title=title, order=order, hidden=func),
    )


audit_scope.registry = audit_scopes


def hide_unreadable_lines(events, user):
    """`events` (audit lines) without those about a record `user` may not
    read, as every registered `audit_scope` says: one subquery each."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import CharField
    from django.db.models.functions import Cast

    for scope in audit_scopes:
        for model, records in scope.hidden(user).items():
            # The audit keeps object ids as text.
            keys = records.annotate(key=Cast("pk", output_field=CharField())).values("key")
            events = events.exclude(
                content_type=ContentType.objects.get_for_model(model), object_id__in=keys
            )
    return events


def dashboard_figure(*, key, title, url_name, order=100, query="", on_home=True, number=False):
    """Register one figure on the manager's dashboard, shown as `title`:
    `func(request)` returns the queryset of what is counted (or a list of
    querysets, added up), and every figure is counted in one query
    (`nursery.queries.count_many`), compiled once for the day (its
    querysets read `request.user` and the day, nothing else of the
    request). A figure no queryset can express is registered with
    `number=True` and returns its number, worked out on each request. The
    figure links to the list at `url_name` (with `query`, e.g. "due=1",
    when the list filters to what is counted).

    The manager's home shows the figures too, under "Needs your attention",
    but for those `on_home=False`: a panel of their own app on that page
    shows them already, so that nothing is said twice."""
    return _decorator(
        figures,
        lambda func: DashboardFigure(
            key=key,
            title=title,
            url_name=url_name,
            order=order,
            query=query,
            on_home=on_home,
            number=number,
            count=func,
        ),
    )


dashboard_figure.registry = figures


class ParentsCopy(str):
    """The recipient of one adult's copy of the leaver's bundle: equal to
    "parents" (so every source treats it as the family), carrying `reader`,
    the adult whose copy it is. A source holding what one adult wrote or
    was told gives only what `reader` may read.

    With `school`, it is the copy of that school's pack the adult reads
    before consenting to it: of what the family wrote or chose, a source
    gives only what would go to the school."""

    reader = None
    school = None

    def __new__(cls, reader, school=None):
        copy = super().__new__(cls, "parents")
        copy.reader = reader
        copy.school = school
        return copy


def record_source(*, key, title, order=100, read_perm=None):
    """Register a source of a child's records for packs that leave the
    setting (the transfer pack to a school, the leaver's bundle for parents).

    `func(*, child, recipient)` returns None or a dict with a `template` (a
    printable fragment) and its `context`. `recipient` is "parents", a
    recipient model instance (a school), or a `SubjectAccess` (one adult's
    subject-access request: `for_family` is true for it as for "parents",
    and what one adult wrote goes only where `adults_told` allows). A source
    gives only what may go to that recipient: never staff-only notes or restricted material, and
    third-party information only through agencies' gathering rule. `title`
    names the part wherever a person chooses or reads what a pack holds;
    with `read_perm`, only to people who have that permission on the child.
    """
    return _decorator(
        record_sources,
        lambda func: RecordSource(
            key=key, title=title, order=order, gather=func, read_perm=read_perm
        ),
    )


record_source.registry = record_sources


def chronology_source(*, key, title, order=100):
    """Register a source of entries for a child's safeguarding chronology.

    `func(*, child, user)` returns a list of ChronologyEntry about `child`
    that `user` may read, with a fixed number of queries whatever the
    number of entries. It is called only for people who may read the
    child's chronology (the key person, the DSL, the manager), and must
    still leave out what this person may not see (an allegation about a
    member of staff, say). `title` names the kind of record it adds.
    """
    return _decorator(
        chronology_sources,
        lambda func: ChronologySource(key=key, title=title, order=order, entries=func),
    )


chronology_source.registry = chronology_sources


def notification_kind(
    *, key, title, message, audience, always_email=False, default="email", order=100
):
    """Declare a kind of notification (nursery.notifications.notify): `title`
    names it on the person's choices page, `message` is what they are told
    ("There is a new key-person meeting record for %(child)s"), `audience`
    is "parents" or "staff". `always_email` kinds (accidents, medicines,
    safeguarding) are emailed at once whatever the person chose; `default`
    is the channel ("email", "digest", "portal") until they choose."""
    if audience not in ("parents", "staff"):
        raise ImproperlyConfigured(f"notification_kind {key!r}: audience {audience!r}")
    notification_kinds.add(
        NotificationKind(
            key=key,
            title=title,
            message=message,
            audience=audience,
            always_email=always_email,
            default=default,
            order=order,
        )
    )


notification_kind.registry = notification_kinds


def daily_job(*, key, title, order=100):
    """Register work the task worker does once a day (nursery.notifications'
    daily round): `func(*, today)` tells people of what is due, and must be
    safe to run twice on one day (notify's `once_key`)."""
    return _decorator(
        daily_jobs, lambda func: DailyJob(key=key, title=title, order=order, run=func)
    )


daily_job.registry = daily_jobs


@contextmanager
def register_temporarily(kind, func=None, /, **fields):
    """Register an entry for the duration of a `with` block, for tests:

        with register_temporarily(record_source, fake, key="tests.fake", title="Fake"):
            ...

    `kind` is one of the registering functions above; `func` is the
    registered function (none for `nav_item`); `fields` are the keyword
    arguments `kind` takes."""
    registry = kind.registry
    if kind in (nav_item, nav_group, notification_kind):
        kind(**fields)
    else:
        kind(**fields)(func)
    try:
        yield registry.get(fields["key"])
    finally:
        registry.remove(fields["key"])


# What the shared pages read.


def nav_for(user):
    """The top line of this person's navigation, in order: links (`url`) and
    menus (`links`, each a link). A menu holding a single item for this role
    shows as that item's own link; a menu holding none is left out."""
    role = getattr(user, "role", None)
    top = []
    menus = {}
    for item in nav_items:
        if role not in item.roles:
            continue
        link = {"title": item.title, "url": reverse(item.url_name), "url_name": item.url_name}
        if not item.group:
            top.append((item.order, item.key, link))
            continue
        group = nav_groups.get(item.group)
        if group is None:
            raise ImproperlyConfigured(
                f"nav_item: {item.key!r} is in the menu {item.group!r}, which is not registered."
            )
        if group.key not in menus:
            menus[group.key] = {"title": group.title, "key": group.key, "links": []}
            top.append((group.order, group.key, menus[group.key]))
        menus[group.key]["links"].append(link)
    shown = []
    for _order, _key, entry in sorted(top, key=lambda t: (t[0], t[1])):
        if "links" in entry:
            if len(entry["links"]) == 1:
                entry = entry["links"][0]
            else:
                entry["url_names"] = [link["url_name"] for link in entry["links"]]
        shown.append(entry)
    return shown


class _Asker:
    """A request as the counts of panels and figures read it while their
    querysets are compiled: the account, and nothing else of the request."""

    def __init__(self, user):
        self.user = user


def _home_counts(user, counting, figures):
    """{"panel key|name": queryset}: what the panels `counting` ((key,
    counts) of each) count for `user` (`figures`: those registered, which
    the dashboard's panel counts)."""
    asker = _Asker(user)
    asked = {}
    for key, counts in counting:
        for name, queryset in (counts(asker) or {}).items():
            asked[f"{key}|{name}"] = queryset
    return asked


def panels_for(request):
    """The panels this person's home page shows, each rendered with its context."""
    from nursery.queries import compiled_counts, fixed

    role = request.user.role
    panels = [panel for panel in home_panels if role in panel.roles]
    # What every panel counts, in one query for the page, compiled once
    # for the day (the figures registered are part of what it is made of).
    counting = tuple((panel.key, panel.counts) for panel in panels if panel.counts is not None)
    counted = {panel.key: {} for panel in panels}
    numbers = compiled_counts(
        "registry.home_counts",
        _home_counts,
        user=request.user,
        reads_config=True,
        counting=fixed(counting),
        figures=fixed(_figures_registered()),
    )
    for name, number in numbers.items():
        key, _, what = name.partition("|")
        counted[key][what] = number
    shown = []
    for panel in panels:
        context = _panel_context(panel, request, counted[panel.key])
        if context is not None:
            shown.append(
                {
                    "template": panel.template,
                    "context": context,
                    "key": panel.key,
                    "title": panel.title,
                }
            )
    return shown


def _panel_context(panel, request, counted):
    if panel.counts is None:
        return panel.context(request)
    return panel.context(request, counted)


def panel_alone(panel, request):
    """A panel's context as the home page gives it, its figures counted on
    their own rather than with the other panels' (for the benchmark's
    --panels and for tests of one panel)."""
    from nursery.queries import count_many

    wanted = panel.counts(request) if panel.counts is not None else None
    return _panel_context(panel, request, count_many(wanted or {}))


def parents_children_joins():
    """What the panels of a parent's home page join to the parent's
    children, each once."""
    from nursery.models import Role

    joins = {}
    for panel in home_panels:
        if Role.PARENT in panel.roles:
            joins.update(dict.fromkeys(panel.child_joins))
    return tuple(joins)


def child_page_joins():
    """(child joins, parent link joins): every section's, each once."""
    child_joins, link_joins = {}, {}
    for section in child_sections:
        child_joins.update(dict.fromkeys(section.child_joins))
        link_joins.update(dict.fromkeys(section.link_joins))
    return tuple(child_joins), tuple(link_joins)


def sections_for(request, child):
    shown = []
    for section in child_sections:
        context = section.context(request, child)
        if context is not None:
            shown.append(
                {
                    "template": section.template,
                    "context": context,
                    "key": section.key,
                    "title": section.title,
                }
            )
    return shown


def flags_for(request, children):
    """Attach `child.flags` (a list of labels) to each child, for staff only."""
    children = list(children)
    for child in children:
        child.flags = []
    if not request.user.is_setting_staff or not children:
        return children
    for source in flag_sources:
        found = source.flags(request, children)
        for child in children:
            child.flags.extend(found.get(child.pk, []))
    return children


def _figures(home):
    return [f for f in figures if f.on_home or not home]


def _figures_registered():
    """What the figures' one query is made of: each figure's key and count."""
    return tuple((f.key, f.count, f.number, f.on_home) for f in figures)


def figure_querysets(request, home=False):
    """{"key:i": queryset}: what the figures counted by the database count
    (with `home`, those the manager's home shows), each part of a figure
    that adds several up apart."""
    from django.db.models import QuerySet

    querysets = {}
    for f in _figures(home):
        if f.number:
            continue
        value = f.count(request)
        for i, part in enumerate(value if isinstance(value, list | tuple) else [value]):
            if not isinstance(part, QuerySet):
                raise TypeError(f"{f.key}: a figure worked out in Python is registered number=True")
            querysets[f"{f.key}:{i}"] = part
    return querysets


def home_figure_querysets(request):
    """{name: queryset}: what the figures the manager's home shows count,
    for its panel's `counts` (counted with the other panels')."""
    return figure_querysets(request, home=True)


def _figure_counts(user, home, registered):
    return figure_querysets(_Asker(user), home)


def dashboard_figures(request, counted=None, home=False):
    """Every figure (with `home`, those the manager's home shows) with its
    count: the querysets are counted together in one query, or were
    (`counted`, from `home_figure_querysets`)."""
    from nursery.queries import compiled_counts, fixed

    if counted is None:
        counted = compiled_counts(
            "registry.figures",
            _figure_counts,
            reads_config=True,
            user=request.user,
            home=fixed(home),
            registered=fixed(_figures_registered()),
        )
    totals = {}
    for name, number in counted.items():
        key = name.rpartition(":")[0]
        totals[key] = totals.get(key, 0) + number
    shown = []
    for f in _figures(home):
        shown.append(
            {
                "title": f.title,
                "url": reverse(f.url_name) + (f"?{f.query}" if f.query else ""),
                "count": f.count(request) if f.number else totals.get(f.key, 0),
                "key": f.key,
            }
        )
    return shown


def gather_child_records(*, child, recipient):
    """Every registered source's part of the child's records for `recipient`,
    each with its fragment rendered (`html`) from its own template and
    context, its `key` and its `title`."""
    sections = []
    for source in record_sources:
        section = source.gather(child=child, recipient=recipient)
        if section is not None:
            template = section["template"]
            if isinstance(template, str):
                html = render_to_string(template, section["context"])
            else:  # an already loaded template, e.g. engines["django"].from_string(...)
                html = template.render(section["context"])
            sections.append(
                {
                    **section,
                    "key": source.key,
                    "title": source.title,
                    "html": html,
                    "read_perm": source.read_perm,
                }
            )
    return sections


def sections_named_to(user, child, sections):
    """The gathered sections whose existence `user` may learn of: a
    restricted one only when they may read it."""
    return [s for s in sections if not s.get("read_perm") or user.has_perm(s["read_perm"], child)]


def chronology_for(*, child, user):
    """Every registered source's entries about `child` for `user`, oldest
    first, each marked with its source's key."""
    entries = []
    for source in chronology_sources:
        for entry in source.entries(child=child, user=user):
            entries.append(entry if entry.source else replace(entry, source=source.key))
    entries.sort(key=lambda e: e.sort_key)
    return entries
