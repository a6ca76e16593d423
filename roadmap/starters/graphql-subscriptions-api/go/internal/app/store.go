package app

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// ErrUnavailable marks a database failure (down, restarting): the server answers 503, never a GraphQL error.
var ErrUnavailable = errors.New("the database is unavailable")

// Author is one stored author.
type Author struct {
	ID   string
	Name string
}

// Store is where authors live. The schema only talks to this, so unit tests can use the in-memory one.
type Store interface {
	CreateAuthor(ctx context.Context, name string) (Author, error)
	// FindAuthor returns nil (and no error) when no author has the id.
	FindAuthor(ctx context.Context, id string) (*Author, error)
	Ping(ctx context.Context) error
	// Milestone "schema": a posts table (author_id references authors) and its queries go here.
	// Milestone "n-plus-one": authors of many posts in one query (WHERE id = ANY($1)).
}

// MemoryStore is the same contract in memory, for unit tests.
type MemoryStore struct {
	mu      sync.Mutex
	Authors []Author
}

func NewMemoryStore() *MemoryStore { return &MemoryStore{} }

func (m *MemoryStore) CreateAuthor(_ context.Context, name string) (Author, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	a := Author{ID: strconv.Itoa(len(m.Authors) + 1), Name: name}
	m.Authors = append(m.Authors, a)
	return a, nil
}

func (m *MemoryStore) FindAuthor(_ context.Context, id string) (*Author, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, a := range m.Authors {
		if a.ID == id {
			return &a, nil
		}
	}
	return nil, nil
}

func (m *MemoryStore) Ping(context.Context) error { return nil }

var digits = regexp.MustCompile(`^\d{1,15}$`)

// rowID tells whether an id from a query can be a row's: digits only and within PostgreSQL's bigint.
func rowID(id string) bool { return digits.MatchString(id) }

// PgStore keeps authors in PostgreSQL; the tables are created on start when they are missing.
type PgStore struct {
	pool *pgxpool.Pool
}

func ConnectPg(ctx context.Context, url string) (*PgStore, error) {
	config, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, err
	}
	// A short connect timeout: a database that is down answers 503 at once instead of a hang.
	config.ConnConfig.ConnectTimeout = 2 * time.Second
	// pgx pings a connection idle for a second before lending it; that ping is one more statement
	// per request, which the n-plus-one checks would count. A broken connection fails its query instead.
	config.ShouldPing = func(context.Context, pgxpool.ShouldPingParams) bool { return false }
	pool, err := pgxpool.NewWithConfig(ctx, config)
	if err != nil {
		return nil, err
	}
	for _, stmt := range []string{
		`CREATE TABLE IF NOT EXISTS authors (id bigserial PRIMARY KEY, name text NOT NULL)`,
	} {
		if _, err := pool.Exec(ctx, stmt); err != nil {
			pool.Close()
			return nil, err
		}
	}
	return &PgStore{pool: pool}, nil
}

// unavailable wraps every database error, so the handler answers 503 for it.
func unavailable(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%w: %v", ErrUnavailable, err)
}

func (p *PgStore) CreateAuthor(ctx context.Context, name string) (Author, error) {
	a := Author{Name: name}
	err := p.pool.QueryRow(ctx, `INSERT INTO authors (name) VALUES ($1) RETURNING id::text`, name).Scan(&a.ID)
	return a, unavailable(err)
}

func (p *PgStore) FindAuthor(ctx context.Context, id string) (*Author, error) {
	if !rowID(id) {
		return nil, nil
	}
	a := Author{ID: id}
	err := p.pool.QueryRow(ctx, `SELECT name FROM authors WHERE id = $1`, id).Scan(&a.Name)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, unavailable(err)
	}
	return &a, nil
}

func (p *PgStore) Ping(ctx context.Context) error { return unavailable(p.pool.Ping(ctx)) }

func (p *PgStore) Close() { p.pool.Close() }
