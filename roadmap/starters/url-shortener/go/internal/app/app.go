// Package app holds the shortener's HTTP handlers.
package app

import (
	"encoding/json"
	"net/http"
)

// NewHandler returns the routes; baseURL is how clients reach the service.
func NewHandler(store LinkStore, baseURL string) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", func(w http.ResponseWriter, r *http.Request) {
		if err := store.Ping(r.Context()); err != nil {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "database unreachable"})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("POST /links", func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			URL string `json:"url"`
		}
		r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body.URL == "" {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": `send JSON like {"url": "https://example.com"}`})
			return
		}
		for attempt := 0; attempt < 5; attempt++ {
			code := NewCode()
			saved, err := store.Save(r.Context(), code, body.URL)
			if err != nil {
				writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": "database unreachable"})
				return
			}
			if saved {
				w.Header().Set("Location", "/"+code)
				writeJSON(w, http.StatusCreated, map[string]string{"code": code, "url": body.URL, "short": baseURL + "/" + code})
				return
			}
		}
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": "could not find a free code; try again"})
	})
	mux.HandleFunc("GET /{code}", func(w http.ResponseWriter, r *http.Request) {
		code := r.PathValue("code")
		url, ok, err := store.Find(r.Context(), code)
		switch {
		case err != nil:
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": "database unreachable"})
		case !ok:
			writeJSON(w, http.StatusNotFound, map[string]string{"error": "no link for code " + code})
		default:
			http.Redirect(w, r, url, http.StatusFound)
		}
	})
	return mux
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
