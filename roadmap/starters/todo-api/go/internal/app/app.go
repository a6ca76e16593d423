// Package app holds the to-do API's HTTP handlers.
package app

import (
	"encoding/json"
	"log"
	"net/http"
)

// NewHandler returns the routes.
func NewHandler(store Store) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", func(w http.ResponseWriter, r *http.Request) {
		if err := store.Ping(r.Context()); err != nil {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": "the database is unreachable"})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	// Items milestone: POST /items, GET /items, PATCH /items/{id} and DELETE /items/{id} go here,
	// each wrapped in orUnavailable so a database error answers 503.
	// Validation milestone: check the title and done of the body before they reach the store.
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "no route for " + r.Method + " " + r.URL.Path})
	})
	return mux
}

// orUnavailable turns a route that returns an error (the database's) into a handler that answers
// 503 with a JSON error instead of a 500 or a dropped connection.
func orUnavailable(route func(w http.ResponseWriter, r *http.Request) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := route(w, r); err != nil {
			log.Printf("database error on %s %s: %v", r.Method, r.URL.Path, err)
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": "the database is unavailable; try again later"})
		}
	}
}

// readJSON reads a JSON body of at most 16 KiB into v; a body that is not JSON answers 400 and false.
func readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 16<<10)).Decode(v); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "the body is not valid JSON: " + err.Error()})
		return false
	}
	return true
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
