import json

from schemas import topics
from schemas.catalogue import BY_TYPE, EVENTS
from schemas.generate import OUT, rendered


def test_committed_schema_files_match_the_models():
    stale = [str(p) for p, text in rendered().items() if not p.exists() or p.read_text() != text]
    assert stale == [], "run `make schemas` and commit the result"


def test_every_event_type_is_unique_and_on_a_known_topic():
    assert len(BY_TYPE) == len(EVENTS)
    assert {m.topic for m in EVENTS} <= set(topics.ALL)


def test_the_asyncapi_document_names_every_topic_and_event():
    doc = json.loads((OUT / "asyncapi.json").read_text())
    assert doc["asyncapi"].startswith("3.")
    assert {c["address"] for c in doc["channels"].values()} == set(topics.ALL)
    assert set(BY_TYPE) <= set(doc["components"]["messages"])
