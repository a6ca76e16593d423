// Package app holds the items service's HTTP handlers and the services behind them.
package app

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Deps are the services the handlers use.
type Deps struct {
	Store  ItemStore
	Cache  Cache
	Events Events
	// Log writes one structured log line; nil logs nothing.
	Log func(fields map[string]any)
}

func (d Deps) log(fields map[string]any) {
	if d.Log != nil {
		d.Log(fields)
	}
}

// health answers 200 when PostgreSQL, Redis and Kafka all answer; 503 naming the ones that do not.
func health(w http.ResponseWriter, r *http.Request, d Deps) {
	// A health check must answer even when a service hangs.
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	services := map[string]func(context.Context) error{"postgresql": d.Store.Ping, "redis": d.Cache.Ping, "kafka": d.Events.Ping}
	checks := map[string]string{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for name, ping := range services {
		wg.Add(1)
		go func() {
			defer wg.Done()
			state := "ok"
			if err := ping(ctx); err != nil {
				state = "unreachable: " + err.Error()
			}
			mu.Lock()
			checks[name] = state
			mu.Unlock()
		}()
	}
	wg.Wait()
	var failed []string
	for _, name := range []string{"postgresql", "redis", "kafka"} {
		if checks[name] != "ok" {
			failed = append(failed, name)
		}
	}
	if len(failed) > 0 {
		writeJSON(w, http.StatusServiceUnavailable, map[string]any{"status": "unavailable", "failed": failed, "checks": checks})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": "ok", "checks": checks})
}

// readName reads {"name": "..."} (1 to 200 characters); ok is false when the body is not that.
func readName(w http.ResponseWriter, r *http.Request) (string, bool) {
	var body struct {
		Name *string `json:"name"`
	}
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body.Name == nil || strings.TrimSpace(*body.Name) == "" || len([]rune(*body.Name)) > 200 {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": `send JSON like {"name": "a name"} (1 to 200 characters)`})
		return "", false
	}
	return *body.Name, true
}

// NewHandler returns the routes.
func NewHandler(d Deps) http.Handler {
	mux := http.NewServeMux()
	unavailable := func(w http.ResponseWriter, r *http.Request, err error) {
		d.log(map[string]any{"level": "error", "msg": "request failed", "method": r.Method, "path": r.URL.Path, "error": err.Error()})
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": "a service the request needs is unavailable; try again"})
	}
	mux.HandleFunc("GET /health", func(w http.ResponseWriter, r *http.Request) { health(w, r, d) })
	mux.HandleFunc("POST /items", func(w http.ResponseWriter, r *http.Request) {
		name, ok := readName(w, r)
		if !ok {
			return
		}
		item, err := d.Store.Create(r.Context(), name)
		if err != nil {
			unavailable(w, r, err)
			return
		}
		w.Header().Set("Location", "/items/"+item.ID)
		writeJSON(w, http.StatusCreated, item)
	})
	mux.HandleFunc("GET /items/{id}", func(w http.ResponseWriter, r *http.Request) {
		id := r.PathValue("id")
		if !IDPattern.MatchString(id) {
			writeJSON(w, http.StatusNotFound, map[string]string{"error": "no item " + id})
			return
		}
		item, found, err := d.Store.Find(r.Context(), id)
		switch {
		case err != nil:
			unavailable(w, r, err)
		case !found:
			writeJSON(w, http.StatusNotFound, map[string]string{"error": "no item " + id})
		default:
			writeJSON(w, http.StatusOK, item)
		}
	})
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
