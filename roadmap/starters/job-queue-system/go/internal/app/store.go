package app

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Store keeps the accounts that credit jobs change: PostgreSQL in the service, memory in unit tests.
// Every error it returns is the database's: the handlers answer it with 503.
type Store interface {
	// Balance is 0 for an account nothing has credited yet.
	Balance(ctx context.Context, account string) (int64, error)
	// Credit adds amount to the account's balance.
	Credit(ctx context.Context, account string, amount int64) error
	Ping(ctx context.Context) error
	// enqueue milestone: add the queue here: enqueue a job, read one by id, and claim the next
	// queued one for the worker (then mark it done or failed).
}

// MemoryStore is the same contract in memory, for unit tests.
type MemoryStore struct {
	mu       sync.Mutex
	balances map[string]int64
}

func NewMemoryStore() *MemoryStore { return &MemoryStore{balances: map[string]int64{}} }

func (m *MemoryStore) Balance(_ context.Context, account string) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.balances[account], nil
}

func (m *MemoryStore) Credit(_ context.Context, account string, amount int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.balances[account] += amount
	return nil
}

func (m *MemoryStore) Ping(context.Context) error { return nil }

// enqueue milestone: a jobs table (id, the job as jsonb, status, attempts, when it may run next).
const schema = `
CREATE TABLE IF NOT EXISTS accounts (
  id text PRIMARY KEY,
  balance bigint NOT NULL DEFAULT 0
);
`

// PgStore keeps the accounts in PostgreSQL.
type PgStore struct{ pool *pgxpool.Pool }

// NewPgPool makes a pool that gives up on a database that does not answer in 2 s instead of holding requests.
func NewPgPool(url string) (*pgxpool.Pool, error) {
	config, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, err
	}
	config.ConnConfig.ConnectTimeout = 2 * time.Second
	return pgxpool.NewWithConfig(context.Background(), config)
}

func ConnectPg(ctx context.Context, url string) (*PgStore, error) {
	pool, err := NewPgPool(url)
	if err != nil {
		return nil, err
	}
	if _, err := pool.Exec(ctx, schema); err != nil {
		pool.Close()
		return nil, err
	}
	return &PgStore{pool: pool}, nil
}

// NewPgStore wraps a pool without touching the database (for tests of a database that is down).
func NewPgStore(pool *pgxpool.Pool) *PgStore { return &PgStore{pool: pool} }

func (s *PgStore) Balance(ctx context.Context, account string) (int64, error) {
	var balance int64
	err := s.pool.QueryRow(ctx, `SELECT balance FROM accounts WHERE id = $1`, account).Scan(&balance)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, nil
	}
	return balance, err
}

func (s *PgStore) Credit(ctx context.Context, account string, amount int64) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO accounts (id, balance) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET balance = accounts.balance + $2`, account, amount)
	return err
}

func (s *PgStore) Ping(ctx context.Context) error { return s.pool.Ping(ctx) }

func (s *PgStore) Close() { s.pool.Close() }
