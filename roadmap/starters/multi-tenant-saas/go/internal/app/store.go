package app

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Store is what the service keeps in PostgreSQL (memory in unit tests). Every error it returns is
// the database's: the handlers answer it with 503.
type Store interface {
	Ping(ctx context.Context) error
	// Tenants milestone: every method takes the tenant of the signed-in user and touches only its
	// rows: CreateNote(ctx, tenant, title), ListNotes, GetNote(ctx, tenant, id), UpdateNote and
	// DeleteNote; a note of another tenant is found as little as a missing one. Quotas milestone:
	// CountNotes(ctx, tenant).
}

// MemoryStore is the same contract in memory, for unit tests.
type MemoryStore struct{}

func NewMemoryStore() *MemoryStore { return &MemoryStore{} }

func (m *MemoryStore) Ping(context.Context) error { return nil }

// Every row carries its tenant; the tenants milestone reads and writes through it.
const schema = `
CREATE TABLE IF NOT EXISTS notes (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant text NOT NULL,
  title text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS notes_tenant ON notes (tenant, id);
`

// PgStore keeps the service's data in PostgreSQL.
type PgStore struct{ pool *pgxpool.Pool }

// NewPgStore makes a pool that gives up on an unreachable database within seconds instead of hanging.
func NewPgStore(url string) (*PgStore, error) {
	config, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, err
	}
	config.ConnConfig.ConnectTimeout = 3 * time.Second
	pool, err := pgxpool.NewWithConfig(context.Background(), config)
	if err != nil {
		return nil, err
	}
	return &PgStore{pool: pool}, nil
}

// ConnectPg opens the pool and creates the tables.
func ConnectPg(ctx context.Context, url string) (*PgStore, error) {
	p, err := NewPgStore(url)
	if err != nil {
		return nil, err
	}
	if _, err := p.pool.Exec(ctx, schema); err != nil {
		p.pool.Close()
		return nil, err
	}
	return p, nil
}

func (p *PgStore) Ping(ctx context.Context) error { return p.pool.Ping(ctx) }

func (p *PgStore) Close() { p.pool.Close() }
