"""Counting many things in one query.

A page that shows a dozen figures (the manager's dashboard, the badges of a
home page) asks the database once, not a dozen times:

    counts = count_many({"overdue": Child.objects.overdue(), "due": ...})
    counts["overdue"]   # an int

Each queryset keeps every filter, join and grouping it has; the database
counts its rows inside one SELECT of scalar subqueries. The querysets must
all use the same database.
"""

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q, Window
from django.db.models.functions import RowNumber


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


def once_per_request(request, key, compute):
    """`compute()`'s answer, worked out once for this request however many
    panels and figures ask (`key` names the question)."""
    answers = request.__dict__.setdefault("_answered", {})
    if key not in answers:
        answers[key] = compute()
    return answers[key]


def first_rows_each(queryset, parts):
    """Several lists from one table in one query: `parts` is {name: (a Q
    saying which rows belong to the list, its order as a list of
    expressions or field names, how many rows it shows or None for all)},
    and the answer {name: (its rows in its order, how many rows it has in
    all)}. A row may belong to several lists. A panel that shows "today's
    absences" and "the first five messages not yet seen" asks once.

    Each list is ranked and counted by a window over its own rows; the
    database keeps only the rows some list shows. The queryset must not be
    DISTINCT (a window is counted before DISTINCT removes rows)."""
    assert not queryset.query.distinct, "first_rows_each: a DISTINCT queryset"
    names = list(parts)
    anywhere = Q()
    for name in names:
        anywhere |= parts[name][0] or Q(pk__isnull=False)
    flags, windows, shown = {}, {}, Q()
    for i, name in enumerate(names):
        rule, order, n = parts[name]
        # An empty Q (every row) would drop out of the OR and the flag.
        rule = rule or Q(pk__isnull=False)
        flags[f"_in_{i}"] = ExpressionWrapper(rule, output_field=BooleanField())
        order_by = [
            o if not isinstance(o, str) else F(o[1:]).desc() if o.startswith("-") else F(o).asc()
            for o in order
        ]
        windows[f"_rank_{i}"] = Window(RowNumber(), partition_by=[F(f"_in_{i}")], order_by=order_by)
        windows[f"_total_{i}"] = Window(Count("*"), partition_by=[F(f"_in_{i}")])
        shown |= (
            Q(**{f"_in_{i}": True}) if n is None else Q(**{f"_in_{i}": True, f"_rank_{i}__lte": n})
        )
    rows = list(queryset.filter(anywhere).annotate(**flags).annotate(**windows).filter(shown))
    found = {}
    for i, name in enumerate(names):
        n = parts[name][2]
        # A row another list shows may belong to this one beyond its first n.
        mine = sorted(
            (
                row
                for row in rows
                if getattr(row, f"_in_{i}") and (n is None or getattr(row, f"_rank_{i}") <= n)
            ),
            key=lambda row, i=i: getattr(row, f"_rank_{i}"),
        )
        found[name] = (mine, getattr(mine[0], f"_total_{i}") if mine else 0)
    return found


def first_rows_many(querysets):
    """{name: queryset, sliced to the rows it shows or not} -> {name: (its
    rows, how many rows it has in all)}, asking once for each table: the
    querysets of one model that read the same columns and related rows are
    read together (`first_rows_each`), each keeping its own filters, order
    and slice. A queryset with annotations, DISTINCT or an offset is read
    on its own. Home pages read their panels' lists this way."""
    groups = {}
    for name, queryset in querysets.items():
        query = queryset.query
        alone = bool(query.annotations or query.distinct or query.extra or query.low_mark)
        shape = (
            queryset.model,
            repr(query.select_related),
            repr(query.deferred_loading),
            name if alone else "",
        )
        groups.setdefault(shape, {})[name] = queryset
    found = {}
    for group in groups.values():
        if len(group) == 1:
            [(name, queryset)] = group.items()
            found[name] = _first_rows_alone(queryset)
            continue
        some = next(iter(group.values()))
        # The rows are chosen by each queryset's own filters (by key).
        base = some.model._base_manager.all()
        base.query.select_related = some.query.select_related
        base.query.deferred_loading = some.query.deferred_loading
        parts = {}
        for name, queryset in group.items():
            query = queryset.query
            order = list(query.order_by) or (
                list(queryset.model._meta.ordering) if query.default_ordering else []
            )
            inner = queryset._chain()
            inner.query.clear_limits()
            parts[name] = (Q(pk__in=inner.order_by().values("pk")), [*order, "pk"], query.high_mark)
        found.update(first_rows_each(base, parts))
    return found


def _first_rows_alone(queryset):
    query = queryset.query
    whole = queryset._chain()
    whole.query.clear_limits()
    if query.low_mark:
        return list(queryset), whole.count()
    if query.high_mark is None:
        rows = list(queryset)
        return rows, len(rows)
    return first_rows(whole, query.high_mark)
