"""One new row inserted by a statement compiled once per model (issue 3: audited writes per second).

`Model.save()` on a new row re-compiles its INSERT on every call: quoting every column, building the
value list through the compiler, then decoding RETURNING. On the write path every act takes (person,
grant, audit entry) that compilation costs more Python than the database spends on the row. This keeps
the SQL text per model and vendor and computes the values with Django's own field methods
(`pre_save(add=True)` → `get_db_prep_save`), so defaults, `auto_now` and encrypted fields behave
exactly as under `save()`. The statement runs on Django's cursor (query log, execute wrappers, error
mapping) and is the same text on every call, so psycopg prepares it (ADR 0016).

A model with `pre_save`/`post_save` receivers (e.g. the retention bookkeeping of RT-10) goes through
`save()`, so no receiver is ever skipped.

`met`: statements that belong to the same act (the audit entry, AU-01) and are written by the row's own
statement on PostgreSQL, as data-modifying CTEs: one round trip instead of two, and the act and its
entry cannot be separated even within the transaction. Elsewhere they run right after the row.
"""

from __future__ import annotations

from django.db import connections, router
from django.db.models import CharField, Model, TextField
from django.db.models.signals import post_save, pre_save

_ATTR = "_zorgvuldig_invoegsql"


def insert_sql(model: type[Model], alias: str) -> tuple[str, list]:
    """The INSERT … RETURNING pk of `model` on connection `alias`, and the fields in value order."""
    conn = connections[alias]
    cache = conn.__dict__.setdefault(_ATTR, {})
    if model not in cache:
        pk = model._meta.pk
        velden = [f for f in model._meta.concrete_fields if f is not pk or not f.db_returning]
        kolommen = ", ".join(conn.ops.quote_name(str(f.column)) for f in velden)
        waarden = ", ".join(["%s"] * len(velden))
        tabel = conn.ops.quote_name(model._meta.db_table)
        terug = conn.ops.quote_name(str(pk.column))
        cache[model] = (f"INSERT INTO {tabel} ({kolommen}) VALUES ({waarden}) RETURNING {terug}", velden)
    return cache[model]


# Plain text fields (not subclasses such as the encrypted ones): for a `str` value `pre_save` and
# `get_db_prep_save` return it unchanged, so it is taken as is (most columns of the write path).
_TEKST = frozenset({CharField, TextField})


def waarden(obj: Model, velden: list, conn) -> list:
    staat = obj.__dict__
    return [
        v
        if type(f) in _TEKST and type(v := staat.get(f.attname)) is str
        else f.get_db_prep_save(f.pre_save(obj, True), conn)
        for f in velden
    ]


Deel = tuple[str, list]  # one INSERT and its parameters; the last of a list ends in RETURNING


def statement(delen: list[Deel]) -> Deel:
    """`delen` as one statement: all but the last as data-modifying CTEs (PostgreSQL only)."""
    *voor, (sql, params) = delen
    if not voor:
        return sql, params
    ctes = ", ".join(f"z{i} AS ({deel})" for i, (deel, _) in enumerate(voor))
    return f"WITH {ctes} {sql}", [p for _, ps in voor for p in ps] + params


def voeg_in(obj: Model) -> Model:
    """Insert the unsaved `obj` as `save()` would; its primary key is set from RETURNING."""
    _voeg_in(obj, [])
    return obj


def voeg_in_met(obj: Model, met: list[Deel]):
    """`voeg_in(obj)` and the statements `met` (see the module docstring); returns what the last of
    `met` returned."""
    return _voeg_in(obj, met)


def _voeg_in(obj: Model, met: list[Deel]):
    model = type(obj)
    alias = router.db_for_write(model, instance=obj)
    conn = connections[alias]
    gewoon = (
        pre_save.has_listeners(model)
        or post_save.has_listeners(model)
        or model._meta.parents
        or (obj.pk is not None and model._meta.pk.db_returning)  # an explicit id: save() writes it
    )
    if gewoon:
        obj.save(force_insert=True)
        return voer_uit(met, alias) if met else None
    sql, velden = insert_sql(model, alias)
    params = waarden(obj, velden, conn)
    terug = None
    with conn.cursor() as cur:
        if met and conn.vendor == "postgresql":
            # the row's INSERT becomes the main statement after the CTEs of `met`
            ctes, cte_params = statement([*met, ("", [])])
            cur.execute(f"{ctes}{sql}, (SELECT * FROM z{len(met) - 1})", cte_params + params)
            obj.pk, terug = cur.fetchone()
        else:
            cur.execute(sql, params)
            obj.pk = cur.fetchone()[0]
    obj._state.adding = False
    obj._state.db = alias
    if met and conn.vendor != "postgresql":
        terug = voer_uit(met, alias)
    return terug


def voer_uit(delen: list[Deel], alias: str = "default"):
    """Run `delen` — one statement on PostgreSQL, one after the other elsewhere (SQLite has no
    data-modifying CTEs); returns what the last returned."""
    conn = connections[alias]
    with conn.cursor() as cur:
        for sql, params in [statement(delen)] if conn.vendor == "postgresql" else delen:
            cur.execute(sql, params)
            terug = cur.fetchone()
    return terug[0]
