"""Checking that the store answers the services' queries from an index.

The real repository code runs against a client built with a `CommandListener`, so the
commands checked are the ones the code sends (change a query and the check follows it).
Each captured read, count, aggregate, update or delete is explained, and its winning plan
is searched for what would read the whole collection:

- a COLLSCAN;
- an index scan over all of an index (its first field unbounded) although the command
  filters: the index only gives an order (typically `_id` for `.sort("_id")`) while the
  filter is applied document by document, which is a collection scan by another name;
- for a "latest N" query (`top=True`), a blocking SORT: the index does not give the order,
  so every match is read and sorted to return N.

A command with an empty filter may scan an index for its order. Queries that must read
everything are listed by the caller as exceptions, by `Query.key`, with their reasons.
"""

from __future__ import annotations

import contextlib
import copy
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from bson import MaxKey, MinKey
from pymongo import monitoring
from pymongo.asynchronous.database import AsyncDatabase

WATCHED = ("find", "count", "aggregate", "distinct", "update", "delete", "findAndModify",
           "bulkWrite")  # the client-level bulk write (MongoDB 8), sent to `admin`
# What a driver adds to a command that `explain` must not see (sessions, transactions,
# cluster time, the client's timeout).
DRIVER_FIELDS = {"lsid", "$db", "$clusterTime", "txnNumber", "autocommit", "startTransaction",
                 "readConcern", "writeConcern", "$readPreference", "maxTimeMS", "apiVersion",
                 "apiStrict", "apiDeprecationErrors", "comment"}
INDEX_ACCESS = ("IXSCAN", "EXPRESS_IXSCAN", "COUNT_SCAN")
FULL = ("[MinKey, MaxKey]", "[MaxKey, MinKey]")


def shape(value: Any) -> Any:
    """A filter with its values replaced by `?`: the query's form, not its arguments."""
    if isinstance(value, dict):
        return {k: shape(v) for k, v in sorted(value.items())}
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return [shape(v) for v in value]
    return "?"


@dataclass
class Query:
    """One statement the code sent, ready to explain."""

    case: str  # what the test was driving when it was sent
    collection: str
    op: str
    command: dict[str, Any]
    filter: dict[str, Any]
    sort: dict[str, Any] | None = None
    limit: int | None = None
    stages: tuple[str, ...] = ()  # an aggregate's stage names
    top: bool = False  # a "latest N": the index must give the order

    @property
    def key(self) -> str:
        """Names the query's form: `<collection> <op> <filter shape>` (+ sort, stages)."""
        parts = [self.collection, self.op, json.dumps(shape(self.filter))]
        if self.sort:
            parts.append("sort " + json.dumps(self.sort))
        if self.op == "aggregate":
            parts.append(" ".join(self.stages))
        return " ".join(parts)


def _stage_names(pipeline: list[dict[str, Any]]) -> tuple[str, ...]:
    return tuple(next(iter(stage)) for stage in pipeline)


def client_bulk_statements(command: dict[str, Any], database: str, *, case: str,
                           top: bool) -> list[Query]:
    """A client bulkWrite's updates and deletes on `database`, each as the collection-level
    command `explain` accepts (explain has no bulkWrite)."""
    namespaces = [info["ns"] for info in command.get("nsInfo", [])]
    found = []
    for op in command.get("ops", []):
        kind = next(iter(op))
        db_name, collection = namespaces[op[kind]].split(".", 1)
        if kind == "insert" or db_name != database:
            continue
        if kind == "update":
            statement = {"q": op["filter"], "u": op["updateMods"],
                         "multi": op.get("multi", False), "upsert": op.get("upsert", False),
                         **{k: op[k] for k in ("arrayFilters", "hint", "collation") if k in op}}
            single = {"update": collection, "updates": [statement]}
        else:
            single = {"delete": collection, "deletes": [
                {"q": op["filter"], "limit": 0 if op.get("multi") else 1}]}
        found += statements(kind, single, case=case, top=top)
    return found


def statements(name: str, command: dict[str, Any], *, case: str, top: bool) -> list[Query]:
    """Split a captured command into single statements, each one explainable."""
    body = {k: v for k, v in command.items() if k not in DRIVER_FIELDS}
    collection = body[name]
    common = dict(case=case, collection=collection, top=top)
    if name == "find":
        return [Query(op=name, command=body, filter=body.get("filter", {}),
                      sort=body.get("sort"), limit=body.get("limit"), **common)]
    if name in ("count", "distinct"):
        return [Query(op=name, command=body, filter=body.get("query", {}), **common)]
    if name == "findAndModify":
        return [Query(op=name, command=body, filter=body.get("query", {}),
                      sort=body.get("sort"), **common)]
    if name == "aggregate":
        pipeline = body.get("pipeline", [])
        first = pipeline[0] if pipeline else {}
        sort = next((s["$sort"] for s in pipeline if "$sort" in s), None)
        limit = next((s["$limit"] for s in pipeline if "$limit" in s), None)
        return [Query(op=name, command=body, filter=first.get("$match", {}), sort=sort,
                      limit=limit, stages=_stage_names(pipeline), **common)]
    many = "updates" if name == "update" else "deletes"
    rest = {k: v for k, v in body.items() if k != many}
    return [Query(op=name, command={**rest, many: [one]}, filter=one.get("q", {}), **common)
            for one in body.get(many, [])]


class Recorder(monitoring.CommandListener):
    """Keeps the watched commands sent to one database while a case is being driven."""

    def __init__(self, database: str) -> None:
        self.database = database
        self.queries: list[Query] = []
        self.cases: dict[str, int] = {}  # case → how many statements it sent
        self._case: str | None = None
        self._top = False

    @contextlib.contextmanager
    def case(self, name: str, *, top: bool = False) -> Iterator[None]:
        """Record what the code inside sends, under `name`. `top`: its queries are a
        "latest N" and must get their order from an index."""
        self._case, self._top = name, top
        self.cases.setdefault(name, 0)
        try:
            yield
        finally:
            self._case, self._top = None, False

    def started(self, event: monitoring.CommandStartedEvent) -> None:
        if self._case is None or event.command_name not in WATCHED:
            return
        command = copy.deepcopy(dict(event.command))
        if event.command_name == "bulkWrite":
            sent = client_bulk_statements(command, self.database, case=self._case,
                                          top=self._top)
        elif event.database_name == self.database:
            sent = statements(event.command_name, command, case=self._case, top=self._top)
        else:
            return
        self.queries.extend(sent)
        self.cases[self._case] += len(sent)

    def succeeded(self, event: monitoring.CommandSucceededEvent) -> None:
        pass

    def failed(self, event: monitoring.CommandFailedEvent) -> None:
        pass

    def silent_cases(self) -> list[str]:
        return [name for name, count in self.cases.items() if count == 0]


def winning_plans(explained: dict[str, Any]) -> list[dict[str, Any]]:
    """The winning plan of a find/count/update/delete explain, or of an aggregate's cursor."""
    if "queryPlanner" in explained:
        planners = [explained["queryPlanner"]]
    else:
        planners = [stage["$cursor"]["queryPlanner"] for stage in explained.get("stages", [])
                    if "$cursor" in stage]
    if not planners:
        raise ValueError(f"no query plan in this explain output: {sorted(explained)}")
    return [p["winningPlan"].get("queryPlan", p["winningPlan"]) for p in planners]


def walk(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield plan
    if "inputStage" in plan:
        yield from walk(plan["inputStage"])
    for child in plan.get("inputStages", []):
        yield from walk(child)


def _bounded(stage: dict[str, Any]) -> bool:
    """Whether the scan is narrowed on the index's first field."""
    first = next(iter(stage.get("keyPattern", {})), None)
    if first is None:
        return True  # express lookups: an equality by construction
    if stage["stage"] == "COUNT_SCAN":
        bounds = stage["indexBounds"]
        return not (isinstance(bounds["startKey"][first], MinKey | MaxKey)
                    and isinstance(bounds["endKey"][first], MinKey | MaxKey))
    intervals = stage.get("indexBounds", {}).get(first)
    return intervals is None or any(i not in FULL for i in intervals)


def problems(query: Query, explained: dict[str, Any]) -> list[str]:
    """What makes this plan read more than it needs (empty when the index does the work)."""
    found: list[str] = []
    for plan in winning_plans(explained):
        for stage in walk(plan):
            name = stage["stage"]
            if name == "COLLSCAN":
                found.append("COLLSCAN: reads the whole collection")
            elif name in INDEX_ACCESS and query.filter and not _bounded(stage):
                found.append(f"{name} over all of {stage.get('indexName')}: the filter does "
                             "not narrow it (a collection scan in index order)")
            elif name == "SORT" and query.top:
                found.append(f"SORT in memory by {stage.get('sortPattern')}: a latest-N query "
                             "whose order no index gives")
    return found


def outline(explained: dict[str, Any]) -> str:
    """A one-line picture of the winning plan: stages and the indexes they scan."""
    def one(plan: dict[str, Any]) -> str:
        label = plan["stage"]
        if plan.get("indexName"):
            label += f"[{plan['indexName']}]"
        children = ([plan["inputStage"]] if "inputStage" in plan else []) + plan.get(
            "inputStages", [])
        if children:
            parts = [one(c) for c in children]
            if len(parts) > 1 and len(set(parts)) == 1:  # an $in merged point by point
                parts = [f"{len(parts)} x {parts[0]}"]
            label += "(" + ", ".join(parts) + ")"
        return label
    return " | ".join(one(p) for p in winning_plans(explained))


@dataclass(frozen=True)
class Allowed:
    """An exception: why this query may read more than an index range. `only` limits it to
    problems of one kind (e.g. "SORT"), so a later COLLSCAN of the same query still fails."""

    reason: str
    only: str | None = None

    def excuses(self, problem: str) -> bool:
        return self.only is None or problem.startswith(self.only)


@dataclass
class Checked:
    query: Query
    plan: str
    problems: list[str]
    excused: str | None = None  # the exception's reason, if it is one


@dataclass
class PlanReport:
    checked: list[Checked] = field(default_factory=list)
    unused_exceptions: list[str] = field(default_factory=list)
    silent_cases: list[str] = field(default_factory=list)

    def failures(self) -> list[str]:
        lines = [f"{c.query.case}: {c.query.key}\n    plan: {c.plan}\n    "
                 + "\n    ".join(c.problems) for c in self.checked
                 if c.problems and c.excused is None]
        lines += [f"exception no longer needed (no such query, or it uses an index now): {k}"
                  for k in self.unused_exceptions]
        lines += [f"case sent no query (did the code change?): {c}" for c in self.silent_cases]
        return lines

    def table(self) -> str:
        rows = []
        for c in self.checked:
            verdict = "ok" if not c.problems else ("EXCEPTION: " + c.excused if c.excused
                                                   else "FAIL: " + "; ".join(c.problems))
            rows.append(f"{c.query.case:<40} {c.query.key}\n{'':<40} {c.plan}  -> {verdict}")
        return "\n".join(rows)


async def check(db: AsyncDatabase, recorder: Recorder,
                exceptions: dict[str, str | Allowed] | None = None) -> PlanReport:
    """Explain every statement recorded (each distinct one once) and judge its plan.
    `exceptions`: by `Query.key`, a reason (excuses any problem) or an `Allowed`."""
    allowed = {k: v if isinstance(v, Allowed) else Allowed(v)
               for k, v in (exceptions or {}).items()}
    report = PlanReport(silent_cases=recorder.silent_cases())
    seen: set[str] = set()
    used: set[str] = set()
    for query in recorder.queries:
        identity = json.dumps([query.case, query.command], default=str, sort_keys=True)
        if identity in seen:
            continue
        seen.add(identity)
        explained = await db.command({"explain": query.command, "verbosity": "queryPlanner"})
        found = problems(query, explained)
        exception = allowed.get(query.key)
        excused = None
        if found and exception is not None and all(exception.excuses(p) for p in found):
            excused = exception.reason
            used.add(query.key)
        report.checked.append(Checked(query, outline(explained), found, excused))
    report.unused_exceptions = sorted(set(allowed) - used)
    return report


def assert_indexed(report: PlanReport) -> None:
    print(report.table())  # shown with -rP or -s: every query, its plan and the verdict
    failures = report.failures()
    assert not failures, "queries not answered from an index:\n" + "\n".join(failures)
