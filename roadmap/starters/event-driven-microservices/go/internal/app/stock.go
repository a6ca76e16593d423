package app

import (
	"context"
	"errors"
	"net/http"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// StockStore keeps reserved stock per sku: PostgreSQL in the service, memory in unit tests.
type StockStore interface {
	// Reserved is how much of sku orders have reserved; 0 when none.
	Reserved(ctx context.Context, sku string) (int, error)
	Ping(ctx context.Context) error
}

// MemoryStockStore is the same contract in memory, for unit tests.
type MemoryStockStore struct {
	mu    sync.Mutex
	stock map[string]int
	// Fail, when set, is returned by every call: a database that is down.
	Fail error
}

func NewMemoryStockStore() *MemoryStockStore { return &MemoryStockStore{stock: map[string]int{}} }

func (m *MemoryStockStore) Reserved(_ context.Context, sku string) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.stock[sku], m.Fail
}

func (m *MemoryStockStore) Ping(context.Context) error { return m.Fail }

// PgStockStore is the stock service's own table; it never reads the order service's.
type PgStockStore struct {
	Pool *pgxpool.Pool
}

// ConnectPgStock opens a pool and creates the stock table.
func ConnectPgStock(ctx context.Context, url string) (*PgStockStore, error) {
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		return nil, err
	}
	if _, err := pool.Exec(ctx, "CREATE TABLE IF NOT EXISTS stock (sku text PRIMARY KEY, reserved integer NOT NULL DEFAULT 0)"); err != nil {
		pool.Close()
		return nil, err
	}
	return &PgStockStore{Pool: pool}, nil
}

// Milestone "events": Reserve(sku, quantity) adds to the sku's row (INSERT ... ON CONFLICT DO UPDATE).
// Milestone "outbox": apply each eventId once: record it (a table with the eventId as primary key) in
// the same transaction as the reservation, and skip an eventId already recorded.

func (s *PgStockStore) Reserved(ctx context.Context, sku string) (int, error) {
	var reserved int
	err := s.Pool.QueryRow(ctx, "SELECT reserved FROM stock WHERE sku = $1", sku).Scan(&reserved)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, nil
	}
	return reserved, err
}

func (s *PgStockStore) Ping(ctx context.Context) error { return s.Pool.Ping(ctx) }

func (s *PgStockStore) Close() { s.Pool.Close() }

// StockDeps are what the stock service's handlers use.
type StockDeps struct {
	Store     StockStore
	PingKafka func(ctx context.Context) error
	// Joined says whether the consumer group has given this service its partition.
	Joined func() bool
	Log    Log
}

// NewStockHandler returns the stock service's routes.
func NewStockHandler(d StockDeps) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", func(w http.ResponseWriter, r *http.Request) {
		health(w, r, map[string]func(context.Context) error{
			"postgresql": d.Store.Ping,
			"kafka":      d.PingKafka,
			"consumer": func(context.Context) error {
				if !d.Joined() {
					return errors.New("still joining the consumer group")
				}
				return nil
			},
		})
	})
	mux.HandleFunc("GET /stock/{sku}", func(w http.ResponseWriter, r *http.Request) {
		sku := r.PathValue("sku")
		reserved, err := d.Store.Reserved(r.Context(), sku)
		if err != nil {
			unavailable(w, r, d.Log, err)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"sku": sku, "reserved": reserved})
	})
	// Milestone "contracts": GET /dead-letters lists the events that broke the contract.
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "no route for " + r.Method + " " + r.URL.Path})
	})
	return mux
}
