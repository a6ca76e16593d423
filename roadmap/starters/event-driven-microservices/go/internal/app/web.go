// Package app holds the order service, the stock service and the relay, and what they share.
package app

import (
	"context"
	"encoding/json"
	"net/http"
	"sort"
	"sync"
	"time"
)

// Log writes one structured log line.
type Log func(fields map[string]any)

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

// unavailable answers 503 for a backing service that failed (PostgreSQL, Kafka), and logs why.
func unavailable(w http.ResponseWriter, r *http.Request, log Log, err error) {
	if log != nil {
		log(map[string]any{"level": "error", "msg": "request failed", "method": r.Method, "path": r.URL.Path, "error": err.Error()})
	}
	writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": "a service the request needs is unavailable; try again"})
}

// health answers 200 when every check passes; 503 naming the ones that fail. A check that hangs fails after 2 s.
func health(w http.ResponseWriter, r *http.Request, checks map[string]func(context.Context) error) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	results := map[string]string{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for name, check := range checks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			state := "ok"
			if err := check(ctx); err != nil {
				state = "unavailable: " + err.Error()
			}
			mu.Lock()
			results[name] = state
			mu.Unlock()
		}()
	}
	wg.Wait()
	failed := []string{}
	for name, state := range results {
		if state != "ok" {
			failed = append(failed, name)
		}
	}
	sort.Strings(failed)
	if len(failed) > 0 {
		writeJSON(w, http.StatusServiceUnavailable, map[string]any{"status": "unavailable", "failed": failed, "checks": results})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": "ok", "failed": failed, "checks": results})
}
