"""A selector's queryset compiled to SQL once per connection, then run with new values (issue 6).

Building and compiling a queryset with its grant EXISTS costs more Python than the indexed lookups it
runs take in the database; a hot check (need-to-know before every share) compiles the same shape over
and over. The queryset stays the one definition of the rule: it is built by the selector's own code with
placeholder values, compiled by Django, and only the SQL text, the parameter positions and the row
decoding are kept. The statement runs on Django's cursor (query log, execute wrappers, error mapping);
its text is the same on every call, so on PostgreSQL psycopg prepares it as any repeated query (ADR 0016).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model, QuerySet, UUIDField
from django.db.models.query import ModelIterable, get_related_populators

_ATTR = "_zorgvuldig_querysjablonen"
_UUID = UUIDField()

# Placeholder values per kind: two sets, so the compiled parameters that change between them are
# exactly the ones the values fill (checked when compiled, see `_Gecompileerd`).
_PROEF: dict[str, tuple[Callable[[int], Any], Callable[[int], Any]]] = {
    "id": (lambda i: -7_000_000_001 - i, lambda i: -8_000_000_001 - i),
    "datum": (lambda i: dt.date(1901, 1, 1 + i), lambda i: dt.date(1902, 2, 1 + i)),
    "uuid": (lambda i: uuid.UUID(int=0xA0000 + i), lambda i: uuid.UUID(int=0xB0000 + i)),
}


def _prep(conn, soort: str, waarde):
    if soort == "id":
        return int(waarde)
    if soort == "datum":
        return conn.ops.adapt_datefield_value(waarde)
    return _UUID.get_db_prep_value(waarde, conn)


class _Gecompileerd:
    __slots__ = (
        "converters",
        "fetch_mode",
        "init",
        "model",
        "plaatsen",
        "populators",
        "sql",
        "start",
        "vast",
    )

    def __init__(self, sjabloon: Querysjabloon, conn) -> None:
        namen = list(sjabloon.soorten)
        proef_a = {n: _PROEF[s][0](i) for i, (n, s) in enumerate(sjabloon.soorten.items())}
        proef_b = {n: _PROEF[s][1](i) for i, (n, s) in enumerate(sjabloon.soorten.items())}
        qs = sjabloon.bouw(**proef_a)
        if qs.db != conn.alias:
            raise ValueError("Querysjabloon: the queryset runs on another database")
        meer = getattr(qs, "_prefetch_related_lookups", None) or getattr(qs, "_known_related_objects", None)
        if qs._iterable_class is not ModelIterable or meer or qs.query.annotation_select:
            raise TypeError("Querysjabloon: plain model rows only (no values, prefetch or annotations)")
        compiler = qs.query.get_compiler(using=qs.db)
        sql, params = compiler.as_sql()
        sql_b, params_b = sjabloon.bouw(**proef_b).query.get_compiler(using=qs.db).as_sql()
        prep_a = {n: _prep(conn, sjabloon.soorten[n], v) for n, v in proef_a.items()}
        prep_b = {n: _prep(conn, sjabloon.soorten[n], v) for n, v in proef_b.items()}
        plaatsen: list[str | None] = []
        for a, b in zip(params, params_b, strict=True):
            naam = next((n for n in namen if prep_a[n] == a and prep_b[n] == b), None)
            if naam is None and a != b:
                # A value reached the SQL other than as its own parameter: reusing would be wrong.
                raise ValueError(f"Querysjabloon: parameter {a!r} is not one of {namen}")
            plaatsen.append(naam)
        if sql != sql_b or not set(namen) <= set(plaatsen):
            raise ValueError("Querysjabloon: the SQL depends on the values, or a value is unused")
        self.sql = sql
        self.vast = list(params)
        self.plaatsen = [(i, n) for i, n in enumerate(plaatsen) if n is not None]
        select, klass_info = compiler.select, compiler.klass_info
        self.model = klass_info["model"]
        velden = klass_info["select_fields"]
        self.start = (velden[0], velden[-1] + 1)
        self.init = [f[0].target.attname for f in select[self.start[0] : self.start[1]]]
        self.fetch_mode = qs._fetch_mode  # type: ignore[attr-defined]
        self.populators = get_related_populators(klass_info, select, qs.db, self.fetch_mode)
        self.converters = (compiler, compiler.get_converters([s[0] for s in select[: compiler.col_count]]))


class Querysjabloon[M: Model]:
    """`bouw(**waarden)` returns the queryset for these values; `soorten` names each value's kind
    ("id", "datum", "uuid"). The values may only reach the SQL as parameters, the shape not depend on
    them — checked when it is first compiled on a connection."""

    def __init__(self, bouw: Callable[..., QuerySet[M]], **soorten: str) -> None:
        self.bouw = bouw
        self.soorten = soorten

    def rijen(self, **waarden) -> list[M]:
        conn = connections[DEFAULT_DB_ALIAS]  # the thread's connection, looked up once
        cache = conn.__dict__.setdefault(_ATTR, {})
        c = cache.get(self)
        if c is None:
            c = cache[self] = _Gecompileerd(self, conn)
        params = c.vast.copy()
        for i, naam in c.plaatsen:
            params[i] = _prep(conn, self.soorten[naam], waarden[naam])
        with conn.cursor() as cur:
            cur.execute(c.sql, params)
            rows = cur.fetchall()
        compiler, converters = c.converters
        if converters:
            rows = list(compiler.apply_converters(rows, converters))
        a, b = c.start
        uit = []
        for row in rows:
            obj = c.model.from_db(conn.alias, c.init, row[a:b], fetch_mode=c.fetch_mode)
            for populator in c.populators:
                populator.populate(row, obj)
            uit.append(obj)
        return uit

    def eerste(self, **waarden) -> M | None:
        rijen = self.rijen(**waarden)
        return rijen[0] if rijen else None
