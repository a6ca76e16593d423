import threading
import time

import pytest

from app.jobs import perform
from app.routes import Deps, respond
from app.store import MemoryStore, StoreUnavailable


class DownStore:
    """A store whose database is down: every call fails as PgStore's do."""

    def _fail(self, *args):
        raise StoreUnavailable("database error: connection refused")

    balance = credit = ping = _fail


def get(deps, path):
    return respond(deps, "GET", path, None, {})


def test_health_answers_200_while_the_store_answers_and_503_with_a_json_error_when_not():
    assert get(Deps(store=MemoryStore()), "/health")[0] == 200
    status, body = get(Deps(store=DownStore()), "/health")
    assert status == 503 and isinstance(body["error"], str)


def test_an_account_starts_at_0_and_shows_its_credits():
    store = MemoryStore()
    assert get(Deps(store=store), "/accounts/ada") == (200, {"id": "ada", "balance": 0})
    store.credit("ada", 5)
    store.credit("ada", 2)
    assert get(Deps(store=store), "/accounts/ada") == (200, {"id": "ada", "balance": 7})


def test_a_database_error_answers_503_with_a_json_error_not_500():
    status, body = get(Deps(store=DownStore()), "/accounts/ada")
    assert status == 503 and "database" in body["error"]


def test_an_unknown_route_answers_404():
    assert get(Deps(store=MemoryStore()), "/nothing")[0] == 404


def test_perform_credits_first_then_works_and_a_fail_job_fails_its_first_times_attempts():
    store = MemoryStore()
    thread = threading.Thread(target=perform, args=(store, {"type": "credit", "account": "ada", "amount": 5, "workMs": 300}, 1))
    thread.start()
    time.sleep(0.1)
    assert store.balance("ada") == 5, "the credit shows while the attempt still works"
    thread.join()
    for attempt in (1, 2):
        with pytest.raises(RuntimeError):
            perform(store, {"type": "fail", "times": 2}, attempt)
    perform(store, {"type": "fail", "times": 2}, 3)
