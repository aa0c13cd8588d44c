"""Helpers shared by the tests of every app."""

import hashlib
import json
import os
from pathlib import Path

from django.apps import apps
from django.db import connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext

# Tables a refused request may legitimately touch: sessions, login
# throttling, the audit log (which records attempts), the one-time form
# token a post claims before its view runs (nursery/once.py), and Django's
# own bookkeeping.
UNWATCHED = {
    "sessions.session",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
    "axes.accessattemptexpiration",
    "nursery.auditevent",
    "nursery.formsubmission",
    "contenttypes.contenttype",
    "auth.permission",
    "admin.logentry",
}


def database_fingerprint():
    """A digest of every row of every watched table: equal before and after a
    request means the request changed nothing."""
    digest = hashlib.sha256()
    for model in apps.get_models(include_auto_created=True):
        if model._meta.label_lower in UNWATCHED or model._meta.proxy:
            continue
        qs: QuerySet = model._default_manager.all().order_by("pk")
        digest.update(model._meta.label_lower.encode())
        for row in qs.values_list():
            digest.update(repr(row).encode())
    return digest.hexdigest()


def count_queries(func):
    with CaptureQueriesContext(connection) as ctx:
        func()
    return len(ctx.captured_queries)


# The exact number of queries each page runs, at 1 and at 50 rows behind
# it, by test: tests/query_counts.json. A change that adds or saves a query
# changes the file, so the diff shows it. To record new counts after such a
# change, run the query tests with QUERY_COUNTS=record (without -n) and
# read the diff.
QUERY_COUNTS = Path(__file__).with_name("query_counts.json")


def _test_key():
    return os.environ["PYTEST_CURRENT_TEST"].rsplit(" ", 1)[0]


_MEASURED = set()


def expected_queries(part=""):
    """The recorded count of the running test (and `part` of it, where it
    measures several pages); None while recording."""
    key = _test_key() + part
    assert key not in _MEASURED, f"{key} is measured twice: name each with part="
    _MEASURED.add(key)
    if os.environ.get("QUERY_COUNTS") == "record":
        return None
    counts = json.loads(QUERY_COUNTS.read_text())
    assert key in counts, f"no query count recorded for {key}: see tests/utils.py"
    return counts[key]


def record_queries(count, part=""):
    counts = json.loads(QUERY_COUNTS.read_text())
    counts[_test_key() + part] = count
    QUERY_COUNTS.write_text(json.dumps(dict(sorted(counts.items())), indent=1) + "\n")


def assert_recorded_count(count, part=""):
    """`count` queries is exactly the recorded count for this test."""
    expected = expected_queries(part)
    if expected is None:
        record_queries(count, part)
        return
    assert count == expected, f"{count} queries, {expected} recorded ({_test_key()}{part})"


def assert_fixed_queries(*, fetch, grow, part=""):
    """Fetch a page with 1 and with 50 rows behind it: both runs take
    exactly the recorded number of queries (tests/query_counts.json).
    `grow(n)` adds n more rows; `fetch()` makes the request and returns the
    response."""
    expected = expected_queries(part)
    grow(1)
    fetch()  # the first request of a session also writes to it
    with CaptureQueriesContext(connection) as small:
        response = fetch()
    assert response.status_code == 200
    grow(49)
    with CaptureQueriesContext(connection) as large:
        response = fetch()
    assert response.status_code == 200
    assert len(large) == len(small), (
        f"{len(small)} queries with 1 row but {len(large)} with 50: a query per row"
    )
    if expected is None:
        record_queries(len(small), part)
    else:
        assert len(small) == expected, f"{len(small)} queries, {expected} recorded:\n" + "\n".join(
            q["sql"][:200] for q in small.captured_queries
        )
    return response


def assert_columns_unread(fetch, model, *columns):
    """Fetch a page (`fetch()`, answering 200) that reads `model`'s table
    and check that no query reads its `columns`: the long texts a list
    does not show, deferred, and not read row by row either. Returns the
    response."""
    table = model._meta.db_table
    with CaptureQueriesContext(connection) as ctx:
        response = fetch()
    assert response.status_code == 200
    reads = [q["sql"] for q in ctx if f'"{table}"' in q["sql"]]
    assert reads, f"the page does not read {table}"
    for column in columns:
        assert not [sql for sql in reads if f'"{table}"."{column}"' in sql], column
    return response


def run_tasks(*, rounds=10):
    """Run the task worker over every task waiting now, in this test's
    database, the way `manage.py db_worker` does (django-tasks-db's own
    worker, in batch mode), again while tasks enqueue more.

    Two things differ from a real worker because a test runs inside one
    transaction that never commits: the callbacks a task leaves for "after
    commit" (the emails it queues) run when its round ends, and the worker's
    closing of old connections (which on PostgreSQL closes the test's
    transaction) is skipped."""
    from unittest import mock

    from django.core.management import call_command
    from django.test import TestCase
    from django_tasks_db.models import DBTaskResult

    for _round in range(rounds):
        failed = DBTaskResult.objects.failed().first()
        assert failed is None, f"A task failed: {failed.task_path}\n{failed.traceback}"
        if not waiting_tasks():
            return
        with (
            mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"),
            TestCase.captureOnCommitCallbacks(execute=True),
        ):
            call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)
    raise AssertionError(f"Tasks still waiting after {rounds} rounds: {waiting_tasks()}")


def waiting_tasks(name=None):
    """The tasks waiting in the queue (their dotted paths), for assertions."""
    from django_tasks_db.models import DBTaskResult

    qs = DBTaskResult.objects.ready()
    if name:
        qs = qs.filter(task_path__endswith=name)
    return list(qs.values_list("task_path", flat=True))


def committed():
    """A block whose "after commit" callbacks run at its end, as when the
    transaction of a real request commits (a test's never does)."""
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


def told(kind):
    """{email: channel} of the people told of `kind` (their What's new items)."""
    from nursery.models import Notification

    return dict(Notification.objects.filter(kind=kind).values_list("recipient__email", "channel"))


def emailed():
    """Run the worker, then the sorted addresses that got an email."""
    from django.core import mail

    run_tasks()
    return sorted(address for message in mail.outbox for address in message.to)
