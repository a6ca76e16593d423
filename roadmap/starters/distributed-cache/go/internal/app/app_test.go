package app

import (
	"net"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
)

func do(t *testing.T, h http.Handler, method, path, body string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, strings.NewReader(body)))
	return rec
}

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func newHandler(t *testing.T) http.Handler {
	cfg, err := LoadConfig(env(map[string]string{"NODE_ID": "a"}))
	if err != nil {
		t.Fatal(err)
	}
	return NewHandler(NewNode(cfg))
}

func TestHealth(t *testing.T) {
	rec := do(t, newHandler(t), "GET", "/health", "")
	if rec.Code != 200 || strings.TrimSpace(rec.Body.String()) != `{"status":"ok"}` {
		t.Fatalf("GET /health = %d %s", rec.Code, rec.Body)
	}
}

func TestPutThenGet(t *testing.T) {
	h := newHandler(t)
	if rec := do(t, h, "PUT", "/cache/greeting", `{"value":"hello"}`); rec.Code != 200 {
		t.Fatalf("PUT = %d %s", rec.Code, rec.Body)
	}
	rec := do(t, h, "GET", "/cache/greeting", "")
	if strings.TrimSpace(rec.Body.String()) != `{"key":"greeting","value":"hello"}` {
		t.Fatalf("GET = %s", rec.Body)
	}
}

func TestInvalidAndUnknown(t *testing.T) {
	h := newHandler(t)
	for _, body := range []string{`{"value":42}`, `{}`, `not json`} {
		if rec := do(t, h, "PUT", "/cache/k", body); rec.Code != 400 {
			t.Errorf("PUT %s = %d, want 400", body, rec.Code)
		}
	}
	if rec := do(t, h, "GET", "/cache/k", ""); rec.Code != 404 {
		t.Errorf("GET /cache/k = %d, want 404", rec.Code)
	}
}

func TestConfig(t *testing.T) {
	c, err := LoadConfig(env(map[string]string{"PORT": "8081", "NODE_ID": "b", "NODES": "a=http://127.0.0.1:1,b=http://127.0.0.1:2/", "MAX_KEYS": "5"}))
	if err != nil || c.Port != 8081 || c.NodeID != "b" || c.MaxKeys != 5 {
		t.Fatalf("LoadConfig = %+v, %v", c, err)
	}
	if want := []Peer{{"a", "http://127.0.0.1:1"}, {"b", "http://127.0.0.1:2"}}; !reflect.DeepEqual(c.Nodes, want) {
		t.Fatalf("Nodes = %+v", c.Nodes)
	}
	for _, bad := range []map[string]string{{"PORT": "eighty"}, {"MAX_KEYS": "0"}, {"NODES": "nourl"}} {
		if _, err := LoadConfig(env(bad)); err == nil {
			t.Errorf("%v was accepted", bad)
		}
	}
}

func TestSilentPeerIs503(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	// The port was free a moment ago: nothing listens there.
	reply := CallPeer("http://"+addr, "GET", "/cache/k", nil, nil)
	if reply.Status != 503 || !strings.Contains(reply.Body.(map[string]string)["error"], "did not answer") {
		t.Fatalf("CallPeer = %+v", reply)
	}
}
