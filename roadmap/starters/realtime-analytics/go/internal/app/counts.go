package app

import (
	"context"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// MinuteCount is one row of the per-minute counts: Minute is the minute's first millisecond since
// 1970 (UTC).
type MinuteCount struct {
	Type   string
	Minute int64
	Count  int64
}

// Counts keeps the per-minute counts: PostgreSQL in the service, memory in unit tests.
type Counts interface {
	// Add adds each row's count to its (type, minute), in one transaction.
	Add(ctx context.Context, rows []MinuteCount) error
	Ping(ctx context.Context) error
}

type countKey struct {
	Type   string
	Minute int64
}

// MemoryCounts is the same contract in memory, for unit tests.
type MemoryCounts struct {
	mu   sync.Mutex
	Rows map[countKey]int64
}

func NewMemoryCounts() *MemoryCounts { return &MemoryCounts{Rows: map[countKey]int64{}} }

func (m *MemoryCounts) Add(_ context.Context, rows []MinuteCount) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, r := range rows {
		m.Rows[countKey{r.Type, r.Minute}] += r.Count
	}
	return nil
}

func (m *MemoryCounts) Ping(context.Context) error { return nil }

// PgCounts keeps per-minute counts in a plain PostgreSQL table keyed by type and minute.
type PgCounts struct {
	Pool *pgxpool.Pool
	// Delay (AGGREGATE_DELAY_MS) pauses every write on purpose: a stand-in for a busy database, so
	// that ingest visibly must not wait for counting. Keep the pause in every write of counts you add.
	Delay time.Duration
}

func ConnectPg(ctx context.Context, url string) (*PgCounts, error) {
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		return nil, err
	}
	_, err = pool.Exec(ctx, `CREATE TABLE IF NOT EXISTS minute_counts (
		type text NOT NULL,
		minute bigint NOT NULL,
		count bigint NOT NULL,
		PRIMARY KEY (type, minute))`)
	if err != nil {
		pool.Close()
		return nil, err
	}
	return &PgCounts{Pool: pool}, nil
}

func (p *PgCounts) Add(ctx context.Context, rows []MinuteCount) error {
	tx, err := p.Pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SELECT pg_sleep($1)`, p.Delay.Seconds()); err != nil {
		return err
	}
	for _, r := range rows {
		_, err := tx.Exec(ctx, `INSERT INTO minute_counts (type, minute, count) VALUES ($1, $2, $3)
			ON CONFLICT (type, minute) DO UPDATE SET count = minute_counts.count + EXCLUDED.count`, r.Type, r.Minute, r.Count)
		if err != nil {
			return err
		}
	}
	return tx.Commit(ctx)
}

func (p *PgCounts) Ping(ctx context.Context) error { return p.Pool.Ping(ctx) }

func (p *PgCounts) Close() { p.Pool.Close() }
