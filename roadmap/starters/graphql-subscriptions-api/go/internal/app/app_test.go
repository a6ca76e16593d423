package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// serve sends one request to the handler and returns its status and JSON body.
func serve(t *testing.T, store Store, method, path, body string) (int, map[string]any) {
	t.Helper()
	rec := httptest.NewRecorder()
	NewHandler(store, NewSchema(store)).ServeHTTP(rec, httptest.NewRequest(method, path, strings.NewReader(body)))
	var out map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		t.Fatalf("%s %s answered %d with %q, not JSON", method, path, rec.Code, rec.Body)
	}
	return rec.Code, out
}

func gql(t *testing.T, store Store, query string, variables map[string]any) (int, map[string]any) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": variables})
	return serve(t, store, http.MethodPost, "/graphql", string(body))
}

func asJSON(v any) string {
	out, _ := json.Marshal(v)
	return string(out)
}

// downStore fails every call the way PgStore does when PostgreSQL is down.
type downStore struct{}

var errDown = fmt.Errorf("%w: connection refused", ErrUnavailable)

func (downStore) CreateAuthor(context.Context, string) (Author, error) { return Author{}, errDown }
func (downStore) FindAuthor(context.Context, string) (*Author, error)  { return nil, errDown }
func (downStore) Ping(context.Context) error                           { return errDown }

func TestHealthAnswers200WhileTheStoreAnswers(t *testing.T) {
	code, body := serve(t, NewMemoryStore(), http.MethodGet, "/health", "")
	if code != 200 || body["status"] != "ok" {
		t.Fatalf("GET /health = %d %v, want 200 with status ok", code, body)
	}
}

func TestCreateAuthorThenAuthorReadsItBackAndAnUnknownIDIsNull(t *testing.T) {
	store := NewMemoryStore()
	code, created := gql(t, store, `mutation ($n: String!) { createAuthor(name: $n) { id name } }`, map[string]any{"n": "Ada"})
	author, _ := created["data"].(map[string]any)["createAuthor"].(map[string]any)
	if code != 200 || author["name"] != "Ada" {
		t.Fatalf("createAuthor = %d %v", code, created)
	}
	_, read := gql(t, store, `query ($id: ID!) { author(id: $id) { id name } }`, map[string]any{"id": author["id"]})
	if want := asJSON(map[string]any{"data": map[string]any{"author": author}}); asJSON(read) != want {
		t.Fatalf("author(id) = %s, want %s", asJSON(read), want)
	}
	_, unknown := gql(t, store, `{ author(id: "42") { id } }`, nil)
	if asJSON(unknown) != `{"data":{"author":null}}` {
		t.Fatalf("author(42) = %s, want null and no errors", asJSON(unknown))
	}
}

func TestAnEmptyNameAndAnUnknownFieldAnswer200WithAnEntryInErrors(t *testing.T) {
	store := NewMemoryStore()
	for _, query := range []string{`mutation { createAuthor(name: " ") { id } }`, `{ nothing }`} {
		code, body := gql(t, store, query, nil)
		errs, _ := body["errors"].([]any)
		if code != 200 || len(errs) == 0 {
			t.Fatalf("%s = %d %v, want 200 with an entry in errors", query, code, body)
		}
		if message, _ := errs[0].(map[string]any)["message"].(string); message == "" {
			t.Fatalf("%s: the error has no message: %v", query, errs[0])
		}
	}
	if len(store.Authors) != 0 {
		t.Fatalf("an empty name was stored: %v", store.Authors)
	}
}

func TestABodyWithoutAQueryAnswers400AndAnUnknownRoute404(t *testing.T) {
	for _, tc := range []struct {
		method, path, body string
		code               int
	}{
		{http.MethodPost, "/graphql", `{"q": 1}`, 400},
		{http.MethodPost, "/graphql", `not JSON`, 400},
		{http.MethodGet, "/nothing", ``, 404},
	} {
		rec := httptest.NewRecorder()
		store := NewMemoryStore()
		NewHandler(store, NewSchema(store)).ServeHTTP(rec, httptest.NewRequest(tc.method, tc.path, strings.NewReader(tc.body)))
		if rec.Code != tc.code {
			t.Fatalf("%s %s %q = %d, want %d", tc.method, tc.path, tc.body, rec.Code, tc.code)
		}
	}
}

func TestADatabaseErrorAnswers503WithAJSONErrorNeverAGraphQLError(t *testing.T) {
	for _, tc := range []struct{ method, path, body string }{
		{http.MethodGet, "/health", ""},
		{http.MethodPost, "/graphql", `{"query": "mutation { createAuthor(name: \"a\") { id } }"}`},
		{http.MethodPost, "/graphql", `{"query": "{ author(id: \"1\") { id } }"}`},
	} {
		code, body := serve(t, downStore{}, tc.method, tc.path, tc.body)
		if message, _ := body["error"].(string); code != 503 || message == "" {
			t.Fatalf("%s %s %s = %d %v, want 503 with an error", tc.method, tc.path, tc.body, code, body)
		}
	}
}

// dialGraphQLWS opens a graphql-ws connection to a test server and sends connection_init.
func dialGraphQLWS(t *testing.T, ctx context.Context) *websocket.Conn {
	t.Helper()
	store := NewMemoryStore()
	srv := httptest.NewServer(NewHandler(store, NewSchema(store)))
	t.Cleanup(srv.Close)
	conn, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(srv.URL, "http")+"/graphql", &websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.CloseNow() })
	if conn.Subprotocol() != "graphql-transport-ws" {
		t.Fatalf("the server chose the subprotocol %q, want graphql-transport-ws", conn.Subprotocol())
	}
	return conn
}

func exchange(t *testing.T, ctx context.Context, conn *websocket.Conn, send string) map[string]any {
	t.Helper()
	if err := conn.Write(ctx, websocket.MessageText, []byte(send)); err != nil {
		t.Fatal(err)
	}
	_, data, err := conn.Read(ctx)
	var got map[string]any
	if err != nil || json.Unmarshal(bytes.TrimSpace(data), &got) != nil {
		t.Fatalf("after %s got %s (%v)", send, data, err)
	}
	return got
}

func TestGraphQLWSAcknowledgesAnswersPingAndRunsAnOperation(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn := dialGraphQLWS(t, ctx)
	if got := exchange(t, ctx, conn, `{"type": "connection_init"}`); got["type"] != "connection_ack" {
		t.Fatalf("connection_init got %v, want connection_ack", got)
	}
	if got := exchange(t, ctx, conn, `{"type": "ping"}`); got["type"] != "pong" {
		t.Fatalf("ping got %v, want pong", got)
	}
	got := exchange(t, ctx, conn, `{"id": "1", "type": "subscribe", "payload": {"query": "{ author(id: \"7\") { id } }"}}`)
	if asJSON(got) != `{"id":"1","payload":{"data":{"author":null}},"type":"next"}` {
		t.Fatalf("a query over graphql-ws got %s, want its result as next", asJSON(got))
	}
	if _, data, err := conn.Read(ctx); err != nil || !strings.Contains(string(data), `"complete"`) {
		t.Fatalf("after the result got %s (%v), want complete", data, err)
	}
	got = exchange(t, ctx, conn, `{"id": "2", "type": "subscribe", "payload": {"query": "subscription { nothing }"}}`)
	if got["type"] != "error" || got["id"] != "2" {
		t.Fatalf("an unknown subscription got %v, want an error message", got)
	}
}

func TestGraphQLWSClosesWith4401WhenSubscribeComesBeforeConnectionInit(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn := dialGraphQLWS(t, ctx)
	_ = conn.Write(ctx, websocket.MessageText, []byte(`{"id": "1", "type": "subscribe", "payload": {"query": "{ author(id: \"1\") { id } }"}}`))
	_, _, err := conn.Read(ctx)
	if websocket.CloseStatus(err) != 4401 {
		t.Fatalf("got %v, want a close with 4401", err)
	}
}
