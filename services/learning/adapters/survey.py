"""The staff survey's collections: `surveys` (each year's questions), `survey_answers` (the
anonymous answers: a random id, the survey, the day, the ratings; no person, no version, no
write id) and `survey_respondents` (one document per survey: the sorted ids of those who
have answered, so it keeps no order of answering and nothing leads to an answer).

Claiming a place and storing the answer are two writes, not one transaction, so no log
entry of the store bundles a person with their answer. The answer's event waits in the
outbox for the relay (published 5 s or more later, outside the request: no trace or timing
of the request goes with it)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, time
from typing import Any

from pymongo import InsertOne
from pymongo.errors import DuplicateKeyError

from schemas.survey import StaffSurveyAnswered
from shared.envelope import Envelope
from shared.outbox import Outbox, entries, written
from shared.outbox_relay import OUTBOX
from shared.store import IndexSpec, Store, ascending

SURVEYS = "surveys"
ANSWERS = "survey_answers"
RESPONDENTS = "survey_respondents"
INDEXES = [IndexSpec(ANSWERS, ascending("survey_id"))]


class AlreadyAnswered(Exception):
    """This person has answered this survey."""


class Surveys:
    def __init__(self, store: Store, outbox: Outbox) -> None:
        self._surveys = store.db[SURVEYS]
        self._answers = store.db[ANSWERS]
        self._respondents = store.db[RESPONDENTS]
        self.outbox = outbox

    async def get(self, survey_id: str) -> dict[str, Any] | None:
        return await self._surveys.find_one({"_id": survey_id})

    async def set_questions(self, survey: dict[str, Any]) -> None:
        await self._surveys.replace_one({"_id": survey["_id"]}, survey, upsert=True)

    async def answered_count(self, survey_id: str) -> int:
        return await self._answers.count_documents({"survey_id": survey_id})

    async def answers(self, survey_id: str) -> list[dict[str, Any]]:
        return await self._answers.find({"survey_id": survey_id}).to_list(100_000)

    async def has_answered(self, survey_id: str, person_id: str) -> bool:
        return await self._respondents.count_documents(
            {"_id": survey_id, "respondents": person_id}) > 0

    async def answer_once(self, person_id: str, answer: StaffSurveyAnswered) -> None:
        """AlreadyAnswered if this person has answered the survey."""
        await self._claim(answer.survey_id, person_id)
        envelope = Envelope(  # built here, not by the publisher: no request trace, no time
            event_id=uuid.uuid4(), event_type=answer.event_type,
            schema_version=answer.schema_version, source=self.outbox.publisher.source,
            occurred_at=datetime.combine(answer.answered_on, time(), UTC),
            subject=answer.subject(), correlation_id=str(uuid.uuid4()),
            data=answer.model_dump(mode="json"))
        held = written(ANSWERS, answer.answer_id, [(answer, envelope)])
        document = {"_id": answer.answer_id, "survey_id": answer.survey_id,
                    "year": answer.year, "answered_on": answer.answered_on.isoformat(),
                    "ratings": answer.ratings}
        namespace = f"{self._answers.database.name}"
        try:
            await self.outbox.group.run(
                [InsertOne(document, namespace=f"{namespace}.{ANSWERS}"),
                 *[InsertOne(e, namespace=f"{namespace}.{OUTBOX}") for e in entries(held)]],
                check=lambda _: None)
        except BaseException:
            # Not stored: the place is given back so they can answer again.
            await self._respondents.update_one({"_id": answer.survey_id},
                                               {"$pull": {"respondents": person_id}})
            raise

    async def _claim(self, survey_id: str, person_id: str) -> None:
        try:
            claimed = await self._respondents.update_one(
                {"_id": survey_id, "respondents": {"$ne": person_id}},
                {"$push": {"respondents": {"$each": [person_id], "$sort": 1}}}, upsert=True)
        except DuplicateKeyError as error:  # the survey's document holds them already
            raise AlreadyAnswered(survey_id) from error
        if claimed.matched_count == 0 and claimed.upserted_id is None:
            raise AlreadyAnswered(survey_id)
