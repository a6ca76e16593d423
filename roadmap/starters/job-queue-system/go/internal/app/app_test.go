package app

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// downStore is a store whose database is down: every call fails as PgStore's do.
type downStore struct{}

var errDown = errors.New("dial tcp 127.0.0.1:5432: connect: connection refused")

func (downStore) Balance(context.Context, string) (int64, error) { return 0, errDown }
func (downStore) Credit(context.Context, string, int64) error    { return errDown }
func (downStore) Ping(context.Context) error                     { return errDown }

func get(t *testing.T, h http.Handler, path string) (int, map[string]any) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	var body map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatalf("GET %s: the body is not JSON: %q", path, rec.Body.String())
	}
	return rec.Code, body
}

func TestHealthAnswers200WhileTheStoreAnswersAnd503WithAJSONErrorWhenNot(t *testing.T) {
	if code, _ := get(t, NewHandler(NewMemoryStore()), "/health"); code != 200 {
		t.Fatalf("health: %d", code)
	}
	code, body := get(t, NewHandler(downStore{}), "/health")
	if _, ok := body["error"].(string); code != 503 || !ok {
		t.Fatalf("health with the database down: %d %v", code, body)
	}
}

func TestAnAccountStartsAt0AndShowsItsCredits(t *testing.T) {
	store := NewMemoryStore()
	h := NewHandler(store)
	if code, body := get(t, h, "/accounts/ada"); code != 200 || body["id"] != "ada" || body["balance"] != 0.0 {
		t.Fatalf("new account: %d %v", code, body)
	}
	_ = store.Credit(context.Background(), "ada", 5)
	_ = store.Credit(context.Background(), "ada", 2)
	if _, body := get(t, h, "/accounts/ada"); body["balance"] != 7.0 {
		t.Fatalf("after credits: %v", body)
	}
}

func TestADatabaseErrorAnswers503WithAJSONErrorNot500(t *testing.T) {
	code, body := get(t, NewHandler(downStore{}), "/accounts/ada")
	if _, ok := body["error"].(string); code != 503 || !ok {
		t.Fatalf("got %d %v", code, body)
	}
}

func TestAnUnknownRouteAnswers404(t *testing.T) {
	if code, _ := get(t, NewHandler(NewMemoryStore()), "/nothing"); code != 404 {
		t.Fatalf("got %d", code)
	}
}

func TestPerformCreditsFirstThenWorksAndAFailJobFailsItsFirstTimesAttempts(t *testing.T) {
	store := NewMemoryStore()
	ctx := context.Background()
	done := make(chan error)
	go func() { done <- Perform(ctx, store, Job{Type: "credit", Account: "ada", Amount: 5, WorkMs: 300}, 1) }()
	time.Sleep(100 * time.Millisecond)
	if b, _ := store.Balance(ctx, "ada"); b != 5 {
		t.Fatalf("the credit must show while the attempt still works, got %d", b)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	for attempt := 1; attempt <= 2; attempt++ {
		if Perform(ctx, store, Job{Type: "fail", Times: 2}, attempt) == nil {
			t.Fatalf("attempt %d should fail", attempt)
		}
	}
	if err := Perform(ctx, store, Job{Type: "fail", Times: 2}, 3); err != nil {
		t.Fatal(err)
	}
}
