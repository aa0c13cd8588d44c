"""Counting many things in one query, and rules built once.

A page that shows a dozen figures (the manager's dashboard, the badges of a
home page) asks the database once, not a dozen times:

    counts = count_many({"overdue": Child.objects.overdue(), "due": ...})
    counts["overdue"]   # an int

Each queryset keeps every filter, join and grouping it has; the database
counts its rows inside one SELECT of scalar subqueries. The querysets must
all use the same database.
"""

import functools

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Case, Count, Q, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils import timezone


def count_sql(queryset):
    """The SQL and parameters of `SELECT COUNT(*)` over `queryset`'s rows."""
    if queryset._fields is not None:
        # values(): its own columns (and grouping) are what is counted.
        inner = queryset.order_by()
    else:
        inner = queryset.order_by().values("pk")
    try:
        sql, params = inner.query.get_compiler(using=inner.db).as_sql()
    except EmptyResultSet:
        # A queryset that can hold no row (`.none()`, `pk__in=[]`): Django
        # writes no SQL for it. It counts nothing.
        return "SELECT 0", []
    return f"SELECT COUNT(*) FROM ({sql}) AS counted", params


def count_many(querysets):
    """{name: queryset} -> {name: number of rows}, in one query (none when
    there is nothing to count)."""
    if not querysets:
        return {}
    names = list(querysets)
    using = {querysets[name].db for name in names}
    if len(using) != 1:
        raise ValueError(f"count_many: querysets on several databases {sorted(using)}")
    parts, params = [], []
    for name in names:
        sql, part_params = count_sql(querysets[name])
        parts.append(f"({sql})")
        params.extend(part_params)
    with connections[using.pop()].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    return dict(zip(names, (int(n) for n in row), strict=True))


def first_rows(queryset, n):
    """(the first `n` rows of `queryset`, how many rows it has in all), in
    one query: the total rides on each row as a window count. A panel that
    shows "the first ten of 42" asks once."""
    if queryset.query.distinct:
        # A window is counted before DISTINCT removes rows: count apart.
        return list(queryset[:n]), queryset.count()
    rows = list(queryset.annotate(_rows_in_all=Window(Count("*")))[:n])
    return rows, (rows[0]._rows_in_all if rows else 0)


def first_rows_of_each(queryset, lists):
    """Several lists drawn from one table, in one query: `lists` maps each
    list's name to (condition, ordering, n), a `Q`, the fields it is sorted
    by (as `order_by` takes them) and how many of its first rows to show.
    Returns {name: (its first `n` rows, how many rows it has in all)}; a row
    in two lists comes in each. A panel that shows "today's absences" and
    "the ten newest messages not yet seen" asks once.

    Each list's place and total are windows over the rows of any list,
    partitioned by whether the row is in that list."""
    anywhere, keep, marks = Q(), Q(), {}
    for i, (condition, ordering, n) in enumerate(lists.values()):
        anywhere |= condition
        inside = Case(When(condition, then=Value(True)), default=Value(False))
        marks[f"_in_{i}"] = inside
        marks[f"_place_{i}"] = Window(RowNumber(), partition_by=[inside], order_by=ordering)
        marks[f"_total_{i}"] = Window(Count("*"), partition_by=[inside])
        keep |= Q(**{f"_in_{i}": True, f"_place_{i}__lte": n})
    rows = list(queryset.filter(anywhere).annotate(**marks).filter(keep))
    result = {}
    for i, (name, (_condition, _ordering, n)) in enumerate(lists.items()):
        # A row of another list may come whatever its place in this one.
        listed = sorted(
            (row for row in rows if getattr(row, f"_in_{i}") and getattr(row, f"_place_{i}") <= n),
            key=lambda row, i=i: getattr(row, f"_place_{i}"),
        )
        result[name] = (listed, getattr(listed[0], f"_total_{i}") if listed else 0)
    return result


def once_per_request(request, key, compute):
    """`compute()`'s answer, worked out once for this request however many
    panels and figures ask (`key` names the question)."""
    answers = request.__dict__.setdefault("_answered", {})
    if key not in answers:
        answers[key] = compute()
    return answers[key]


def built_once(build, *args):
    """`build(*args)`: a queryset built once a day in each process for these
    `args` (plain values: a day, a cutoff), and a fresh copy of it on every
    call, which never shares another's rows.

    For the whole setting's rules (the follow-up lists): building one of
    several selectors cost Django more than the database's answer, and the
    queryset holds only SQL, made of `args` and the day (the rule of the
    children of everyday lists reads "today")."""
    return _built(build, timezone.localdate(), args).all()


@functools.lru_cache(maxsize=64)
def _built(build, day, args):
    return build(*args)
