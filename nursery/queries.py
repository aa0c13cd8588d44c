"""Counting many things in one query, and rules built once.

A page that shows a dozen figures (the manager's dashboard, the badges of a
home page) asks the database once, not a dozen times:

    counts = count_many({"overdue": Child.objects.overdue(), "due": ...})
    counts["overdue"]   # an int

Each queryset keeps every filter, join and grouping it has; the database
counts its rows inside one SELECT of scalar subqueries. The querysets must
all use the same database.
"""

import contextvars
import copy
import functools
import re
from datetime import UTC, date, datetime, timedelta

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
    names, sql, params, using = _count_many_sql(querysets)
    return _run_counts(names, sql, params, using)


def _count_many_sql(querysets):
    """(names, the SQL and parameters counting each queryset's rows in one
    SELECT, the database they use)."""
    names = list(querysets)
    using = {querysets[name].db for name in names}
    if len(using) != 1:
        raise ValueError(f"count_many: querysets on several databases {sorted(using)}")
    parts, params = [], []
    for name in names:
        sql, part_params = count_sql(querysets[name])
        parts.append(f"({sql})")
        params.extend(part_params)
    return names, "SELECT " + ", ".join(parts), params, using.pop()


def _run_counts(names, sql, params, using):
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return dict(zip(names, (int(n) for n in row), strict=True))


def first_rows_query(queryset, lists):
    """Several lists drawn from one table, in one query: `lists` maps each
    list's name to (condition, ordering, n), a `Q`, the fields it is sorted
    by (as `order_by` takes them) and how many of its first rows to show.
    A panel that shows "today's absences" and "the ten newest messages not
    yet seen" asks once (`split_first_rows` parts its rows).

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
    return queryset.filter(anywhere).annotate(**marks).filter(keep)


def split_first_rows(rows, lists):
    """The rows of `first_rows_query`, each list's apart: {name: (its first
    `n` rows, how many rows it has in all)}, a row in two lists in each
    (`lists`: its lists, or only their names and sizes: {name: (any, any,
    n)})."""
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


# Rules compiled once --------------------------------------------------------
#
# Building a rule's queryset and compiling it to SQL cost Django more than
# the database's answer on the home pages (a parent's "Waiting for you":
# twelve milliseconds of Python for one query). `compiled_rows` does both
# once in each process for each shape of a rule's inputs, and afterwards
# only puts the inputs in their places.


class NotCompilable(Exception):
    """A rule's SQL depends on more than the inputs it was given: a value
    worked out from them (`today - 14 days`), the clock, or a query run
    while it was built. It must be given that value as an input."""


class _Probe:
    """Stand-in values of each kind, unlike any a rule could hold, and
    distinct from one probe to the other."""

    def __init__(self, seed):
        self.seed = seed
        self.count = 0

    def next(self):
        self.count += 1
        return self.seed * 100_000 + self.count

    def value(self, kind, real):
        if kind == "int":
            return 1_900_000_000 + self.next()
        if kind == "str":
            return f"\x1fprobe{self.next()}"
        if kind == "date":
            return date(1901, 1, 1) + timedelta(days=self.next() % 30_000)
        if kind == "datetime":
            return datetime(1901, 1, 1, tzinfo=UTC) + timedelta(seconds=self.next())
        if kind == "ints":
            return [1_900_000_000 + self.next() for _ in range(real)]
        if kind == "user":
            return self.user(*real)
        return real  # structural: the same in both probes, and in the key

    def user(self, model, _is_authenticated, role, flags):
        """An account with the real one's role and flags, whose other
        fields are values no rule may read (a rule that reads them is
        caught: they differ from one probe to the other)."""
        user = model()
        booleans = iter(flags)
        for field in model._meta.concrete_fields:
            if field.primary_key:
                setattr(user, field.attname, 1_900_000_000 + self.next())
            elif field.get_internal_type() == "BooleanField":
                setattr(user, field.attname, next(booleans))
            else:
                setattr(user, field.attname, object())
        user.__dict__["role"] = role
        return user


class fixed:
    """An input the rule's SQL is made of, not a parameter: a setting's
    interval that the rule turns into dates, say. Its value is part of the
    shape (a new value compiles the rule anew) and reaches `build` as it
    is: `compiled_rows(..., weeks=fixed(6))`."""

    __slots__ = ("value",)

    def __init__(self, value):
        hash(value)
        self.value = value


def _kind(value):
    from nursery.models import User

    if isinstance(value, (bool, fixed)) or value is None:
        return "const"
    if isinstance(value, int):
        return "int"
    if isinstance(value, str):
        return "str"
    if isinstance(value, datetime):
        return "datetime"
    if isinstance(value, date):
        return "date"
    if isinstance(value, (list, tuple)) and all(
        isinstance(v, int) and not isinstance(v, bool) for v in value
    ):
        return "ints"
    if isinstance(value, User):
        return "user"
    raise TypeError(f"compiled_rows: an input of type {type(value).__name__}")


def _shape(kind, value):
    """What of an input the SQL may depend on: a constant's value, a list's
    length, an account's model, role and flags; nothing of the others."""
    if kind == "const":
        return value.value if isinstance(value, fixed) else value
    if kind == "ints":
        return _bucket(len(value))
    if kind == "user":
        flags = tuple(
            getattr(value, f.attname)
            for f in value._meta.concrete_fields
            if f.get_internal_type() == "BooleanField"
        )
        return (value._meta.model, value.is_authenticated, value.role, flags)
    return None


def _width(kind, shape):
    """How many of a query's parameters an input of `kind` and `shape`
    gives: a set of ids its bucket's length, a constant none, any other
    one (an account its id)."""
    if kind == "ints":
        return shape
    if kind == "const":
        return 0
    return 1


def _flatten(kind, value):
    """The values an input contributes to a query's parameters: as many as
    `_width` says."""
    if kind == "ints":
        # A set of ids (for `__in`): the last repeated up to its bucket.
        return [*value, *value[-1:] * (_width(kind, _shape(kind, value)) - len(value))]
    if kind == "user":
        return [value.pk]
    if kind == "const":
        return []
    return [value]


class _QueriedWhileBuilt(NotCompilable):
    pass


def _no_queries(execute, sql, params, many, context):
    raise _QueriedWhileBuilt(f"a query ran while the rule was built: {sql[:200]}")


def _bucket(n):
    """The length a list of ids is given as: the next power of two, so that
    a rule has a few shapes, not one for each length."""
    return 0 if n == 0 else 1 << (n - 1).bit_length()


class _Compiled:
    """A rule's SQL and what runs it (a queryset and its compiler, or the
    names of the figures counted), with the place of each input."""

    def __init__(self, runner, sql, slots, moments):
        self.runner = runner
        self.sql = sql
        # For each parameter: ("const", value), (input index, adapter), or
        # on PostgreSQL ("array", index of a set's first id, its length).
        self.slots = slots
        # ((name, compute), ...): the moments the rule is made of, after its
        # inputs.
        self.moments = moments

    def params(self, flat):
        if self.moments:
            flat = [*flat, *(compute() for _name, compute in self.moments)]
        return tuple(_param(slot, flat) for slot in self.slots)


def _param(slot, flat):
    if slot[0] == "const":
        return slot[1]
    if slot[0] == "array":
        _kind, start, length = slot
        # Plain ints (an int enum among them would be an array of two types).
        return [int(v) for v in flat[start : start + length]]
    return slot[1](flat[slot[0]])


_PLACEHOLDER = re.compile(r"%%|%s")


def _as_arrays(sql, slots, kinds, reals):
    """On PostgreSQL, each set of ids written `IN (%s, %s, ...)` sent as
    one array instead, `= ANY(%s)`: the same rows, one parameter rather
    than hundreds. psycopg keeps the parsing of a query only for one of at
    most 50 parameters and reads each parameter afresh: the safety marks of
    600 children spent half their time there. (`x IN (a, b)` and `x =
    ANY('{a,b}')` are the same test, a NULL `x` included.)"""
    starts, offset = {}, 0
    for key, kind in kinds.items():
        if kind == "ints" and reals[key] > 1:
            starts[offset] = reals[key]
        offset += _width(kind, reals[key])
    if not starts:
        return sql, slots
    places = [m.start() for m in _PLACEHOLDER.finditer(sql) if m.group() == "%s"]
    if len(places) != len(slots):
        return sql, slots
    pieces, kept, cut, j = [], [], 0, 0
    while j < len(slots):
        length = starts.get(slots[j][0]) if slots[j][0] != "const" else None
        if length and _is_run(slots, j, length):
            head = places[j] - len("IN (")
            tail = places[j + length - 1] + len("%s)")
            written = "IN (" + ", ".join(["%s"] * length) + ")"
            if (
                sql[head:tail] == written
                # Django writes a negation `NOT (x IN (...))`; `x NOT IN`
                # would not read as `x NOT = ANY(...)`.
                and not sql[:head].rstrip().upper().endswith("NOT")
                and all(type(slots[k][1](1)) is int for k in range(j, j + length))
            ):
                pieces.append(sql[cut:head] + "= ANY(%s)")
                cut = tail
                kept.append(("array", slots[j][0], length))
                j += length
                continue
        kept.append(slots[j])
        j += 1
    pieces.append(sql[cut:])
    return "".join(pieces), kept


def _is_run(slots, j, length):
    """Whether the `length` slots from `j` are one input's ids in order."""
    first = slots[j][0]
    return j + length <= len(slots) and all(slots[j + k][0] == first + k for k in range(length))


def _rows_sql(queryset):
    """(what runs the rule: the queryset and its compiler, the database it
    uses, its SQL (None when it can hold no row) and parameters)."""
    compiler = queryset.query.get_compiler(using=queryset.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        sql, params = None, ()
    return (queryset, compiler), queryset.db, sql, params


def _counts_sql(querysets):
    """As `_rows_sql`, for {name: queryset} counted in one query."""
    if not querysets:
        return [], None, None, ()
    names, sql, params, using = _count_many_sql(querysets)
    return names, using, sql, params


def _adapters(ops, value, param):
    """The ways a database may receive `value` as `param`: as it is, as its
    backend writes a date or a moment (SQLite: as text), in the type that
    says which it is (PostgreSQL: an id selected as a value is an `Int4`),
    or a word as the pattern that finds it."""
    adapters = [lambda v: v]
    if type(param) not in (type(value), bool) and isinstance(param, type(value)):
        adapters.append(type(param))
    if isinstance(value, str):
        # A word searched for (`icontains`, `startswith`...), as the
        # pattern of a LIKE.
        adapters.extend(
            lambda v, pattern=pattern: pattern % ops.prep_for_like_query(v)
            for pattern in ("%%%s%%", "%s%%", "%%%s")
        )
    if isinstance(value, datetime):
        adapters.append(ops.adapt_datetimefield_value)
    elif isinstance(value, date):
        adapters.append(ops.adapt_datefield_value)
    return adapters


def _probes(build, to_sql, kinds, reals, connection, config):
    """The rule built and compiled with two probes' stand-ins, running no
    query; each reads the setting's configuration afresh, so that a rule
    that reads it is caught (it may change while the process runs), unless
    the rule is compiled with its values (`config`)."""
    built = []
    for seed in (1, 2):
        probe = _Probe(seed)
        stand_ins = {key: probe.value(kinds[key], reals[key]) for key in kinds}
        with _config_given(config), connection.execute_wrapper(_no_queries):
            rule, moments = _run_build(build, stand_ins, probe)
            runner, db, sql, params = to_sql(rule)
        flat = [v for key in kinds for v in _flatten(kinds[key], stand_ins[key])]
        flat.extend(stand_in for _compute, stand_in in moments.values())
        computes = tuple((name, compute) for name, (compute, _) in moments.items())
        built.append((runner, db, sql, tuple(params), flat, computes))
    return built


_moments_asked = contextvars.ContextVar("moments_asked", default=None)


def moment(name, compute):
    """A moment a rule is made of that is worked out from the clock (a
    cutoff: "six months ago"): `compute()`. While the rule is compiled, a
    stand-in, so that the moment becomes one of its inputs, worked out
    afresh (`compute()`) each time the rule runs. `name` says which
    moment it is: the same name, the same `compute`."""
    compiling = _moments_asked.get()
    if compiling is None:
        return compute()
    probe, asked = compiling
    if name not in asked:
        asked[name] = (compute, probe.value("datetime", None))
    return asked[name][1]


def _run_build(build, inputs, probe):
    """`build(**inputs)`, and the moments it asked for: {name: (compute,
    stand-in)}, each stand-in drawn from `probe`."""
    asked = {}
    token = _moments_asked.set((probe, asked))
    try:
        built = build(**inputs)
    finally:
        _moments_asked.reset(token)
    return built, asked


def _config_given(config):
    """A block in which the setting's configuration is read afresh (None),
    or is `config` (its values, in the order of `SiteConfig.FIELDS`)
    without a query."""
    from nursery.models import SiteConfig

    return SiteConfig.loaded_once(config)


def _compile(name, build, to_sql, kinds, reals, using, config=None):
    """Build the rule with two probes' stand-ins, compile both, and keep the
    first with the place of each input: the two must write the same SQL,
    and every parameter that differs between them must be an input."""
    connection = connections[using]
    try:
        built = _probes(build, to_sql, kinds, reals, connection, config)
    except _QueriedWhileBuilt:
        # A first build fills the caches of what never changes while the
        # process runs (content types); the probes then may run no query.
        probe = _Probe(3)
        with _config_given(config):
            _run_build(build, {key: probe.value(kinds[key], reals[key]) for key in kinds}, probe)
        built = _probes(build, to_sql, kinds, reals, connection, config)
    (runner, db, sql, params, flat, computes), (_, _, sql_b, params_b, flat_b, computes_b) = built
    if db not in (None, using):
        raise NotCompilable(f"{name}: built on {db}, asked on {using}")
    if sql != sql_b or len(params) != len(params_b) or computes != computes_b:
        raise NotCompilable(f"{name}: its SQL depends on the inputs' values")
    if sql is None:
        return None
    slots = []
    soon = timezone.now()
    for a, b in zip(params, params_b, strict=True):
        if _same(a, b):
            moment = _moment(a)
            if moment is not None and abs(moment - soon) < timedelta(days=400):
                # The clock read while it was built (the same in both builds
                # when a test stops time): give the moment as an input.
                raise NotCompilable(f"{name}: a moment near now ({a}) is built in")
            slots.append(("const", a))
            continue
        for index, (va, vb) in enumerate(zip(flat, flat_b, strict=True)):
            adapter = next(
                (
                    ad
                    for ad in _adapters(connection.ops, va, a)
                    if _same(ad(va), a) and _same(ad(vb), b)
                ),
                None,
            )
            if adapter is not None:
                slots.append((index, adapter))
                break
        else:
            raise NotCompilable(f"{name}: a parameter ({a!r}) is worked out from the inputs")
    if connection.vendor == "postgresql":
        sql, slots = _as_arrays(sql, slots, kinds, reals)
    return _Compiled(runner, sql, slots, computes)


def _moment(value):
    """`value` as a moment when it is one (SQLite's are text, in UTC)."""
    if isinstance(value, str) and 19 <= len(value) <= 32:
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return None
    if not isinstance(value, datetime):
        return None
    return value if timezone.is_aware(value) else value.replace(tzinfo=UTC)


def _same(x, y):
    return type(x) is type(y) and x == y


@functools.lru_cache(maxsize=512)
def _compiled(name, build, to_sql, shapes, context, using, config):
    kinds = {key: kind for key, kind, _shape in shapes}
    reals = {key: shape for key, _kind, shape in shapes}
    return _compile(name, build, to_sql, kinds, reals, using, config)


class _OutOfRange(Exception):
    """An input id no integer column can hold (typed in a URL)."""


def _entry(name, build, to_sql, inputs, using, reads_config=False):
    """(the rule compiled for the shape of `inputs` (and with `reads_config`,
    the setting's configuration), or None when it can hold no row; the
    values its parameters are drawn from)."""
    from django.utils import translation

    from nursery.models import SiteConfig

    kinds = {key: _kind(value) for key, value in inputs.items()}
    flat = [v for key, value in inputs.items() for v in _flatten(kinds[key], value)]
    low, high = connections[using].ops.integer_field_range("IntegerField")
    if any(isinstance(v, int) and not low <= v <= high for v in flat):
        raise _OutOfRange
    shapes = tuple((key, kinds[key], _shape(kinds[key], value)) for key, value in inputs.items())
    context = (
        timezone.localdate(),
        translation.get_language(),
        timezone.get_current_timezone_name(),
    )
    config = None
    if reads_config:
        loaded = SiteConfig.load()
        config = tuple(getattr(loaded, field) for field in SiteConfig.FIELDS)
    return _compiled(name, build, to_sql, shapes, context, using, config), flat


def _plain(inputs):
    return {k: v.value if isinstance(v, fixed) else v for k, v in inputs.items()}


def compiled_rows(name, build, *, using=None, reads_config=False, **inputs):
    """`list(build(**inputs))`, the rule `build` compiled to SQL once in each
    process for each shape of its inputs (their kinds, the length of each
    list, an account's role and flags, the day, the language, the time
    zone), and afterwards run with the inputs in their places.

    Inputs are plain values: ints, strings, dates, datetimes, lists of ints,
    an account, and None, booleans and `fixed(value)` (which the rule may
    branch on or work with: they are part of the shape). `build` must read
    nothing else that changes: not the clock (give it the day or the moment
    as an input), not the database (it runs no query while it is built),
    not an account's fields other than its id, role and flags. A list of
    ints is a set of ids, for `__in` (its last id may come again). Anything
    else it reads is caught when it is compiled (`NotCompilable`), as two
    builds with different stand-ins must write the same SQL and differ only
    in the inputs.

    A rule may read the setting's configuration only when compiled with
    `reads_config` (its values are then part of the shape); a moment worked
    out from the clock, only through `moment()`.

    The rows are those of the queryset: model instances (with their
    `select_related` and `prefetch_related`), or the tuples and dicts of
    `values_list` and `values`."""
    from django.db import DEFAULT_DB_ALIAS

    using = using or DEFAULT_DB_ALIAS
    try:
        entry, flat = _entry(name, build, _rows_sql, inputs, using, reads_config)
    except _OutOfRange:
        # An id no row can have (typed in a URL): Django's own lookups say
        # what matches it, rather than the database refusing the number.
        return list(build(**_plain(inputs)))
    if entry is None:
        return []
    built, compiler = entry.runner
    compiler = copy.copy(compiler)
    compiler.connection = connections[using]
    sql, params = entry.sql, entry.params(flat)
    compiler.as_sql = lambda *args, **kwargs: (sql, params)
    queryset = built._chain()
    queryset.query.get_compiler = lambda *args, **kwargs: compiler
    return list(queryset)


def compiled_counts(name, build, *, using=None, reads_config=False, **inputs):
    """`count_many(build(**inputs))`, in one query, `build` (which returns
    {name: queryset}) compiled once in each process for each shape of its
    inputs, as `compiled_rows` compiles a rule, and under the same guards.
    With `reads_config`, the rules may read the setting's configuration
    (`SiteConfig.load()`): its values are part of the shape, so that a
    change compiles them anew; a moment worked out from the clock reaches
    them through `moment()`."""
    from django.db import DEFAULT_DB_ALIAS

    using = using or DEFAULT_DB_ALIAS
    try:
        entry, flat = _entry(name, build, _counts_sql, inputs, using, reads_config)
    except _OutOfRange:
        return count_many(build(**_plain(inputs)))
    if entry is None:
        return {}
    return _run_counts(entry.runner, entry.sql, entry.params(flat), using)


class CompiledList:
    """A rule's rows as Django's paginator reads them (counted, then one
    page sliced), each compiled once as `compiled_rows` compiles a rule:
    `Paginator(CompiledList("families.overdue", build, weeks=fixed(8)), 50)`.
    The rule must be ordered (it is refused when it is compiled if not: a
    page of an unordered rule may hold any rows), so the paginator need
    not warn."""

    ordered = True

    def __init__(self, name, build, *, reads_config=False, **inputs):
        self.name = name
        self.build = build
        self.reads_config = reads_config
        self.inputs = inputs
        self._count = None

    def count(self):
        if self._count is None:
            self._count = compiled_counts(
                self.name,
                _counted,
                reads_config=self.reads_config,
                rule=fixed(self.build),
                **self.inputs,
            )["rows"]
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step is not None:
            raise TypeError("CompiledList: a page is a slice of rows")
        start, stop = index.start or 0, index.stop
        if stop is not None and stop == self._count:
            # The last page, which ends with the rows: as many more may be
            # asked for, so that a list one row longer is not compiled anew.
            stop = start + _bucket(stop - start)
        rows = compiled_rows(
            self.name,
            _sliced,
            reads_config=self.reads_config,
            rule=fixed(self.build),
            start=fixed(start),
            stop=fixed(stop),
            **self.inputs,
        )
        return rows[: index.stop - start] if index.stop is not None else rows


def _counted(rule, **inputs):
    return {"rows": rule(**inputs)}


def _sliced(rule, start, stop, **inputs):
    rows = rule(**inputs)
    if not rows.ordered:
        raise NotCompilable(f"{rule.__qualname__}: a list paged must be ordered")
    return rows[start:stop]


def forget_built_rules():
    """Drop every rule built or compiled so far: their SQL holds the ids of
    content types, which a database migrated or flushed anew may give
    again differently (tests do; a running portal never does)."""
    _built.cache_clear()
    _compiled.cache_clear()
