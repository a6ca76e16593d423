package app

import (
	"context"
	"crypto/rand"
	"errors"
	"math/big"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// NewCode returns a random base62 code: 62^7 is about 3.5e12, so collisions are rare and retried.
func NewCode() string {
	b := make([]byte, 7)
	for i := range b {
		n, _ := rand.Int(rand.Reader, big.NewInt(int64(len(alphabet))))
		b[i] = alphabet[n.Int64()]
	}
	return string(b)
}

// LinkStore keeps links: PostgreSQL in the service, memory in unit tests.
type LinkStore interface {
	Save(ctx context.Context, code, url string) (bool, error)
	Find(ctx context.Context, code string) (string, bool, error)
	Ping(ctx context.Context) error
}

type MemoryLinkStore struct {
	mu    sync.Mutex
	links map[string]string
}

func NewMemoryLinkStore() *MemoryLinkStore { return &MemoryLinkStore{links: map[string]string{}} }

func (m *MemoryLinkStore) Save(_ context.Context, code, url string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, taken := m.links[code]; taken {
		return false, nil
	}
	m.links[code] = url
	return true, nil
}

func (m *MemoryLinkStore) Find(_ context.Context, code string) (string, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	url, ok := m.links[code]
	return url, ok, nil
}

func (m *MemoryLinkStore) Ping(context.Context) error { return nil }

// PgLinkStore keeps links in PostgreSQL; the primary key on code keeps codes unique.
// SlowQuery (SLOW_QUERY_MS) adds pg_sleep to the lookup: a stand-in for a database that is slow
// because it is busy or big.
type PgLinkStore struct {
	pool      *pgxpool.Pool
	SlowQuery time.Duration
}

func ConnectPg(ctx context.Context, url string) (*PgLinkStore, error) {
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		return nil, err
	}
	_, err = pool.Exec(ctx, `CREATE TABLE IF NOT EXISTS links (
		code text PRIMARY KEY,
		url text NOT NULL,
		created_at timestamptz NOT NULL DEFAULT now())`)
	if err != nil {
		pool.Close()
		return nil, err
	}
	return &PgLinkStore{pool: pool}, nil
}

func (p *PgLinkStore) Save(ctx context.Context, code, url string) (bool, error) {
	tag, err := p.pool.Exec(ctx, `INSERT INTO links (code, url) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING`, code, url)
	if err != nil {
		return false, err
	}
	return tag.RowsAffected() == 1, nil
}

func (p *PgLinkStore) Find(ctx context.Context, code string) (string, bool, error) {
	var url string
	// The sleep is a subquery PostgreSQL runs before the lookup: an unknown code waits as long as a known one.
	err := p.pool.QueryRow(ctx, `SELECT url FROM links WHERE (SELECT pg_sleep($2)) IS NOT NULL AND code = $1`, code, p.SlowQuery.Seconds()).Scan(&url)
	if err != nil {
		if errors.Is(err, pgx.ErrNoRows) {
			return "", false, nil
		}
		return "", false, err
	}
	return url, true, nil
}

func (p *PgLinkStore) Ping(ctx context.Context) error { return p.pool.Ping(ctx) }
