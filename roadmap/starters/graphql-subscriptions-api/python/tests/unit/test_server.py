"""The HTTP answers of the app against the in-memory store: no services needed."""
import asyncio
import json

from app.server import answer
from app.store import DatabaseUnavailable, MemoryStore


def gql(store, query: str, variables=None):
    return asyncio.run(answer(store, "POST", "/graphql", json.dumps({"query": query, "variables": variables}).encode()))


def test_health_answers_200_while_the_store_answers():
    assert asyncio.run(answer(MemoryStore(), "GET", "/health", b"")) == (200, {"status": "ok"})


def test_create_author_returns_the_author_and_author_reads_it_back_unknown_is_null():
    store = MemoryStore()
    status, body = gql(store, "mutation ($n: String!) { createAuthor(name: $n) { id name } }", {"n": "Ada"})
    assert status == 200
    author = body["data"]["createAuthor"]
    assert author["name"] == "Ada"
    assert gql(store, "query ($id: ID!) { author(id: $id) { id name } }", {"id": author["id"]}) == (200, {"data": {"author": author}})
    assert gql(store, '{ author(id: "42") { id } }') == (200, {"data": {"author": None}})


def test_an_empty_name_and_an_unknown_field_answer_200_with_an_entry_in_errors():
    store = MemoryStore()
    status, body = gql(store, 'mutation { createAuthor(name: " ") { id } }')
    assert status == 200 and body["errors"][0]["message"] == "name must not be empty"
    assert store.authors == []
    status, body = gql(store, "{ nothing }")
    assert status == 200 and isinstance(body["errors"][0]["message"], str)


def test_a_body_without_a_query_answers_400_and_an_unknown_route_404():
    assert asyncio.run(answer(MemoryStore(), "POST", "/graphql", b'{"q": 1}'))[0] == 400
    assert asyncio.run(answer(MemoryStore(), "POST", "/graphql", b"{oops"))[0] == 400
    assert asyncio.run(answer(MemoryStore(), "GET", "/nothing", b""))[0] == 404


class DownStore:
    """Every method fails the way the real store does when PostgreSQL is down."""

    def __getattr__(self, name):
        async def fail(*args):
            raise DatabaseUnavailable("connection refused")
        return fail


def test_a_database_error_answers_503_with_a_json_error_never_a_graphql_error():
    down = DownStore()
    assert asyncio.run(answer(down, "GET", "/health", b""))[0] == 503
    for query in ['mutation { createAuthor(name: "a") { id } }', '{ author(id: "1") { id } }']:
        status, body = gql(down, query)
        assert status == 503 and isinstance(body["error"], str)
