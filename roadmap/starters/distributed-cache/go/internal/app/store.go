package app

import "sync"

// Store is what one node holds itself, in memory.
//
// Milestone "GET and SET with TTL": take a ttl (seconds) and forget the key once it has passed;
// hold at most maxKeys keys and evict the least recently used (a get is a use too).
type Store struct {
	mu      sync.Mutex
	maxKeys int
	values  map[string]string
}

func NewStore(maxKeys int) *Store {
	return &Store{maxKeys: maxKeys, values: map[string]string{}}
}

func (s *Store) Set(key, value string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.values[key] = value
}

func (s *Store) Get(key string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.values[key]
	return v, ok
}

// Keys lists the keys held here (milestone "Consistent hashing": GET /keys lists them).
func (s *Store) Keys() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	keys := make([]string, 0, len(s.values))
	for k := range s.values {
		keys = append(keys, k)
	}
	return keys
}
