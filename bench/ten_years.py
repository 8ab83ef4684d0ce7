"""Ten years of synthetic, obviously fictional data, loaded in minutes rather than hours.

    .venv/bin/python -m bench.ten_years --port-base 58400      # services on 58401-58404
    make ten-years                                               # the `make run` services

Needs the four services running (they consume what this publishes) on an EMPTY store: it
refuses a store that already holds audits (`--force` to load anyway). The same county as
the demo year (`tools/demo/data.py`: 20 teams, 250 staff in three audit
groups, the demo's bodies and rates), for the 120 months before this one. What it writes,
and through which door (each service's data is made by that service's own code):

1. **A few HTTP requests** (audit capture's API, as the head of quality): the directory
   import, the programme (one request per 12 months), two themes with their questions.
2. **Audit capture's own collections, in bulk** (it produces and consumes nothing, so
   writing them directly changes no other service): per month 60 audits submitted, the
   month's moderation sample drawn (5), those moderated (now and then a grade changed) and
   every audit signed off (in the last month only the moderated ones, as in the demo), 10
   practice observations and 3 themed audits. Documents and facts are made by audit
   capture's own rules (`submit_audit`, `results_shared`, `draw_moderation_sample`,
   `moderate`, `signed_off_from`, `themed_audit`, the command models) with historical
   times, inserted with `insert_many`, and their events published to Kafka in bulk (the
   envelopes the service would have published: same source, subject, key, header).
3. **Feedback and complaints as upstream systems send them**: 250 feedback items and 25
   complaints a month (plus one item a month that fails its checks, so quarantine has
   something) published to `qa.feedback.raw`; feedback ingestion checks, stores and
   publishes them itself.
4. **Consumers catch up**: action tracking raises each audit's actions (raised at the
   audit's time) and their deadlines, reporting projects everything; the load waits until
   every consumer group has read everything (lag 0).
5. **Actions followed through, by action tracking's own lifecycle code** (`Lifecycle` on its
   own store and outbox, with a clock set to each moment): an action due more than a
   month ago is completed by its owner (four in five by the due date) and confirmed by the
   team's deputy manager a few days later; the events go out through its outbox.

It took 806 s on 2026-12-01 on 2 cores shared with other work: 22 s for steps 1-2 (57,202
events), 697 s for step 4 (feedback ingestion takes raw items one at a time, ~48 a second),
61 s for step 5 and 26 s for the consumers after it. One year (`--years 1`): 74 s.

Known differences from ten real years: each action's deadline is registered when it is
loaded, so action tracking raises an overdue (and an escalation) alert, stamped with the
load time, for every action that was past due before step 5 completed it; the directory
does not change over the years.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx

from schemas.base import EventData
from tools.demo.data import PROGRAMME_THEMES, Bodies, Population
from shared.months import last_day, months_back, shift
from shared.envelope import Envelope, derived_id

RUN = "ten-years"
HOQ = "ten-years-hoq"
THEMES = [
    {"theme_id": "ten-years-domestic-abuse", "title": "Fictional theme: response to domestic abuse",
     "questions": [{"id": "q1", "text": "Was the risk assessed with partner agencies?"},
                   {"id": "q2", "text": "Was the plan reviewed after each incident?"},
                   {"id": "q3", "text": "Did the child's voice shape the plan?"}]},
    {"theme_id": "ten-years-neglect", "title": "Fictional theme: neglect",
     "questions": [{"id": "q1", "text": "Was a neglect tool used?"},
                   {"id": "q2", "text": "Were the child's needs met in the plan's time?"}]},
]
PARTNERS = ["Fictional Police", "Fictional Health Trust", "Fictional School"]


def at(day: date, rng: random.Random, *, not_after: datetime) -> datetime:
    """A working-hours moment on `day`, never later than `not_after`."""
    moment = datetime(day.year, day.month, day.day, 9, tzinfo=UTC) + timedelta(
        minutes=rng.randint(0, 8 * 60))
    return min(moment, not_after - timedelta(minutes=rng.randint(5, 60)))


def envelope(fact: EventData, *, source: str, occurred_at: datetime, key: str) -> Envelope:
    """The envelope the service would have published (a derived event id: reloading the
    same seed publishes the same ids, which consumers treat as one)."""
    return Envelope(event_id=uuid.UUID(derived_id(RUN, fact.event_type, key)),
                    event_type=fact.event_type, schema_version=fact.schema_version,
                    source=source, occurred_at=occurred_at, subject=fact.subject(),
                    correlation_id=f"{RUN}-{key}", data=fact.model_dump(mode="json"))


@dataclass
class Batch:
    """Documents per collection and events in publishing order."""

    documents: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    events: list[tuple[str, Envelope]] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)

    def add(self, collection: str, document: dict[str, Any]) -> None:
        self.documents.setdefault(collection, []).append(document)
        self.counts[collection] += 1

    def publish(self, fact: EventData, *, source: str, occurred_at: datetime, key: str) -> None:
        self.events.append((fact.topic, envelope(fact, source=source, occurred_at=occurred_at,
                                                 key=key)))
        self.counts[fact.event_type] += 1


class Producer:
    """Many events handed to one idempotent aiokafka producer, acknowledged together."""

    def __init__(self, bootstrap: str) -> None:
        from aiokafka import AIOKafkaProducer

        self.producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all",
                                         enable_idempotence=True, linger_ms=20,
                                         max_batch_size=512 * 1024, client_id=RUN)
        self.sent = 0

    async def __aenter__(self) -> Producer:
        await self.producer.start()
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.producer.stop()

    async def send(self, events: Sequence[tuple[str, Envelope]]) -> None:
        pending = []
        for topic, e in events:
            pending.append(await self.producer.send(
                topic, e.to_bytes(), key=e.key(), headers=[("event_type", e.event_type.encode())]))
            if len(pending) >= 5000:
                await asyncio.gather(*pending)
                pending.clear()
        await asyncio.gather(*pending)
        self.sent += len(events)


# ------------------------------------------------------------------ audit capture's data


class AuditCaptureMonth:
    """One month of audit capture's documents and facts, by its own rules."""

    def __init__(self, args: argparse.Namespace, people: Population, bodies: Bodies,
                 themes: list[dict[str, Any]], now: datetime) -> None:
        self.args, self.people, self.bodies, self.themes, self.now = args, people, bodies, \
            themes, now
        self.rng = bodies.rng
        self.manager_of = {w: people.managers[t] for t, ws in people.workers.items()
                           for w in ws} | {people.deputies[t]: people.managers[t]
                                           for t in people.teams}

    def build(self, planned: dict[str, Any], *, last: bool) -> tuple[Batch, dict[str, Any]]:
        from services.audit_capture.domain.audits import SubmitAudit, results_shared
        from services.audit_capture.domain.audits import submit_audit

        month, rng, batch = planned["_id"], self.rng, Batch()
        first = date.fromisoformat(f"{month}-01")
        auditors = self.people.groups[planned["audit_group"]]
        audits: list[dict[str, Any]] = []
        for n in range(self.args.audits_per_month):
            team = rng.choice(self.people.teams)
            body = self.bodies.audit(month, team, n, auditors)
            body["line_manager_id"] = self.manager_of[body["social_worker_id"]]
            if rng.random() < 0.02:
                body["safeguarding_concern"] = "Fictional safeguarding concern."
            command = SubmitAudit.model_validate(body)
            submitter, key = command.auditor_ids[0], f"{RUN}-{month}-{n}"
            audit_id = derived_id("audit", submitter, key)
            now = at(first + timedelta(days=rng.randint(1, 20)), rng, not_after=self.now)
            submitted, concerns = submit_audit(command, audit_id=audit_id,
                                               submitted_by=submitter, now=now)
            audits.append({"_id": audit_id, "status": "submitted", "idempotency_key": key,
                           **submitted.model_dump(mode="json"), "version": 1})
            for fact in (submitted, *concerns, results_shared(submitted)):
                batch.publish(fact, source="audit_capture", occurred_at=now, key=audit_id)
        planned = self._moderate(planned, audits, batch, last=last)
        for audit in audits:
            batch.add("audits", audit)
        self._observations(month, batch)
        self._themed_audits(month, auditors, batch)
        return batch, planned

    def _moderate(self, planned: dict[str, Any], audits: list[dict[str, Any]], batch: Batch,
                  *, last: bool) -> dict[str, Any]:
        from schemas.audit import AuditSignedOff
        from services.audit_capture.domain.lifecycle import ModerationSample, signed_off_from
        from services.audit_capture.domain.moderation import ModerateAudit, moderate
        from services.audit_capture.domain.selection import DrawModerationSample
        from services.audit_capture.domain.selection import draw_moderation_sample

        month, rng = planned["_id"], self.rng
        after = last_day(month) + timedelta(days=1)
        drawn_at = at(after, rng, not_after=self.now)
        submitted = sorted(a["_id"] for a in audits)
        fact = draw_moderation_sample(
            DrawModerationSample(seed=self.args.seed), month=month, submitted=submitted,
            planned_size=planned.get("moderation_sample_size", 0), drawn_by=HOQ, now=drawn_at)
        changes = {"moderation_sample": fact.audit_ids, "moderation_sample_seed": fact.seed,
                   "moderation_sample_drawn_from": submitted,
                   "moderation_sample_drawn_at": drawn_at, "moderation_sample_drawn_by": HOQ}
        planned = {**planned, **changes, "version": planned["version"] + 1}
        batch.add("programme_months", planned)
        batch.publish(fact, source="audit_capture", occurred_at=drawn_at, key=month)
        sample = ModerationSample.of_month(planned)
        moderators = self.people.groups[planned["moderation_group"]]
        by_id = {a["_id"]: a for a in audits}
        for audit_id in fact.audit_ids:
            audit = by_id[audit_id]
            moderator = rng.choice([m for m in moderators if m not in audit["auditor_ids"]])
            now = at(after + timedelta(days=rng.randint(1, 8)), rng, not_after=self.now)
            moderated, grade_changes = moderate(
                audit, ModerateAudit.model_validate(self.bodies.moderation()),
                moderation_id=derived_id("moderation", audit_id), moderator_id=moderator,
                now=now)
            changed = {c.standard: c.grade.value for c in grade_changes if c.standard}
            audit.update({
                "status": "moderated", "moderation": moderated.model_dump(mode="json"),
                "grade_changes": [c.model_dump(mode="json") for c in grade_changes],
                "standards": [s | {"grade": changed.get(s["standard"], s["grade"])}
                              for s in audit["standards"]],
                "overall_grade": moderated.overall_grade.value,
                "version": audit["version"] + 1})
            for f in (moderated, *grade_changes):
                batch.publish(f, source="audit_capture", occurred_at=now, key=audit_id)
        for audit in audits:
            if last and audit["status"] != "moderated":
                continue  # the month just gone: only the moderated are signed off yet
            status = signed_off_from(audit["_id"], audit["status"], sample=sample)
            now = at(after + timedelta(days=rng.randint(9, 15)), rng, not_after=self.now)
            signed = AuditSignedOff(audit_id=audit["_id"], month=month,
                                    team_id=audit["team_id"],
                                    overall_grade=audit["overall_grade"], signed_off_by=HOQ,
                                    signed_off_at=now)
            audit.update({"status": status.value, "version": audit["version"] + 1,
                          **signed.model_dump(mode="json",
                                              include={"signed_off_by", "signed_off_at"})})
            batch.publish(signed, source="audit_capture", occurred_at=now, key=audit["_id"])
        return planned

    def _observations(self, month: str, batch: Batch) -> None:
        from schemas.observation import PracticeObservationRecorded
        from services.audit_capture.domain.observations import RecordPracticeObservation

        teams = self.rng.sample(self.people.teams, min(self.args.observations_per_month,
                                                       len(self.people.teams)))
        for team in teams:
            command = RecordPracticeObservation.model_validate(
                self.bodies.observation(month, team))
            observer = self.people.managers[team]
            oid = derived_id("observation", observer, f"{RUN}-{month}-{team}")
            fact = PracticeObservationRecorded(**command.model_dump(), observation_id=oid,
                                               observer_id=observer)
            batch.add("observations", {"_id": oid, "kind_of_record": "practice",
                                       **fact.model_dump(mode="json"), "version": 1})
            now = at(command.observed_on, self.rng, not_after=self.now)
            batch.publish(fact, source="audit_capture", occurred_at=now, key=oid)

    def _themed_audits(self, month: str, auditors: list[str], batch: Batch) -> None:
        from services.audit_capture.domain.themes import RecordThemedAudit, themed_audit

        rng = self.rng
        for n in range(self.args.themed_audits_per_month):
            theme = self.themes[n % len(self.themes)]
            auditor = rng.choice(auditors)
            command = RecordThemedAudit.model_validate({
                "theme_id": theme["_id"], "month": month, "auditor_ids": [auditor],
                "case_ref": f"DEMO-THEMED-{month}-{n:02d}", "team_id": rng.choice(
                    self.people.teams),
                "partner_agencies": rng.sample(PARTNERS, 2),
                "answers": [{"question_id": q["id"], "answer": rng.choice(
                    ["yes", "yes", "partly", "no"]), "evidence": "Fictional evidence."}
                    for q in theme["questions"]]})
            tid = derived_id("themed-audit", auditor, f"{RUN}-{month}-{n}")
            now = at(date.fromisoformat(f"{month}-{rng.randint(5, 25):02d}"), rng,
                     not_after=self.now)
            fact = themed_audit(theme, command, month=month, auditor_ids=command.auditor_ids,
                                partner_agencies=command.partner_agencies, themed_audit_id=tid,
                                dip_sample_id=None, now=now)
            batch.add("themed_audits", {"_id": tid, **fact.model_dump(mode="json"),
                                        "version": 1})
            batch.publish(fact, source="audit_capture", occurred_at=now, key=tid)


# ------------------------------------------------------------------ feedback, raw


def raw_feedback(args: argparse.Namespace, bodies: Bodies, month: str,
                 now: datetime) -> list[tuple[str, Envelope]]:
    """What the complaints system and the feedback feeds publish for the month."""
    from schemas.feedback import RawFeedbackSubmitted

    out, rng = [], bodies.rng
    items = [("complaint", bodies.complaint(month, n)) for n in range(args.complaints_per_month)]
    for n in range(args.feedback_per_month):
        item = bodies.feedback(month, n)
        items.append((item.pop("source"), item))
    bad = bodies.feedback(month, 99_999)  # a rating-less customer feedback: quarantined
    bad.pop("source")
    bad.pop("rating", None)
    items.append(("customer_feedback", bad))
    for source, item in items:
        received = date.fromisoformat(item["received_on"])
        fact = RawFeedbackSubmitted(source=source, item=item)
        e = envelope(fact, source=f"{source}-feed", key=f"{source}:{item['source_id']}",
                     occurred_at=at(received, rng, not_after=now))
        out.append((fact.topic, e))
    return out


# ------------------------------------------------------------------ waiting, following up


async def lag(bootstrap: str, groups: Sequence[str]) -> dict[str, int]:
    """Messages each consumer group has yet to read, over the topics it reads."""
    from aiokafka import AIOKafkaConsumer
    from aiokafka.admin import AIOKafkaAdminClient

    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap)
    await admin.start()
    await consumer.start()
    try:
        out = {}
        for group in groups:
            committed = await admin.list_consumer_group_offsets(group)
            if not committed:
                out[group] = -1  # not joined yet
                continue
            ends = await consumer.end_offsets(list(committed))
            out[group] = sum(max(0, ends[tp] - meta.offset) for tp, meta in committed.items())
        return out
    finally:
        await consumer.stop()
        await admin.close()


async def caught_up(bootstrap: str, groups: Sequence[str], *, timeout: float) -> float:
    """Wait until every group has read everything, twice in a row (consumers publish)."""
    started, zero = time.monotonic(), 0
    while time.monotonic() - started < timeout:
        behind = await lag(bootstrap, groups)
        zero = zero + 1 if all(v == 0 for v in behind.values()) else 0
        if zero >= 2:
            return time.monotonic() - started
        print(f"  waiting for consumers: {behind}", file=sys.stderr, flush=True)
        await asyncio.sleep(5)
    raise SystemExit(f"consumers still behind after {timeout:.0f} s")


class At:
    """action tracking's clock, set to each historical moment."""

    def __init__(self) -> None:
        self.moment = datetime.now(UTC)

    def now(self) -> datetime:
        return self.moment


def lifecycle_of(runtime, clock: At):
    """Action tracking's repository and its own "a person changes an action" code, on this
    runtime's store and outbox (its application layer, or the handler it replaced)."""
    from types import SimpleNamespace

    from services.action_tracking.adapters.actions import ActionRepository
    from services.action_tracking.adapters.directory import Directory

    actions = ActionRepository(runtime.store, runtime.outbox)
    directory = Directory(runtime.store)
    try:
        from services.action_tracking.application import actions as use_cases

        deps = SimpleNamespace(actions=actions, directory=directory, clock=clock,
                               publisher=runtime.publisher)

        async def change(action, who, what, **details):
            return await use_cases.change(deps, action, who, what, **details)

        use_cases.change  # noqa: B018 - the application layer has it
        return actions, change
    except (ImportError, AttributeError):
        from services.action_tracking.handlers.lifecycle import Lifecycle  # type: ignore

        return actions, Lifecycle(actions, directory, clock, runtime.publisher).change


async def follow_up_actions(args: argparse.Namespace, people: Population,
                            now: datetime) -> Counter:
    """Old actions completed by their owners and confirmed by the team's deputy, through
    action tracking's own lifecycle (its store, outbox and events)."""
    from schemas.action import ActionStatus
    from services.action_tracking.settings import ActionTrackingSettings
    from shared.auth import Principal, Role
    from shared.runtime import Runtime

    runtime = Runtime.build(ActionTrackingSettings())
    await runtime.start()
    clock, counts, rng = At(), Counter(), random.Random(args.seed + 1)
    deputy = {t: people.deputies[t] for t in people.teams}
    try:
        actions, change = lifecycle_of(runtime, clock)
        cutoff = (now - timedelta(days=30)).date().isoformat()
        cursor = actions.collection.find({"status": ActionStatus.OPEN.value,
                                          "due_date": {"$lt": cutoff}}).sort("due_date", 1)
        async for action in cursor:
            due = date.fromisoformat(action["due_date"])
            raised = datetime.fromisoformat(action["raised_at"]) \
                if isinstance(action["raised_at"], str) else action["raised_at"]
            late = rng.random() < 0.2
            day = due + timedelta(days=rng.randint(1, 25)) if late \
                else due - timedelta(days=rng.randint(0, 15))
            clock.moment = max(at(day, rng, not_after=now), raised + timedelta(hours=1))
            owner = Principal(action["owner_id"], frozenset({Role.TEAM_MANAGER}),
                              action["team_id"])
            await change(action, owner, "completed",
                         evidence="Fictional evidence that the action was done.")
            counts["completed late" if late else "completed by the due date"] += 1
            confirmer = deputy.get(action["team_id"])
            if confirmer and confirmer != action["owner_id"]:
                clock.moment = min(clock.moment + timedelta(days=rng.randint(1, 5)),
                                   now - timedelta(minutes=1))
                current = await actions.get(action["_id"])
                await change(current, Principal(confirmer, frozenset({Role.TEAM_MANAGER}),
                                                action["team_id"]), "confirmed",
                             note="Fictional confirmation.")
                counts["confirmed"] += 1
    finally:
        await runtime.stop()
    return counts


# ------------------------------------------------------------------ the whole load


async def http_setup(args: argparse.Namespace, people: Population, months: list[str],
                     headers: dict[str, str]) -> None:
    a = args.audit_capture
    async with httpx.AsyncClient(timeout=60) as http:
        async def post(url: str, **kw: Any) -> None:
            response = await http.request(kw.pop("method", "POST"), url, headers={
                **headers, **kw.pop("headers", {})}, **kw)
            if response.status_code not in (200, 201, 202):
                raise SystemExit(f"{url} answered {response.status_code}: {response.text[:300]}")

        await post(f"{a}/directory/import", content=people.directory_csv(),
                   headers={"Content-Type": "text/csv"})
        for start in range(0, len(months), 12):
            block = months[start:start + 12]
            await post(f"{a}/programme", json={
                "first_month": block[0], "moderation_sample_size": 5,
                "themes": [PROGRAMME_THEMES[(start + n) % len(PROGRAMME_THEMES)]
                           for n in range(len(block))]})
        for theme in THEMES:
            await post(f"{a}/themes/{theme['theme_id']}", method="PUT", json=theme)


async def load(args: argparse.Namespace) -> None:
    from pymongo import AsyncMongoClient

    from services.audit_capture.settings import AuditCaptureSettings
    from shared.auth import issue_development_token
    from shared.settings import ServiceSettings

    settings = AuditCaptureSettings()
    now = datetime.now(UTC)
    months = months_back(shift(now.strftime("%Y-%m"), -1), 12 * args.years)
    people = Population([f"{args.team_prefix}-{t:02d}" for t in range(1, args.teams + 1)],
                        args.staff)
    bodies = Bodies(random.Random(args.seed), people, f"{RUN}-{args.seed}")
    token = issue_development_token(secret=ServiceSettings().auth_dev_secret, subject=HOQ,
                                    roles=["head_of_quality"])
    client = AsyncMongoClient(settings.mongo_uri, tz_aware=True)
    db = client[settings.database_name]
    if await db["audits"].count_documents({}, limit=1) and not (args.force
                                                                  or args.follow_up_only):
        raise SystemExit("this store holds audits already: ten years go into an empty one "
                         "(--force to load anyway)")
    timings: dict[str, float] = {}
    counts: Counter = Counter()
    started = phase = time.perf_counter()

    def done(what: str) -> None:
        nonlocal phase
        timings[what] = time.perf_counter() - phase
        print(f"{what}: {timings[what]:.0f} s", file=sys.stderr, flush=True)
        phase = time.perf_counter()

    if not args.follow_up_only:
        await http_setup(args, people, months, {"Authorization": f"Bearer {token}"})
        done("directory, programme and themes over HTTP")
        await publish_months(args, db, people, bodies, months, now, counts)
        done("audit capture's documents and all events, in bulk")
    groups = [g + settings.kafka_group_suffix
              for g in ("feedback_ingestion", "action_tracking", "reporting")]
    await caught_up(settings.kafka_bootstrap, groups, timeout=args.timeout)
    done("consumers catching up")
    counts.update(await follow_up_actions(args, people, now))
    done("actions completed and confirmed (action tracking's lifecycle)")
    await caught_up(settings.kafka_bootstrap, groups, timeout=args.timeout)
    done("consumers catching up again")
    total = time.perf_counter() - started
    held = {}
    for database, names in (("qa_audit_capture", ["audits", "observations", "themed_audits"]),
                            ("qa_feedback_ingestion", ["items", "quarantine"]),
                            ("qa_action_tracking", ["actions", "deadlines", "alerts"]),
                            ("qa_reporting", ["audit_facts", "action_facts", "feedback_facts",
                                              "complaint_facts", "alert_facts"])):
        for name in names:
            held[f"{database}.{name}"] = await client[database][name].estimated_document_count()
    await client.close()
    print(f"\n{args.years} years loaded ({months[0]} to {months[-1]}) in {total:.0f} s:\n")
    for name, seconds in timings.items():
        print(f"- {name}: {seconds:.0f} s")
    print("\nPublished or made: " + ", ".join(f"{k} {v:,}" for k, v in sorted(counts.items())))
    print("\nHeld afterwards: " + ", ".join(f"{k} {v:,}" for k, v in held.items()))


async def publish_months(args: argparse.Namespace, db, people: Population, bodies: Bodies,
                         months: list[str], now: datetime, counts: Counter) -> None:
    from services.audit_capture.settings import AuditCaptureSettings

    themes = await db["themes"].find({"_id": {"$in": [t["theme_id"] for t in THEMES]}}) \
        .sort("_id").to_list(None)
    builder = AuditCaptureMonth(args, people, bodies, themes, now)
    phase = time.perf_counter()
    async with Producer(AuditCaptureSettings().kafka_bootstrap) as producer:
        for n, month in enumerate(months):
            planned = await db["programme_months"].find_one({"_id": month})
            batch, planned = builder.build(planned, last=n == len(months) - 1)
            for collection, documents in batch.documents.items():
                if collection == "programme_months":
                    for d in documents:
                        await db[collection].replace_one({"_id": d["_id"]}, d)
                else:
                    await db[collection].insert_many(documents, ordered=False)
            await producer.send(batch.events)
            counts.update(batch.counts)
            raw = raw_feedback(args, bodies, month, now)
            await producer.send(raw)
            counts["qa.feedback.raw"] += len(raw)
            if n % 12 == 11 or n == len(months) - 1:
                print(f"  {month}: {producer.sent} events published "
                      f"({time.perf_counter() - phase:.0f} s)", file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--teams", type=int, default=20)
    parser.add_argument("--staff", type=int, default=250)
    parser.add_argument("--audits-per-month", type=int, default=60)
    parser.add_argument("--feedback-per-month", type=int, default=250)
    parser.add_argument("--complaints-per-month", type=int, default=25)
    parser.add_argument("--observations-per-month", type=int, default=10)
    parser.add_argument("--themed-audits-per-month", type=int, default=3)
    parser.add_argument("--team-prefix", default="demo-team")
    parser.add_argument("--port-base", type=int, default=None,
                        help="the services' port base (as the launcher); default 8100")
    parser.add_argument("--timeout", type=float, default=3600,
                        help="seconds to wait for the consumers to catch up")
    parser.add_argument("--force", action="store_true", help="load into a store with audits")
    parser.add_argument("--follow-up-only", action="store_true",
                        help="only steps 4 and 5 (after an interrupted load)")
    args = parser.parse_args()
    import os
    base = args.port_base or int(os.environ.get("QA_PORT_BASE", "8100"))
    args.audit_capture = f"http://127.0.0.1:{base + 1}"
    asyncio.run(load(args))


if __name__ == "__main__":
    main()
