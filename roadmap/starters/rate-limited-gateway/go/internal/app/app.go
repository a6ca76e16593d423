package app

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"time"
)

// Deps is what the gateway needs; Log may be nil.
type Deps struct {
	Config  Config
	Buckets Buckets
	Log     func(map[string]any)
}

var apiPath = regexp.MustCompile(`^/api/([^/]+)(/.*)?$`)

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

// unavailable answers 503: Redis is down or slow, so the gateway cannot judge the request.
func unavailable(d Deps, w http.ResponseWriter, r *http.Request, err error) {
	if d.Log != nil {
		d.Log(map[string]any{"level": "error", "msg": "request failed", "method": r.Method, "path": r.URL.Path, "error": err.Error()})
	}
	writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": "a service the gateway needs (Redis) is unavailable; try again"})
}

// NewHandler answers /health and, under /api/, is the gateway.
func NewHandler(d Deps) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && r.URL.Path == "/health" {
			ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
			defer cancel()
			if err := d.Buckets.Ping(ctx); err != nil {
				unavailable(d, w, r, err)
				return
			}
			writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
			return
		}
		if api := apiPath.FindStringSubmatch(r.URL.Path); api != nil {
			// Milestone 3 (auth): answer 401 here unless X-API-Key is one of d.Config.APIKeys or the
			//   Authorization: Bearer token is an HS256 JWT signed with d.Config.JWTSecret that has not expired.
			// Milestone 4 (limits): take a token from the caller's bucket in Redis; 429 with Retry-After
			//   when it is empty, 503 (unavailable) when Redis fails.
			// Milestone 2 (routing): find api[1] in d.Config.Upstreams (404 when it is not there) and
			//   forward the request to it as api[2] plus the query, with its method, headers and body;
			//   send the upstream's status, headers and body back (502 when the upstream does not answer).
			writeJSON(w, http.StatusNotFound, map[string]string{"error": "no upstream for " + r.URL.Path + " yet: forwarding is the routing milestone"})
			return
		}
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "no route for " + r.Method + " " + r.URL.Path})
	})
}
