// Package app holds a cache node's HTTP handlers.
package app

import (
	"encoding/json"
	"net/http"
)

// Node is one cache node: its settings and what it holds itself.
type Node struct {
	Config Config
	Store  *Store
}

func NewNode(cfg Config) *Node {
	return &Node{Config: cfg, Store: NewStore(cfg.MaxKeys)}
}

// NewHandler returns the node's routes (Go 1.22 method and wildcard patterns).
//
// Milestone "GET and SET with TTL": the PUT body's "ttl" (seconds), then store.go.
// Milestone "Consistent hashing": GET /keys, and send each key to the node that owns it on a ring
// built from NODE_ID names (n.Config.Nodes); peers.go makes the calls between nodes.
// Milestone "Replication": keep each key on two nodes and read from the next one when one is down.
func NewHandler(n *Node) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("PUT /cache/{key}", func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Value *string `json:"value"`
		}
		r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body.Value == nil {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "the body must be JSON with a text 'value'"})
			return
		}
		key := r.PathValue("key")
		n.Store.Set(key, *body.Value)
		writeJSON(w, http.StatusOK, map[string]string{"key": key, "value": *body.Value})
	})
	mux.HandleFunc("GET /cache/{key}", func(w http.ResponseWriter, r *http.Request) {
		key := r.PathValue("key")
		value, ok := n.Store.Get(key)
		if !ok {
			writeJSON(w, http.StatusNotFound, map[string]string{"error": "no key " + key})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"key": key, "value": value})
	})
	return mux
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
