package app

import (
	"context"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
)

const secret = "unit-test-secret-that-is-32-chars-long"

func deps() Deps {
	return Deps{Store: &MemoryStore{}, Cache: MemoryCache{}, JWTSecret: secret}
}

func do(t *testing.T, d Deps, method, path, body string) (int, []byte) {
	t.Helper()
	rec := httptest.NewRecorder()
	NewHandler(d).ServeHTTP(rec, httptest.NewRequest(method, path, strings.NewReader(body)))
	return rec.Code, rec.Body.Bytes()
}

var errDown = errors.New("connection refused")

type downStore struct{ *MemoryStore }

func (downStore) Ping(context.Context) error                { return errDown }
func (downStore) ListPosts(context.Context) ([]Post, error) { return nil, errDown }

type downCache struct{ MemoryCache }

func (downCache) Ping(context.Context) error { return errDown }

func TestHealthAnswers200WhilePostgresAndRedisAnswer(t *testing.T) {
	code, raw := do(t, deps(), "GET", "/health", "")
	var body map[string]any
	_ = json.Unmarshal(raw, &body)
	if code != 200 || body["status"] != "ok" {
		t.Fatalf("health = %d %s", code, raw)
	}
}

func TestHealthAnswers503AndNamesTheServiceThatDoesNotAnswer(t *testing.T) {
	for name, d := range map[string]Deps{
		"postgresql": {Store: downStore{&MemoryStore{}}, Cache: MemoryCache{}},
		"redis":      {Store: &MemoryStore{}, Cache: downCache{}},
	} {
		code, raw := do(t, d, "GET", "/health", "")
		var body struct{ Failed []string }
		_ = json.Unmarshal(raw, &body)
		if code != 503 || len(body.Failed) != 1 || body.Failed[0] != name {
			t.Errorf("%s down: health = %d %s", name, code, raw)
		}
	}
}

func TestGetPostsAnswersThe20NewestFirst(t *testing.T) {
	store := &MemoryStore{}
	for id := int64(1); id <= 21; id++ {
		store.Posts = append(store.Posts, Post{ID: id, Title: "t", Body: "b", Author: "ada"})
	}
	code, raw := do(t, Deps{Store: store, Cache: MemoryCache{}}, "GET", "/posts", "")
	var posts []Post
	_ = json.Unmarshal(raw, &posts)
	if code != 200 || len(posts) != 20 || posts[0].ID != 21 || posts[19].ID != 2 {
		t.Fatalf("GET /posts = %d %s", code, raw)
	}
}

func TestADatabaseThatFailsAnswers503WithAJSONErrorAndUnknownRoutes404(t *testing.T) {
	code, raw := do(t, Deps{Store: downStore{&MemoryStore{}}, Cache: MemoryCache{}}, "GET", "/posts", "")
	var body map[string]any
	_ = json.Unmarshal(raw, &body)
	if _, ok := body["error"].(string); code != 503 || !ok {
		t.Fatalf("GET /posts with the database down = %d %s", code, raw)
	}
	if code, _ := do(t, deps(), "GET", "/nowhere", ""); code != 404 {
		t.Fatalf("unknown route = %d", code)
	}
}

func TestPasswordsAreHashedAndTokensCarryTheUserID(t *testing.T) {
	hash, err := HashPassword("long-enough")
	if err != nil || strings.Contains(hash, "long-enough") || !CheckPassword("long-enough", hash) || CheckPassword("wrong-password", hash) {
		t.Fatalf("hash %q, err %v", hash, err)
	}
	token, _ := SignToken(7, secret)
	if id, ok := VerifyToken(token, secret); !ok || id != 7 {
		t.Fatalf("VerifyToken = %d %v", id, ok)
	}
	if _, ok := VerifyToken(token, secret+"-other"); ok {
		t.Fatal("a token signed with another secret was accepted")
	}
}
