"""Many rows into one table with one statement, as SQLAlchemy's executemany writes them.

A bulk job writes thousands of rows per table in a batch. SQLAlchemy builds a parameter
dictionary for every row and converts each value on its own (the same `now` thousands of
times); on SQLite this writes the very same values — the column types' own conversions,
the columns' plain defaults — straight to the driver's executemany, converting each distinct
value of a column once. Anything else (another database, a default worked out per row) goes
through SQLAlchemy as before.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from typing import Any, cast

from sqlalchemy import (
    BindParameter,
    ClauseElement,
    Connection,
    Dialect,
    Executable,
    String,
    Table,
    TypeDecorator,
    insert,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import sqltypes
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.schema import ScalarElementColumnDefault

from app.models.audit_changes import json_encoder

_Convert = Callable[[Any], Any]


class JsonText(str):
    """A JSON column's value already encoded: `insert_rows` stores this text as it is on
    SQLite (where JSON is text), and hands SQLAlchemy the `value` it encodes elsewhere."""

    __slots__ = ("value",)
    value: Any

    def __new__(cls, text: str, value: Any) -> JsonText:
        made = super().__new__(cls, text)
        made.value = value
        return made


def json_text(value: dict[str, Any]) -> JsonText:
    """A dict encoded once, as `insert_rows` would encode it for a JSON column."""
    return JsonText(_dumps(value), value)


def json_with(base: JsonText, more: dict[str, Any]) -> JsonText:
    """`json_text({**base.value, **more})`, written on from `base`'s text when `more` only adds
    keys: the notices of one cancelled session share its facts and add each client's name."""
    value = {**base.value, **more}
    if not base.value or len(value) != len(base.value) + len(more):  # empty, or a key replaced
        return json_text(value)
    tail = "".join([f", {_dumps(k)}: {_dumps(v)}" for k, v in more.items()])
    return JsonText(f"{base[:-1]}{tail}}}", value)


_Plan = tuple[str, tuple[str, ...], tuple[_Convert | None, ...], dict[str, Any]]
_plans: weakref.WeakKeyDictionary[Dialect, dict[tuple[Table, tuple[str, ...]], _Plan | None]] = (
    weakref.WeakKeyDictionary()
)


def _plan(dialect: Dialect, t: Table, keys: tuple[str, ...]) -> _Plan | None:
    """The INSERT's text, its parameters' order and converters, and the defaults it fills in."""
    compiled = insert(t).compile(dialect=dialect, column_keys=list(keys))
    order = tuple(compiled.positiontup or ())
    defaults: dict[str, Any] = {}
    for column in compiled.insert_prefetch:
        if column.key in keys:
            continue
        default = column.default
        if not isinstance(default, ScalarElementColumnDefault):
            return None  # worked out per row: SQLAlchemy's own executemany does that
        defaults[column.key] = default.arg
    if set(order) != set(keys) | set(defaults):
        return None
    return str(compiled), order, _processors(compiled, order), defaults


def _insert_plan(dialect: Dialect, t: Table, keys: tuple[str, ...]) -> _Plan | None:
    """The INSERT's plan on SQLite (made once per table and keys); None elsewhere."""
    if dialect.name != "sqlite" or dialect.paramstyle != "qmark":
        return None
    known = _plans.setdefault(dialect, {})
    if (t, keys) not in known:
        known[t, keys] = _plan(dialect, t, keys)
    return known[t, keys]


def insert_rows(conn: Connection, t: Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT every row (all with the same keys) in one executemany; nothing when empty."""
    if not rows:
        return
    keys = tuple(rows[0])
    plan = _insert_plan(conn.dialect, t, keys)
    columns = _columns(plan, keys, rows) if plan is not None else None
    if plan is None or columns is None:  # SQLAlchemy's own executemany (and its message)
        conn.execute(insert(t), _values_of(rows))
        return
    conn.exec_driver_sql(plan[0], list(zip(*columns, strict=True)))


def insert_returning(
    conn: Connection, t: Table, rows: Sequence[dict[str, Any]], *returning: str
) -> list[tuple[Any, ...]]:
    """INSERT every row (all with the same keys); the `returning` columns of the new rows, in
    no particular order (several rows to a statement, as SQLAlchemy sends them)."""
    if not rows:
        return []
    dialect = conn.dialect
    keys = tuple(rows[0])
    plan = _insert_plan(dialect, t, keys) if dialect.insert_returning else None
    columns = _columns(plan, keys, rows) if plan is not None else None
    if plan is None or columns is None:
        stmt = insert(t).returning(*(t.c[name] for name in returning))
        return [tuple(row) for row in conn.execute(stmt, _values_of(rows))]
    sql, order = plan[0], plan[1]
    group = "(" + ", ".join("?" * len(order)) + ")"
    head, values, tail = sql.partition(" VALUES " + group)
    if not values or tail:
        raise AssertionError(f"unexpected INSERT: {sql}")
    quoted = ", ".join(dialect.identifier_preparer.quote(name) for name in returning)
    params = list(zip(*columns, strict=True))
    per = max(1, min(dialect.insertmanyvalues_page_size,
                     dialect.insertmanyvalues_max_parameters // max(1, len(order))))  # fmt: skip
    out: list[tuple[Any, ...]] = []
    for start in range(0, len(params), per):
        chunk = params[start : start + per]
        text = f"{head} VALUES {', '.join([group] * len(chunk))} RETURNING {quoted}"
        flat = [value for row in chunk for value in row]
        out.extend(tuple(row) for row in conn.exec_driver_sql(text, tuple(flat)))
    return out


def _values_of(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows as SQLAlchemy takes them: each `JsonText` as the value it encodes."""
    return [
        {k: v.value if type(v) is JsonText else v for k, v in row.items()}
        if any(type(v) is JsonText for v in row.values())
        else row
        for row in rows
    ]


def _columns(
    plan: _Plan, keys: tuple[str, ...], rows: Sequence[dict[str, Any]]
) -> list[list[Any]] | None:
    """The plan's parameters, column by column, converted; None when a row has other keys."""
    _sql, order, processors, defaults = plan
    if any(len(row) != len(keys) for row in rows):
        return None
    columns = []
    try:
        for name, process in zip(order, processors, strict=True):
            if name in defaults:
                values = [defaults[name]] * len(rows)
            else:
                values = [row[name] for row in rows]
            columns.append(values if process is None else _converted(values, process))
    except KeyError:
        return None
    return columns


_statements: weakref.WeakKeyDictionary[Dialect, dict[tuple[str, tuple[str, ...]], _Plan]] = (
    weakref.WeakKeyDictionary()
)


def execute_rows(
    conn: Connection,
    name: str,
    build: Callable[[], Executable],
    rows: Sequence[dict[str, Any]],
    same: dict[str, Any] | None = None,
) -> int:
    """Run the statement `build()` makes once per row (rows all with the same keys); the rows
    it changed, as the driver counts them. `same`: parameters with one value for every row of
    this call (the moment it runs), given once instead of in each row.

    `name` names the statement: every value that changes from one call to the next is a
    bindparam the rows (or `same`) give, the rest of it never changes, so one compiled form
    serves.
    """
    if not rows:
        return 0
    shared = same or {}
    dialect = conn.dialect
    if dialect.name != "sqlite" or dialect.paramstyle != "qmark":
        return conn.execute(build(), [{**row, **shared} for row in rows]).rowcount
    keys = (*rows[0], *shared)
    known = _statements.setdefault(dialect, {})
    plan = known.get((name, keys))
    if plan is None:
        statement = cast(ClauseElement, build())
        compiled = cast(SQLCompiler, statement.compile(dialect=dialect, column_keys=list(keys)))
        order = tuple(compiled.positiontup or ())
        fixed = {n: compiled.binds[n].effective_value for n in order if n not in keys}
        plan = known[name, keys] = (str(compiled), order, _processors(compiled, order), fixed)
    sql, order, converters, fixed = plan
    columns = []
    n_rows = len(rows)
    try:
        for n, process in zip(order, converters, strict=True):
            if n in shared or n in fixed:
                value = shared[n] if n in shared else fixed[n]
                columns.append([value if process is None else process(value)] * n_rows)
                continue
            values = [row[n] for row in rows]
            columns.append(values if process is None else _converted(values, process))
    except KeyError:  # rows with other keys than the first: SQLAlchemy says which
        return conn.execute(build(), [{**row, **shared} for row in rows]).rowcount
    return conn.exec_driver_sql(sql, list(zip(*columns, strict=True))).rowcount


def _processors(compiled: SQLCompiler, order: tuple[str, ...]) -> tuple[_Convert | None, ...]:
    """Each parameter's conversion to what the driver gets (None: given as it is)."""
    found = compiled._bind_processors
    return tuple(
        _json_text(compiled, name, cast(_Convert, found[name])) if name in found else None
        for name in order
    )


# json.dumps with its own settings, the C encoder made once (`json_encoder`).
_dumps = json_encoder()


def _json_text(compiled: SQLCompiler, name: str, process: _Convert) -> _Convert:
    """A JSON column's conversion: a dict or a list straight through the C encoder, when the
    column's own conversion is exactly json.dumps (the dialect's default serializer, no text
    conversion after it); anything else as the column converts it."""
    kind = compiled.binds[name].type
    dialect = compiled.dialect
    if not isinstance(kind, sqltypes.JSON) or getattr(dialect, "_json_serializer", None):
        return process
    if kind._str_impl.bind_processor(dialect) is not None:
        return process

    def encode(value: Any) -> Any:
        return _dumps(value) if type(value) is dict or type(value) is list else process(value)

    return encode


def _converted(values: list[Any], process: Callable[[Any], Any]) -> list[Any]:
    """Each value through the column's converter; a value met before is converted once."""
    if values:  # the same value all down the column (a moment, a state): converted once
        first = values[0]
        kind = type(first)
        if (kind is not dict and kind is not list and kind is not JsonText
                and values.count(first) == len(values) and set(map(type, values)) == {kind}):  # fmt: skip
            return [process(first)] * len(values)
    seen: dict[tuple[type, Any], Any] = {}
    out = []
    for value in values:
        kind = type(value)
        if kind is dict or kind is list:  # JSON: converted every time
            out.append(process(value))
            continue
        if kind is JsonText:  # JSON already encoded: its text as it is
            out.append(str.__str__(value))
            continue
        key = (kind, value)
        try:
            done = seen.get(key, seen)
        except TypeError:  # another value without a hash
            out.append(process(value))
            continue
        if done is seen:
            done = seen[key] = process(value)
        out.append(done)
    return out


class IdsParam(BindParameter[Any]):
    """A list of ids for `column.in_(…)`, handed to the database as one parameter on SQLite.

    SQLAlchemy writes an IN list out as one placeholder per id, each execution again (a bulk
    batch's hundreds of ids, a few statements a batch); on SQLite the list goes instead as one
    JSON text the database reads itself (`IN (SELECT value FROM json_each(?))`, which finds the
    rows by their index as the written-out list does). Elsewhere it is SQLAlchemy's own
    expanding IN."""

    inherit_cache = True


class _IdsText(TypeDecorator[Any]):
    """The ids as the JSON array text `json_each` reads."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str:
        return _dumps([int(v) for v in value])


@compiles(IdsParam)
def _ids_elsewhere(element: IdsParam, compiler: SQLCompiler, **kw: Any) -> str:
    return _placeholder(compiler, element, **kw)


@compiles(IdsParam, "sqlite")
def _ids_on_sqlite(element: IdsParam, compiler: SQLCompiler, **kw: Any) -> str:
    one = BindParameter(element.key, element.value, type_=_IdsText(), unique=element.unique,
                        required=element.required)  # fmt: skip
    return f"(SELECT value FROM json_each({_placeholder(compiler, one, **kw)}))"


def _placeholder(compiler: SQLCompiler, bind: BindParameter[Any], **kw: Any) -> str:
    """The parameter as the compiler writes any other (and counts it in)."""
    return str(compiler.visit_bindparam(bind, **kw))  # type: ignore[no-untyped-call]


def ids_param(name: str) -> IdsParam:
    """`column.in_(ids_param("ids"))` in a statement built once: the ids given at execution."""
    return IdsParam(name, expanding=True)


def id_list(ids: Sequence[int]) -> BindParameter[Any]:
    """`column.in_(id_list(ids))`: the ids as one parameter, without a check of each (a closure
    can hold thousands)."""
    return IdsParam(None, list(ids), expanding=True)
