"""Forgetting an erased subject's keys the moment the erasure's event arrives.

Data protection destroys the keys in the key ring and publishes `personal_data.subject_erased`
(qa.privacy) with their ids. A process that read with those keys a moment ago still has them
in its cache (`QA_KEY_CACHE_SECONDS`); this drops them at once, so what it reads next reads as
erased. Every service adds `forget_erased_keys` to its one subscriptions list; reporting,
which reads in batches, runs `forget_erased_in_batch` over each batch before projecting it.

The subscription is in the service's consumer group, so with several replicas one of them
forgets at once and the others when their cache runs out (seconds): see README, "Personal
data"."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from schemas import topics
from schemas.privacy import SubjectErased
from shared.consumer import TopicRoutes
from shared.envelope import Envelope

from .envelopes import PersonalData


def forget_erased_keys(personal: PersonalData) -> TopicRoutes:
    """qa.privacy's erasures: their keys forgotten by this process's key ring."""
    async def on_subject_erased(event: SubjectErased, _envelope: Envelope) -> None:
        personal.keyring.forget(event.key_ids)
    return TopicRoutes(topics.PRIVACY, {SubjectErased: on_subject_erased})


def erased_key_ids(records: Sequence[Any]) -> list[str]:
    """The key ids every erasure among these Kafka records destroyed (others ignored)."""
    found: list[str] = []
    for record in records:
        if record.topic != topics.PRIVACY or not record.value:
            continue
        try:
            message = json.loads(record.value)
            if message.get("event_type") == SubjectErased.event_type:
                found += SubjectErased.model_validate(message["data"]).key_ids
        except (ValueError, KeyError, TypeError, AttributeError, ValidationError):
            continue  # not an erasure this reader can read: left as it is
    return found


def forget_erased_in_batch(personal: PersonalData, records: Sequence[Any]) -> int:
    """Forget the keys the batch's erasures destroyed; how many."""
    key_ids = erased_key_ids(records)
    if key_ids:
        personal.keyring.forget(key_ids)
    return len(key_ids)
