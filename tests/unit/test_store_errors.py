"""Which store errors mean "the store is unavailable" (503) and which are conflicts to run
again: a client bulk write wraps both inside its own exception."""

from pymongo.errors import AutoReconnect, ClientBulkWriteException, OperationFailure

from shared.store import conflicting, unavailable


def bulk_failure(**details) -> ClientBulkWriteException:
    return ClientBulkWriteException({"anySuccessful": False, "error": None, "writeErrors": [],
                                     "writeConcernErrors": [], **details}, verbose=True)


def test_a_lost_connection_inside_a_bulk_write_is_the_store_unavailable():
    lost = bulk_failure(error=AutoReconnect("127.0.0.1:27018: connection reset by peer"))
    assert unavailable(lost) and not conflicting(lost)
    assert unavailable(AutoReconnect("down"))


def test_a_write_conflict_inside_a_bulk_write_is_run_again_not_unavailable():
    conflict = bulk_failure(writeErrors=[{"idx": 0, "code": 112, "errmsg": "WriteConflict"}])
    assert conflicting(conflict) and not unavailable(conflict)


def test_a_duplicate_key_is_neither():
    duplicate = bulk_failure(writeErrors=[{"idx": 0, "code": 11000, "errmsg": "E11000"}])
    assert not conflicting(duplicate) and not unavailable(duplicate)
    shutting_down = OperationFailure("shutting down", code=91)
    assert unavailable(shutting_down) and not conflicting(shutting_down)
