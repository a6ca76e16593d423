// Package app holds the blog's HTTP handlers and the services behind them.
package app

import (
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"time"
)

// Deps are the services the handlers use.
type Deps struct {
	Store Store
	Cache Cache
	// JWTSecret signs and checks login tokens (auth.go).
	JWTSecret string
	// Log writes one structured log line; nil logs nothing.
	Log func(fields map[string]any)
}

func (d Deps) log(fields map[string]any) {
	if d.Log != nil {
		d.Log(fields)
	}
}

// health answers 200 when PostgreSQL and Redis both answer; 503 naming the ones that do not.
func health(w http.ResponseWriter, r *http.Request, d Deps) {
	// A health check must answer even when a service hangs.
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	services := map[string]func(context.Context) error{"postgresql": d.Store.Ping, "redis": d.Cache.Ping}
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
		writeJSON(w, http.StatusServiceUnavailable, map[string]any{"status": "unavailable", "failed": failed, "checks": checks})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": "ok", "checks": checks})
}

// NewHandler returns the routes.
func NewHandler(d Deps) http.Handler {
	mux := http.NewServeMux()
	// PostgreSQL or Redis failed under the request: the service, not the request, is at fault.
	unavailable := func(w http.ResponseWriter, r *http.Request, err error) {
		d.log(map[string]any{"level": "error", "msg": "request failed", "method": r.Method, "path": r.URL.Path, "error": err.Error()})
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": "a service the request needs is unavailable; try again"})
	}
	mux.HandleFunc("GET /health", func(w http.ResponseWriter, r *http.Request) { health(w, r, d) })
	mux.HandleFunc("GET /posts", func(w http.ResponseWriter, r *http.Request) {
		// Milestone "performance": serve this list from Redis; every write of a post drops it.
		posts, err := d.Store.ListPosts(r.Context())
		if err != nil {
			unavailable(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, posts)
	})
	// Milestone "features": POST /users, POST /login, POST /posts, GET/PATCH/DELETE /posts/{id},
	// POST and GET /posts/{id}/comments (the token: r.Header.Get("Authorization"), VerifyToken).
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "no route for " + r.Method + " " + r.URL.Path})
	})
	// Milestone "deployed": behind your TLS front, X-Forwarded-Proto says how the visitor came. Wrap
	// mux so that plain http is redirected to https:// (301 or 308) and answers over https carry
	// Strict-Transport-Security.
	return mux
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
