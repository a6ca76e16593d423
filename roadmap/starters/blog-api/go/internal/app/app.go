// Package app holds the blog's HTTP handlers.
package app

import (
	"encoding/json"
	"errors"
	"io"
	"log"
	"net/http"
	"regexp"
	"strconv"
)

// errBadRequest marks a request the client got wrong: it answers 400 with the error's text.
type errBadRequest struct{ msg string }

func (e errBadRequest) Error() string { return e.msg }

func badRequest(msg string) error { return errBadRequest{msg} }

// text reads a non-empty string field of a decoded JSON body, or a bad request naming it.
func text(body map[string]any, field string) (string, error) {
	value, ok := body[field].(string)
	if !ok || value == "" {
		return "", badRequest("'" + field + "' must be a non-empty string")
	}
	return value, nil
}

var digits = regexp.MustCompile(`^\d{1,15}$`)

// postID reads an id from the path: digits only and within PostgreSQL's bigint, else no post can have it.
func postID(raw string) (int64, bool) {
	if !digits.MatchString(raw) {
		return 0, false
	}
	id, _ := strconv.ParseInt(raw, 10, 64)
	return id, id > 0
}

// readJSON decodes the body as a JSON object (an empty body is an empty object).
func readJSON(w http.ResponseWriter, r *http.Request) (map[string]any, error) {
	body := map[string]any{}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil && !errors.Is(err, io.EOF) {
		return nil, badRequest("the body must be a JSON object of at most 64 KiB")
	}
	return body, nil
}

// handle runs a handler that returns a status and a body. Its error answers 400 when the client
// got the request wrong, and 503 otherwise: any other error comes from the database.
func handle(fn func(w http.ResponseWriter, r *http.Request) (int, any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		status, body, err := fn(w, r)
		var bad errBadRequest
		switch {
		case errors.As(err, &bad):
			status, body = http.StatusBadRequest, map[string]string{"error": bad.msg}
		case err != nil:
			log.Printf("database error: %v", err)
			status, body = http.StatusServiceUnavailable, map[string]string{"error": "the database is unavailable; try again later"}
		}
		if body == nil {
			w.WriteHeader(status)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(body)
	}
}

func notFound(what string) (int, any, error) {
	return http.StatusNotFound, map[string]string{"error": "no " + what}, nil
}

// orNotFound answers a store's error (503), or 404 when there was none: the thing was not there.
func orNotFound(err error, what string) (int, any, error) {
	if err != nil {
		return 0, nil, err
	}
	return notFound(what)
}

// NewHandler returns the routes.
func NewHandler(store PostStore) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", handle(func(w http.ResponseWriter, r *http.Request) (int, any, error) {
		if err := store.Ping(r.Context()); err != nil {
			return 0, nil, err
		}
		return http.StatusOK, map[string]string{"status": "ok"}, nil
	}))
	mux.HandleFunc("POST /posts", handle(func(w http.ResponseWriter, r *http.Request) (int, any, error) {
		body, err := readJSON(w, r)
		if err != nil {
			return 0, nil, err
		}
		title, err := text(body, "title")
		if err != nil {
			return 0, nil, err
		}
		content, err := text(body, "body")
		if err != nil {
			return 0, nil, err
		}
		post, err := store.Create(r.Context(), title, content)
		return http.StatusCreated, post, err
	}))
	// Milestone "posts": GET /posts (newest first, limit and cursor) goes here.
	// Milestone "search": GET /posts?q=... too.
	mux.HandleFunc("GET /posts/{id}", handle(func(w http.ResponseWriter, r *http.Request) (int, any, error) {
		id, ok := postID(r.PathValue("id"))
		if !ok {
			return notFound("post with id " + r.PathValue("id"))
		}
		post, found, err := store.Find(r.Context(), id)
		if err != nil || !found {
			return orNotFound(err, "post with id "+r.PathValue("id"))
		}
		return http.StatusOK, post, nil
	}))
	// Milestone "posts": PATCH and DELETE /posts/{id}.
	// Milestone "comments": POST and GET /posts/{id}/comments, GET /comments/{id}.
	return mux
}
