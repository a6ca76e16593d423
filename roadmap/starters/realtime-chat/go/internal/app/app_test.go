package app

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
)

// recorder is a Client that keeps every frame it was sent, parsed.
type recorder struct{ got []map[string]any }

func (r *recorder) Send(frame []byte) {
	var v map[string]any
	_ = json.Unmarshal(frame, &v)
	r.got = append(r.got, v)
}

type downStore struct{}

func (downStore) Save(context.Context, string, string) (Message, error) {
	return Message{}, errors.New("down")
}
func (downStore) Recent(context.Context, string, int) ([]Message, error) {
	return nil, errors.New("down")
}
func (downStore) Ping(context.Context) error { return errors.New("down") }

func TestHealthAnswers200Or503WithAJSONError(t *testing.T) {
	for _, tc := range []struct {
		store MessageStore
		code  int
		key   string
	}{{NewMemoryMessageStore(), 200, "status"}, {downStore{}, 503, "error"}} {
		rec := httptest.NewRecorder()
		NewHandler(tc.store, NewChat(tc.store)).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/health", nil))
		var body map[string]string
		_ = json.Unmarshal(rec.Body.Bytes(), &body)
		if rec.Code != tc.code || body[tc.key] == "" {
			t.Fatalf("GET /health = %d %s, want %d with %q", rec.Code, rec.Body, tc.code, tc.key)
		}
	}
}

func TestAFrameThatIsNotJSONIsAnsweredWithAnError(t *testing.T) {
	chat := NewChat(NewMemoryMessageStore())
	alice := &recorder{}
	ctx := context.Background()
	chat.Join(ctx, alice, "lobby")
	chat.Receive(ctx, alice, "lobby", []byte("hello, not JSON"))
	chat.Receive(ctx, alice, "lobby", []byte(`{"type": "dance"}`))
	if len(alice.got) != 2 || alice.got[0]["type"] != "error" || alice.got[1]["type"] != "error" {
		t.Fatalf("got %v, want two error frames", alice.got)
	}
}

func TestTheMemoryStoreKeepsARoomsMessagesInOrder(t *testing.T) {
	store := NewMemoryMessageStore()
	ctx := context.Background()
	for _, m := range [][2]string{{"a", "one"}, {"b", "other room"}, {"a", "two"}} {
		_, _ = store.Save(ctx, m[0], m[1])
	}
	all, _ := store.Recent(ctx, "a", 50)
	last, _ := store.Recent(ctx, "a", 1)
	if len(all) != 2 || all[0].Text != "one" || all[1].Text != "two" || len(last) != 1 || last[0].Text != "two" {
		t.Fatalf("Recent = %v and %v", all, last)
	}
}
