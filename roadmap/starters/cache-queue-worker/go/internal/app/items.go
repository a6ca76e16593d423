package app

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"regexp"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Item is what the service stores.
type Item struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// ItemStore keeps items: PostgreSQL in the service, memory in unit tests.
type ItemStore interface {
	Create(ctx context.Context, name string) (Item, error)
	// Find returns ok=false when there is no such item.
	Find(ctx context.Context, id string) (item Item, ok bool, err error)
	Ping(ctx context.Context) error
}

// IDPattern matches item ids, which are UUIDs; anything else can never be an item.
var IDPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// NewUUID returns a random (version 4) UUID.
func NewUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// MemoryItemStore is the same contract in memory, for unit tests.
type MemoryItemStore struct {
	mu    sync.Mutex
	items map[string]Item
}

func NewMemoryItemStore() *MemoryItemStore { return &MemoryItemStore{items: map[string]Item{}} }

func (m *MemoryItemStore) Create(_ context.Context, name string) (Item, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	item := Item{ID: NewUUID(), Name: name}
	m.items[item.ID] = item
	return item, nil
}

func (m *MemoryItemStore) Find(_ context.Context, id string) (Item, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	item, ok := m.items[id]
	return item, ok, nil
}

func (m *MemoryItemStore) Ping(context.Context) error { return nil }

// PgItemStore keeps items in PostgreSQL.
type PgItemStore struct {
	Pool *pgxpool.Pool
	// SlowQuery (SLOW_QUERY_MS) adds pg_sleep to the lookup on purpose: a stand-in for a query that
	// is expensive at scale (big tables, joins, a busy database), so that a cache makes a visible
	// difference on a small local table.
	SlowQuery time.Duration
}

func ConnectPg(ctx context.Context, url string) (*PgItemStore, error) {
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		return nil, err
	}
	_, err = pool.Exec(ctx, `CREATE TABLE IF NOT EXISTS items (
		id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
		name text NOT NULL,
		created_at timestamptz NOT NULL DEFAULT now())`)
	if err != nil {
		pool.Close()
		return nil, err
	}
	return &PgItemStore{Pool: pool}, nil
}

func (p *PgItemStore) Create(ctx context.Context, name string) (Item, error) {
	var item Item
	err := p.Pool.QueryRow(ctx, `INSERT INTO items (name) VALUES ($1) RETURNING id::text, name`, name).Scan(&item.ID, &item.Name)
	return item, err
}

func (p *PgItemStore) Find(ctx context.Context, id string) (Item, bool, error) {
	var item Item
	// The deliberately slow read (see SLOW_QUERY_MS in the README). pg_sleep in a subquery of the
	// WHERE clause runs once per lookup, before the row is looked for, so a lookup that finds no
	// item is slow too; joined into FROM it would not run when no row matches.
	err := p.Pool.QueryRow(ctx, `SELECT id::text, name FROM items WHERE id = $1::uuid AND (SELECT pg_sleep($2)) IS NOT NULL`, id, p.SlowQuery.Seconds()).Scan(&item.ID, &item.Name)
	if errors.Is(err, pgx.ErrNoRows) {
		return Item{}, false, nil
	}
	return item, err == nil, err
}

func (p *PgItemStore) Ping(ctx context.Context) error { return p.Pool.Ping(ctx) }

func (p *PgItemStore) Close() { p.Pool.Close() }
