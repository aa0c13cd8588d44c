"""Counting many things in one query.

A page that shows a dozen figures (the manager's dashboard, the badges of a
home page) asks the database once, not a dozen times:

    counts = count_many({"overdue": Child.objects.overdue(), "due": ...})
    counts["overdue"]   # an int

Each queryset keeps every filter, join and grouping it has; the database
counts its rows inside one SELECT of scalar subqueries. The querysets must
all use the same database.
"""

from django.db import connections


def count_sql(queryset):
    """The SQL and parameters of `SELECT COUNT(*)` over `queryset`'s rows."""
    inner = queryset.order_by().values("pk")
    sql, params = inner.query.get_compiler(using=inner.db).as_sql()
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
