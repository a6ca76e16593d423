import socket

import pytest

from app.config import Peer, load_config, parse_nodes
from app.peers import call_peer
from app.routes import make_node, route


def node():
    return make_node(load_config({"NODE_ID": "a"}))


def test_health_answers_ok():
    assert route(node(), "GET", "/health", None) == (200, {"status": "ok"})


def test_a_value_put_is_read_back():
    n = node()
    assert route(n, "PUT", "/cache/greeting", {"value": "hello"}) == (200, {"key": "greeting", "value": "hello"})
    assert route(n, "GET", "/cache/greeting", None) == (200, {"key": "greeting", "value": "hello"})


@pytest.mark.parametrize("body", [{"value": 42}, None, {"other": "x"}])
def test_a_value_that_is_not_text_answers_400(body):
    assert route(node(), "PUT", "/cache/k", body)[0] == 400


def test_an_unknown_key_answers_404():
    assert route(node(), "GET", "/cache/k", None)[0] == 404


def test_settings_come_from_the_environment_and_are_checked():
    c = load_config({"PORT": "8081", "NODE_ID": "b", "NODES": "a=http://127.0.0.1:1,b=http://127.0.0.1:2/", "MAX_KEYS": "5"})
    assert (c.port, c.node_id, c.max_keys) == (8081, "b", 5)
    assert c.nodes == [Peer("a", "http://127.0.0.1:1"), Peer("b", "http://127.0.0.1:2")]
    assert parse_nodes("") == []
    with pytest.raises(ValueError, match="id=url pairs"):
        parse_nodes("nourl")
    with pytest.raises(ValueError, match="PORT must be a TCP port"):
        load_config({"PORT": "eighty"})
    with pytest.raises(ValueError, match="MAX_KEYS"):
        load_config({"MAX_KEYS": "0"})


def test_a_peer_that_does_not_answer_gives_503_with_a_json_error():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # The port was free a moment ago: nothing listens there.
    status, body = call_peer(f"http://127.0.0.1:{port}", "GET", "/cache/k")
    assert status == 503
    assert "did not answer" in body["error"]
