package app

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
)

func send(t *testing.T, store PostStore, method, path, body string) (int, map[string]any) {
	t.Helper()
	var reader io.Reader
	if body != "" {
		reader = strings.NewReader(body)
	}
	rec := httptest.NewRecorder()
	NewHandler(store).ServeHTTP(rec, httptest.NewRequest(method, path, reader))
	var out map[string]any
	_ = json.NewDecoder(rec.Body).Decode(&out)
	return rec.Code, out
}

func TestHealthAnswers200WhileTheStoreAnswers(t *testing.T) {
	if status, _ := send(t, NewMemoryPostStore(), "GET", "/health", ""); status != 200 {
		t.Fatalf("health = %d", status)
	}
}

func TestACreatedPostIsReturnedByItsID(t *testing.T) {
	store := NewMemoryPostStore()
	status, post := send(t, store, "POST", "/posts", `{"title":"Hello","body":"First post"}`)
	if status != 201 || post["title"] != "Hello" || post["createdAt"] == nil {
		t.Fatalf("POST /posts = %d %v", status, post)
	}
	status, got := send(t, store, "GET", "/posts/1", "")
	if status != 200 || got["body"] != "First post" {
		t.Fatalf("GET /posts/1 = %d %v", status, got)
	}
}

func TestAMissingEmptyOrNonTextFieldAnswers400(t *testing.T) {
	store := NewMemoryPostStore()
	for _, body := range []string{``, `{}`, `{"title":"x"}`, `{"title":"","body":"x"}`, `{"title":"x","body":7}`, `{"title": `} {
		status, out := send(t, store, "POST", "/posts", body)
		if _, isText := out["error"].(string); status != 400 || !isText {
			t.Errorf("POST /posts %s = %d %v, want 400 with an error", body, status, out)
		}
	}
	if len(store.posts) != 0 {
		t.Fatalf("%d posts stored, want none", len(store.posts))
	}
}

func TestAnUnknownOrMalformedIDAnswers404(t *testing.T) {
	for _, path := range []string{"/posts/42", "/posts/abc", "/posts/99999999999999999999"} {
		if status, _ := send(t, NewMemoryPostStore(), "GET", path, ""); status != 404 {
			t.Errorf("GET %s = %d, want 404", path, status)
		}
	}
}

// down fails every call the tests make the way a query fails when PostgreSQL is down; the
// embedded interface stands in for the methods a test does not call.
type down struct{ PostStore }

var errDown = errors.New("connection refused")

func (down) Create(context.Context, string, string) (Post, error) { return Post{}, errDown }
func (down) Find(context.Context, int64) (Post, bool, error)      { return Post{}, false, errDown }
func (down) Ping(context.Context) error                           { return errDown }

func TestADatabaseErrorAnswers503WithAJSONError(t *testing.T) {
	for _, c := range []struct{ method, path, body string }{{"GET", "/health", ""}, {"POST", "/posts", `{"title":"a","body":"b"}`}, {"GET", "/posts/1", ""}} {
		status, out := send(t, down{}, c.method, c.path, c.body)
		if _, isText := out["error"].(string); status != 503 || !isText {
			t.Errorf("%s %s with the database down = %d %v, want 503 with an error", c.method, c.path, status, out)
		}
	}
}
