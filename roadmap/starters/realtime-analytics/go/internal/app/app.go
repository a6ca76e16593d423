// Package app holds the ingest service's HTTP handlers and the services behind them.
package app

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"time"
)

// MaxBody is the largest body read: the live milestone sends batches of about 1 MB.
const MaxBody = 2 << 20

// Deps are the services the handlers use.
type Deps struct {
	Counts Counts
	Log    EventLog
	// Logf writes one structured log line; nil logs nothing.
	Logf func(fields map[string]any)
}

func (d Deps) logf(fields map[string]any) {
	if d.Logf != nil {
		d.Logf(fields)
	}
}

// health answers 200 when PostgreSQL and Redis answer; 503 with an error naming the ones that do not.
func health(w http.ResponseWriter, r *http.Request, d Deps) {
	// A health check must answer even when a service hangs.
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	services := map[string]func(context.Context) error{"postgresql": d.Counts.Ping, "redis": d.Log.Ping}
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
	for _, name := range []string{"postgresql", "redis"} {
		if checks[name] != "ok" {
			failed = append(failed, name)
		}
	}
	if len(failed) > 0 {
		writeJSON(w, http.StatusServiceUnavailable, map[string]any{"status": "unavailable", "error": strings.Join(failed, " and ") + " did not answer", "failed": failed, "checks": checks})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": "ok", "checks": checks})
}

// NewHandler returns the routes.
func NewHandler(d Deps) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", func(w http.ResponseWriter, r *http.Request) { health(w, r, d) })
	// Milestone "ingest": POST /events (validate the batch, XADD it to the stream, answer 202) and
	// GET /stats?type=...; milestone "aggregate": GET /aggregates?type=...&from=...&to=...;
	// milestone "live": GET /live, a text/event-stream kept open.
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "no route for " + r.Method + " " + r.URL.Path})
	})
	return mux
}

// unavailable answers 503 for a service a request needs that failed, and logs why.
func unavailable(w http.ResponseWriter, r *http.Request, d Deps, err error) {
	d.logf(map[string]any{"level": "error", "msg": "request failed", "method": r.Method, "path": r.URL.Path, "error": err.Error()})
	writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": "a service the request needs is unavailable; try again"})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
