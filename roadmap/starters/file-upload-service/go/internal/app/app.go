// Package app holds the upload service's HTTP handlers.
package app

import (
	"encoding/json"
	"net/http"
)

// NewHandler returns the routes.
func NewHandler(store FileStore, cfg Config) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", func(w http.ResponseWriter, r *http.Request) {
		if err := store.Ping(r.Context()); err != nil {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": "the object store is unreachable: " + err.Error()})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	// Upload milestone: "POST /files" reads the multipart/form-data body as a stream (r.MultipartReader),
	// sends the "file" part to the store under an id you make, and answers 201 with {"id", "size"};
	// files over cfg.MaxUploadBytes answer 413. Content checks milestone: look at the first bytes (415).
	// Signed links milestone: "GET /files/{id}" answers 200 with {"url"}, a link signed for
	// cfg.SignedURLSeconds seconds, or 404.
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "no route for " + r.Method + " " + r.URL.Path})
	})
	return mux
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
