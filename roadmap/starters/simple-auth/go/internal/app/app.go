// Package app holds the authentication service's HTTP handlers.
package app

import (
	"context"
	"encoding/json"
	"log"
	"net/http"
	"time"
)

// NewHandler returns the routes.
func NewHandler(store Store, config Config) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", func(w http.ResponseWriter, r *http.Request) {
		if err := store.Ping(r.Context()); err != nil {
			databaseError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	// Registration milestone: POST /register {"email", "password"}: check both, hash the password
	// (golang.org/x/crypto/bcrypt is in go.mod), store the user, answer 201 {"id", "email"}; 409
	// for a taken email.
	// Login milestone: POST /login sets the session cookie; GET /me and POST /logout read it.
	// Lockout milestone: count failed logins per email in POST /login (config.LoginMaxFailures).
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no route for "+r.Method+" "+r.URL.Path)
	})
	return withTimeout(mux)
}

// withTimeout bounds every request's work, so a database that stops answering gives a 503, not a hang.
func withTimeout(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 4*time.Second)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, message string) {
	writeJSON(w, status, map[string]string{"error": message})
}

// databaseError answers a failure of the store: 503, the client may try again shortly.
func databaseError(w http.ResponseWriter, err error) {
	log.Printf("database failed: %v", err)
	w.Header().Set("Retry-After", "5")
	writeError(w, http.StatusServiceUnavailable, "the database is unavailable; try again shortly")
}
