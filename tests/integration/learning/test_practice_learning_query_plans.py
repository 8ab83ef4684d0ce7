"""The practice learning team's and the L&D programme's queries are answered from indexes
(checked with `explain` against the real store, as test_learning_query_plans.py does)."""

from __future__ import annotations

from tests.integration.learning.test_learning_query_plans import plans  # noqa: F401
from tests.support.query_plans import assert_indexed, check


async def test_practice_learning_queries_use_indexes(plans):  # noqa: F811
    from services.learning.adapters.development import ITEMS, DevelopmentProgramme
    from services.learning.adapters.learn import GOOD_PRACTICE, RESULTS, GoodPractice, Results
    from services.learning.adapters.practice_learning import ANNUAL_REVIEWS, ASYE, OBSERVATIONS
    from services.learning.adapters.practice_learning import QUEUE, AnnualReviews, AsyeRecords
    from services.learning.adapters.practice_learning import PracticeLearningQueue
    from services.learning.adapters.practice_learning import PracticeObservations
    from services.learning.bootstrap import INDEXES
    from shared.outbox import OUTBOX_INDEXES

    store, recorder = plans
    store.indexes = [*INDEXES, *OUTBOX_INDEXES]
    await store.create_indexes()
    workers, teams = [f"p-{n:03d}" for n in range(300)], [f"t-{n:02d}" for n in range(30)]
    await store.db[OBSERVATIONS].insert_many([
        {"_id": f"o-{n:05d}", "worker_id": workers[n % 300], "on": f"2026-{n % 12 + 1:02d}-03"}
        for n in range(3000)])
    await store.db[QUEUE].insert_many([
        {"_id": f"q-{n:05d}", "status": "reviewed" if n % 4 else "to_review",
         "on": f"2026-{n % 12 + 1:02d}-04", "worker_id": workers[n % 300]} for n in range(3000)])
    await store.db[ANNUAL_REVIEWS].insert_many([
        {"_id": f"r-{n:04d}", "worker_id": workers[n % 300], "reviewed_on": f"202{n % 6}-05-01"}
        for n in range(600)])
    await store.db[ASYE].insert_many([{"_id": workers[n], "started_on": f"2026-{n % 12 + 1:02d}-01"}
                                      for n in range(40)])
    await store.db[ITEMS].insert_many([{"_id": f"ld-{n:03d}", "created_at": f"2026-{n % 12 + 1:02d}"}
                                       for n in range(400)])
    await store.db[RESULTS].insert_many([
        {"_id": f"a-{n:05d}", "team_id": teams[n % 30], "month": f"2026-{n % 12 + 1:02d}",
         "social_worker_id": workers[n % 300], "delivered_at": "2026-01-01"} for n in range(4000)])
    await store.db[GOOD_PRACTICE].insert_many([
        {"_id": f"g-{n:04d}", "acknowledged_at": f"2026-{n % 12 + 1:02d}-01"} for n in range(500)])

    with recorder.case("the queue, a worker's observations and the annual reviews"):
        queue = PracticeLearningQueue(store, outbox=None)  # type: ignore[arg-type] - reads only
        await queue.with_status("to_review")
        await queue.with_status("reviewed", limit=200)
        await PracticeObservations(store).of_worker("p-042")
        await AnnualReviews(store, outbox=None).of_worker("p-042")  # type: ignore[arg-type]
    with recorder.case("the attending teams' audits before and after"):
        await Results(store, outbox=None).of_teams(  # type: ignore[arg-type]
            ["t-01", "t-02"], from_month="2026-03", to_month="2026-08")
    with recorder.case("newest programme items and good practice", top=True):
        await DevelopmentProgramme(store, outbox=None).newest()  # type: ignore[arg-type]
        await GoodPractice(store, outbox=None).newest()  # type: ignore[arg-type]
    with recorder.case("every worker observed, every ASYE year (whole lists by design)"):
        await PracticeObservations(store).per_worker()
        await AnnualReviews(store, outbox=None).last_per_worker()  # type: ignore[arg-type]
        await AsyeRecords(store, outbox=None).every()  # type: ignore[arg-type]
    assert_indexed(await check(store.db, recorder, {}))
