// Package app holds the GraphQL API: its schema and resolvers, its store, and its HTTP and WebSocket serving.
package app

import (
	"encoding/json"
	"errors"
	"log"
	"net/http"

	graphql "github.com/graph-gophers/graphql-go"
	qerrors "github.com/graph-gophers/graphql-go/errors"
)

const maxBody = 64 << 10

var unavailableBody = map[string]string{"error": "the database is unavailable; try again later"}

// NewHandler returns the routes: GET /health, GraphQL over POST /graphql, and the graphql-ws
// protocol on WebSocket connections to /graphql.
func NewHandler(store Store, schema *graphql.Schema) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", func(w http.ResponseWriter, r *http.Request) {
		if err := store.Ping(r.Context()); err != nil {
			writeJSON(w, http.StatusServiceUnavailable, unavailableBody)
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("POST /graphql", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Query         *string        `json:"query"`
			OperationName string         `json:"operationName"`
			Variables     map[string]any `json:"variables"`
		}
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody)).Decode(&req); err != nil || req.Query == nil {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "the body must be JSON with a 'query' string, at most 64 KiB"})
			return
		}
		result := schema.Exec(r.Context(), *req.Query, req.OperationName, req.Variables)
		if databaseFailed(result.Errors) {
			writeJSON(w, http.StatusServiceUnavailable, unavailableBody)
			return
		}
		writeJSON(w, http.StatusOK, result)
	})
	mux.HandleFunc("GET /graphql", func(w http.ResponseWriter, r *http.Request) {
		serveGraphQLWS(w, r, schema)
	})
	return mux
}

// databaseFailed tells whether a resolver's error came from the database: the answer is then 503.
func databaseFailed(errs []*qerrors.QueryError) bool {
	for _, e := range errs {
		if errors.Is(e, ErrUnavailable) {
			log.Printf("database error: %v", e.Err)
			return true
		}
	}
	return false
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
