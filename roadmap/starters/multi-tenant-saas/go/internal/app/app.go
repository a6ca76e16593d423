// Package app holds the multi-tenant service's HTTP handlers.
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
	// Single sign-on milestone: GET /login redirects to the provider (github.com/coreos/go-oidc/v3
	// and golang.org/x/oauth2 are in go.mod: discovery, PKCE with S256, state and nonce), GET
	// /callback exchanges the code and verifies the ID token, then starts a session whose tenant is
	// the token's `tenant` claim; GET /me answers who is signed in.
	// Tenants milestone: /notes and /notes/{id} for the signed-in user's tenant only (store.go).
	// Quotas milestone: count each tenant's requests to /notes and its notes (config).
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
