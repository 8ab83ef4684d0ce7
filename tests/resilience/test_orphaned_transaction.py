"""A transaction left open by a process killed -9 must not hold the store up for long: the
store aborts it after its lifetime limit (deploy/store/ping.py sets 10 s at every start), and
a conflicting write then goes through. Found by the kill -9 battery: with MongoDB's default
60 s the local store made every conflicting write wait, and the service's requests timed out
after 30 s instead of answering."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from pymongo import MongoClient

from tests.support.factories import uid

pytestmark = pytest.mark.local_store
URI = os.environ.get("QA_MONGO_URI", "mongodb://127.0.0.1:29017/")
# A client that opens a transaction, changes one document, says so, and then waits forever.
HOLDER = """
import sys, time
from pymongo import MongoClient
client = MongoClient(sys.argv[1])
things = client[sys.argv[2]]["things"]
with client.start_session() as session:
    session.start_transaction()
    things.update_one({"_id": "held"}, {"$set": {"by": "holder"}}, session=session)
    print("holding", flush=True)
    time.sleep(3600)  # held open until the test kills it: not a wait
"""


def test_a_killed_clients_transaction_stops_holding_writes_within_the_limit():
    database = uid("orphan").replace("-", "_")
    client = MongoClient(URI, serverSelectionTimeoutMS=5000)
    try:
        limit = client.admin.command({"getParameter": 1, "transactionLifetimeLimitSeconds": 1})[
            "transactionLifetimeLimitSeconds"]
        assert limit <= 10
        client[database]["things"].insert_one({"_id": "held", "by": "nobody"})
        holder = subprocess.Popen([sys.executable, "-c", HOLDER, URI, database],
                                  stdout=subprocess.PIPE, text=True)
        assert holder.stdout.readline().strip() == "holding"
        holder.send_signal(signal.SIGKILL)
        holder.wait(10)
        started = time.monotonic()
        client[database]["things"].update_one({"_id": "held"}, {"$set": {"by": "after"}})
        waited = time.monotonic() - started
        assert client[database]["things"].find_one({"_id": "held"})["by"] == "after"
        assert waited < limit + 10, f"a conflicting write waited {waited:.1f}s"
    finally:
        client.drop_database(database)
        client.close()
