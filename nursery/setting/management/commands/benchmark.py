"""Time the portal's busiest pages on the current database (the demo, say).

    DEBUG=true python manage.py demo
    DEBUG=true python manage.py benchmark --repeat 20
    scripts/bench_pages.sh       # PostgreSQL, the demo and ten times it
    DEBUG=true python manage.py benchmark --panels   # each home panel apart

Each page is fetched in-process with Django's test client as the person who
would open it, after a completed login (password and, for staff, the second
factor), and the median time and the number of queries are printed, beside
the page's share of the floor: the median time of the same person's request
for a URL that does not exist, which runs the whole stack (sessions, the
login, every middleware, the 404 page) and nothing of the portal's own. A
page at 50% takes twice the floor's time. Every page is fetched once before
anything is timed, and each page is then fetched in turn with the floor, so
that its share is of the floor measured beside it; a floor row prints the
median of the floors measured beside that person's pages. The requests are served with
DEBUG off, whatever the environment says. Figures belong in
docs/benchmarks/README.md, never in a timed test.

With --panels it times instead each panel of each person's home page on its
own (its context, not its template), with the queries it runs: where a home
page spends its time. The figures that the panels count together are
counted with the panel, as if alone.

With --calls it times a few calls every list page makes many times (a
choice's label, a translated word), in microseconds, best of seven.
"""

import logging
import statistics
import time
import timeit

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection, reset_queries
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from families.models import Child
from nursery.auth import has_second_factor, record_completed_login
from nursery.links import reverse
from nursery.models import Role, SiteConfig, User
from nursery.registry import home_panel, panel_alone

LOGIN_BACKEND = "nursery.auth.AccountBackend"
FLOOR_URL = "/no-such-page/"


def people():
    """The demo's people, one of each role: a parent with parental
    responsibility and portal access, the key person of that parent's first
    child, the manager and the DSL."""
    manager = User.objects.with_role(Role.MANAGER).order_by("pk").first()
    dsl = User.objects.filter(email__startswith="dsl@").first()
    parent = (
        User.objects.filter(email__startswith="parent@").first()
        or User.objects.with_role(Role.PARENT).order_by("pk").first()
    )
    child = Child.objects.visible_to(parent).order_by("pk").first()
    return {
        "manager": manager,
        "dsl": dsl,
        "practitioner": child.key_person,
        "parent": parent,
    }, child


def pages(cast, child):
    """(who, URL name, args) for each page measured."""
    return [
        ("manager", "home", []),
        ("manager", "dashboard", []),
        ("manager", "families:roster", []),
        ("manager", "families:child_detail", [child.pk]),
        ("manager", "families:meetings_overdue", []),
        ("manager", "families:checks_due", []),
        ("manager", "families:inbox", []),
        ("manager", "consents:expiring", []),
        ("manager", "consents:outings", []),
        ("manager", "agencies:directory", []),
        ("manager", "agencies:reviews_due", []),
        ("manager", "transitions:move_list", []),
        ("manager", "transitions:transfer_list", []),
        ("manager", "complaints", []),
        ("manager", "events", []),
        ("manager", "accounts", []),
        ("manager", "audit_log", []),
        ("dsl", "home", []),
        ("practitioner", "home", []),
        ("practitioner", "families:roster", []),
        ("practitioner", "families:child_detail", [child.pk]),
        ("parent", "home", []),
        ("parent", "families:child_detail", [child.pk]),
        ("parent", "consents:mine", []),
        ("parent", "families:my_messages", []),
        ("parent", "whats_new", []),
    ]


def logged_in_client(user):
    client = Client()
    client.force_login(user, backend=LOGIN_BACKEND)
    session = client.session
    methods = ("password", "mfa") if has_second_factor(user) else ("password",)
    record_completed_login(session, user, methods=methods)
    session.save()
    return client


def counted(client, url):
    """(the number of queries of one request, its status)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    # Counted now: the log is emptied when the next request starts.
    return len(captured), response.status_code


def measure_beside_floor(client, url, repeat):
    """The page and the floor fetched in turn, `repeat` times each: (median
    ms of the page, median ms of the floor beside it). Whatever slows the
    machine for a moment slows both alike, and neither is measured while
    the process is still warming up more than the other."""
    page, floor = [], []
    for _ in range(repeat):
        for timings, target in ((page, url), (floor, FLOOR_URL)):
            start = time.perf_counter()
            client.get(target)
            timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(page), statistics.median(floor)


class Command(BaseCommand):
    help = "Time the busiest pages on the current database, beside the stack's floor."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=20)
        parser.add_argument("--panels", action="store_true", help="time each home panel on its own")
        parser.add_argument("--calls", action="store_true", help="time a few calls of every list")

    def handle(self, *args, repeat, panels, calls, **options):
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        # As a request is served in production: the plain 404 page (not the
        # debugging one) and no query log kept outside the measured request.
        settings.DEBUG = False
        logging.disable(logging.WARNING)  # the login handlers, and the 404s of the floor
        if calls:
            self.time_calls(repeat)
            return
        cast, child = people()
        if panels:
            self.time_panels(cast, repeat)
            return
        clients = {role: logged_in_client(user) for role, user in cast.items()}
        measured = pages(cast, child)
        # Every page once first: what a process does once (templates read,
        # addresses and rules compiled) is done before anything is timed.
        for role, name, args in measured:
            clients[role].get(reverse(name, args=args))
        floors, rows, shares = {}, [], []
        for role, client in clients.items():
            queries, status = counted(client, FLOOR_URL)
            assert status == 404, f"the floor answered {status} for {role}"
            floors[role] = (queries, [])
        for role, name, args in measured:
            url = reverse(name, args=args)
            client = clients[role]
            queries, status = counted(client, url)
            if status != 200:
                self.stderr.write(f"{name} answered {status} for the {role}")
                continue
            ms, floor = measure_beside_floor(client, url, repeat)
            floors[role][1].append(floor)
            share = floor / ms
            shares.append((share, name, role))
            rows.append(f"{name:<32} {role:<13} {ms:>7.1f} {queries:>8} {share:>8.0%}")
        self.stdout.write(f"{'page':<32} {'who':<13} {'ms':>7} {'queries':>8} {'of floor':>9}")
        for role, (queries, beside) in floors.items():
            ms = statistics.median(beside) if beside else 0
            self.stdout.write(f"{'(floor: no such page)':<32} {role:<13} {ms:>7.1f} {queries:>8}")
        for row in rows:
            self.stdout.write(row)
        reset_queries()
        middle = statistics.median(share for share, *_ in shares)
        slowest = min(shares)
        self.stdout.write(
            f"\nmedian page: {middle:.0%} of the floor's speed; "
            f"slowest: {slowest[1]} ({slowest[2]}) at {slowest[0]:.0%}"
        )

    def time_panels(self, cast, repeat):
        """Each home panel of each person apart: median ms and queries."""
        self.stdout.write(f"{'panel':<40} {'who':<13} {'ms':>7} {'queries':>8}")
        for role, person in cast.items():
            # The account as a request reads it (with its role).
            user = User.objects.get(pk=person.pk)
            user.role  # noqa: B018
            for panel in home_panel.registry:
                if user.role not in panel.roles:
                    continue

                def run(panel=panel, user=user):
                    request = RequestFactory().get("/")
                    request.user = user
                    with SiteConfig.loaded_once():
                        return panel_alone(panel, request)

                run()
                timings = []
                for _ in range(repeat):
                    start = time.perf_counter()
                    run()
                    timings.append((time.perf_counter() - start) * 1000)
                with CaptureQueriesContext(connection) as queries:
                    run()
                self.stdout.write(
                    f"{panel.key:<40} {role:<13} {statistics.median(timings):>7.1f} "
                    f"{len(queries.captured_queries):>8}"
                )

    def time_calls(self, repeat):
        """A choice's label and a portal word, as a list page reads them."""
        from safety.models import Accident

        accident = Accident.objects.first()
        word = "Accidents, incidents and injuries"
        calls = [
            ("get_injury_display() (14 choices)", "en-gb", accident.get_injury_display),
            ("get_kind_display()", "en-gb", accident.get_kind_display),
            ("gettext of a portal word, English", "en-gb", lambda: translation.gettext(word)),
            ("gettext of a portal word, Polish", "pl", lambda: translation.gettext(word)),
        ]
        number = max(repeat, 1) * 100
        self.stdout.write(f"{'call':<40} {'us':>7}")
        for name, language, call in calls:
            with translation.override(language):
                best = min(timeit.repeat(call, number=number, repeat=7)) / number
            self.stdout.write(f"{name:<40} {best * 1e6:>7.2f}")
