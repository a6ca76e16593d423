// Package app holds the service's HTTP handlers and its one resource: items, kept in memory.
package app

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

type Item struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
}

type store struct {
	mu     sync.Mutex
	items  map[int]Item
	nextID int
}

// NewHandler returns the service's routes (Go 1.22 method and wildcard patterns).
func NewHandler() http.Handler {
	s := &store{items: map[int]Item{}, nextID: 1}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /items", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		list := make([]Item, 0, len(s.items))
		for id := 1; id < s.nextID; id++ {
			if it, ok := s.items[id]; ok {
				list = append(list, it)
			}
		}
		writeJSON(w, http.StatusOK, list)
	})
	mux.HandleFunc("POST /items", func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Name *string `json:"name"`
		}
		r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body.Name == nil || strings.TrimSpace(*body.Name) == "" || len(*body.Name) > 100 {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "'name' must be a string of 1 to 100 characters"})
			return
		}
		s.mu.Lock()
		it := Item{ID: s.nextID, Name: strings.TrimSpace(*body.Name)}
		s.items[it.ID] = it
		s.nextID++
		s.mu.Unlock()
		w.Header().Set("Location", fmt.Sprintf("/items/%d", it.ID))
		writeJSON(w, http.StatusCreated, it)
	})
	mux.HandleFunc("GET /items/{id}", func(w http.ResponseWriter, r *http.Request) {
		id, err := strconv.Atoi(r.PathValue("id"))
		s.mu.Lock()
		it, ok := s.items[id]
		s.mu.Unlock()
		if err != nil || !ok {
			writeJSON(w, http.StatusNotFound, map[string]string{"error": "no item " + r.PathValue("id")})
			return
		}
		writeJSON(w, http.StatusOK, it)
	})
	return mux
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
