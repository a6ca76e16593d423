package app

import (
	"context"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

func TestCodes(t *testing.T) {
	re := regexp.MustCompile(`^[0-9A-Za-z]{7}$`)
	for i := 0; i < 100; i++ {
		if c := NewCode(); !re.MatchString(c) {
			t.Fatalf("bad code %q", c)
		}
	}
}

type down struct{ *MemoryLinkStore }

func (down) Ping(context.Context) error { return errors.New("down") }

func TestHealthFollowsTheStore(t *testing.T) {
	rec := httptest.NewRecorder()
	NewHandler(NewMemoryLinkStore(), "http://sho.rt").ServeHTTP(rec, httptest.NewRequest("GET", "/health", nil))
	if rec.Code != 200 {
		t.Fatalf("health = %d", rec.Code)
	}
	rec = httptest.NewRecorder()
	NewHandler(down{NewMemoryLinkStore()}, "http://sho.rt").ServeHTTP(rec, httptest.NewRequest("GET", "/health", nil))
	if rec.Code != 503 {
		t.Fatalf("health with the store down = %d, want 503", rec.Code)
	}
}

func TestShortenThenRedirect(t *testing.T) {
	h := NewHandler(NewMemoryLinkStore(), "http://sho.rt")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("POST", "/links", strings.NewReader(`{"url":"https://example.com/a?b=c"}`)))
	if rec.Code != 201 {
		t.Fatalf("POST /links = %d %s", rec.Code, rec.Body)
	}
	var body map[string]string
	_ = json.NewDecoder(rec.Body).Decode(&body)
	if body["short"] != "http://sho.rt/"+body["code"] {
		t.Fatalf("short = %q", body["short"])
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/"+body["code"], nil))
	if rec.Code != 302 || rec.Header().Get("Location") != "https://example.com/a?b=c" {
		t.Fatalf("GET /%s = %d %q", body["code"], rec.Code, rec.Header().Get("Location"))
	}
}

func TestUnknownAndInvalid(t *testing.T) {
	h := NewHandler(NewMemoryLinkStore(), "http://sho.rt")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/abcdefg", nil))
	if rec.Code != 404 {
		t.Errorf("unknown code = %d", rec.Code)
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("POST", "/links", strings.NewReader(`{}`)))
	if rec.Code != 400 {
		t.Errorf("missing url = %d", rec.Code)
	}
}
