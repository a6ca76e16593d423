package app

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

type down struct{ *MemoryStore }

func (down) Ping(context.Context) error { return errors.New("down") }

// call sends one request to h and returns the status and the decoded JSON body.
func call(h http.Handler, method, path, auth, body string) (int, any) {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var decoded any
	_ = json.NewDecoder(rec.Body).Decode(&decoded)
	return rec.Code, decoded
}

// login registers and logs in; it returns the Authorization header for that user.
func login(t *testing.T, h http.Handler, email string) string {
	t.Helper()
	creds := `{"email":"` + email + `","password":"secret-password"}`
	if code, body := call(h, "POST", "/auth/register", "", creds); code != 201 {
		t.Fatalf("register %s = %d %v", email, code, body)
	}
	code, body := call(h, "POST", "/auth/login", "", creds)
	if code != 200 {
		t.Fatalf("login %s = %d %v", email, code, body)
	}
	return "Bearer " + body.(map[string]any)["token"].(string)
}

func TestHealthFollowsTheStore(t *testing.T) {
	if code, _ := call(NewHandler(NewMemoryStore(), secret), "GET", "/health", "", ""); code != 200 {
		t.Fatalf("health = %d", code)
	}
	if code, _ := call(NewHandler(down{NewMemoryStore()}, secret), "GET", "/health", "", ""); code != 503 {
		t.Fatalf("health with the store down = %d, want 503", code)
	}
}

func TestRegisterAndLogin(t *testing.T) {
	store := NewMemoryStore()
	h := NewHandler(store, secret)
	login(t, h, "ada@example.com")
	if store.Users[0].PasswordHash == "secret-password" {
		t.Fatal("the password is stored as it was sent")
	}
	for _, c := range []struct {
		path, body string
		want       int
	}{
		{"/auth/register", `{"email":"ADA@example.com","password":"another-password"}`, 409},
		{"/auth/register", `{"email":"not-an-email","password":"secret-password"}`, 400},
		{"/auth/login", `{"email":"ada@example.com","password":"wrong-password"}`, 401},
		{"/auth/login", `{"email":"nobody@example.com","password":"secret-password"}`, 401},
	} {
		if code, _ := call(h, "POST", c.path, "", c.body); code != c.want {
			t.Errorf("POST %s %s = %d, want %d", c.path, c.body, code, c.want)
		}
	}
}

func TestUsersSeeOnlyTheirOwnTasks(t *testing.T) {
	h := NewHandler(NewMemoryStore(), secret)
	ada, bob := login(t, h, "ada@example.com"), login(t, h, "bob@example.com")
	code, task := call(h, "POST", "/tasks", ada, `{"title":"Write the README"}`)
	want := map[string]any{"id": 1.0, "title": "Write the README", "done": false}
	if code != 201 || !equalJSON(task, want) {
		t.Fatalf("POST /tasks = %d %v", code, task)
	}
	if _, list := call(h, "GET", "/tasks", ada, ""); !equalJSON(list, []any{want}) {
		t.Errorf("ada's tasks = %v", list)
	}
	if _, list := call(h, "GET", "/tasks", bob, ""); !equalJSON(list, []any{}) {
		t.Errorf("bob's tasks = %v, want none", list)
	}
	if code, _ := call(h, "POST", "/tasks", ada, `{}`); code != 400 {
		t.Errorf("POST /tasks without a title = %d, want 400", code)
	}
}

func TestTaskRoutesAnswer401WithoutAValidToken(t *testing.T) {
	h := NewHandler(NewMemoryStore(), secret)
	for _, auth := range []string{"", "Bearer nonsense", "Basic YWRhOnNlY3JldA=="} {
		if code, _ := call(h, "GET", "/tasks", auth, ""); code != 401 {
			t.Errorf("GET /tasks with %q = %d, want 401", auth, code)
		}
		if code, _ := call(h, "POST", "/tasks", auth, `{"title":"x"}`); code != 401 {
			t.Errorf("POST /tasks with %q = %d, want 401", auth, code)
		}
	}
}

func equalJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}
