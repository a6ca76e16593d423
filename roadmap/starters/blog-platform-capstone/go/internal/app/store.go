package app

import (
	"context"
	"sort"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Post is one blog post as the API shows it.
type Post struct {
	ID        int64  `json:"id"`
	Title     string `json:"title"`
	Body      string `json:"body"`
	Author    string `json:"author"`
	CreatedAt string `json:"createdAt"`
}

// PageSize is how many posts the home page shows.
const PageSize = 20

// Store is where users, posts and comments live: PostgreSQL in the service, memory in unit tests.
// Milestone "features": add users (CreateUser, FindUser), posts (CreatePost, FindPost, UpdatePost,
// DeletePost) and comments (AddComment, ListComments) here and in both stores.
type Store interface {
	// ListPosts answers the 20 newest posts, newest first: the home page.
	ListPosts(ctx context.Context) ([]Post, error)
	Ping(ctx context.Context) error
}

// MemoryStore is for unit tests: the same contract, in memory.
type MemoryStore struct{ Posts []Post }

func (m *MemoryStore) ListPosts(context.Context) ([]Post, error) {
	posts := append([]Post{}, m.Posts...)
	sort.Slice(posts, func(i, j int) bool { return posts[i].ID > posts[j].ID })
	if len(posts) > PageSize {
		posts = posts[:PageSize]
	}
	return posts, nil
}

func (m *MemoryStore) Ping(context.Context) error { return nil }

const schema = `
CREATE TABLE IF NOT EXISTS users (
  id bigserial PRIMARY KEY,
  username text NOT NULL UNIQUE,
  password_hash text NOT NULL
);
CREATE TABLE IF NOT EXISTS posts (
  id bigserial PRIMARY KEY,
  author_id bigint NOT NULL REFERENCES users(id),
  title text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS comments (
  id bigserial PRIMARY KEY,
  post_id bigint NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  author_id bigint NOT NULL REFERENCES users(id),
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
)`

// PostColumns reads a post joined with its author (posts p JOIN users u).
const PostColumns = `p.id, p.title, p.body, u.username, to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`

// PgStore is PostgreSQL; the tables are made at start. SlowQuery (SLOW_QUERY_MS) adds pg_sleep to
// the home page's query on purpose: a stand-in for a list that is expensive at scale, so that a
// cache (milestone "performance") makes a visible difference on a small local table.
type PgStore struct {
	Pool      *pgxpool.Pool
	SlowQuery time.Duration
}

func ConnectPg(ctx context.Context, url string) (*PgStore, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, err
	}
	cfg.ConnConfig.ConnectTimeout = 5 * time.Second
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if _, err := pool.Exec(ctx, schema); err != nil {
		pool.Close()
		return nil, err
	}
	return &PgStore{Pool: pool}, nil
}

func (s *PgStore) ListPosts(ctx context.Context) ([]Post, error) {
	// The deliberately slow read (SLOW_QUERY_MS, see the README): pg_sleep runs once per query.
	rows, err := s.Pool.Query(ctx, `SELECT `+PostColumns+` FROM posts p JOIN users u ON u.id = p.author_id
		WHERE (SELECT pg_sleep($2)) IS NOT NULL ORDER BY p.id DESC LIMIT $1`, PageSize, s.SlowQuery.Seconds())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	posts := []Post{}
	for rows.Next() {
		var p Post
		if err := rows.Scan(&p.ID, &p.Title, &p.Body, &p.Author, &p.CreatedAt); err != nil {
			return nil, err
		}
		posts = append(posts, p)
	}
	return posts, rows.Err()
}

func (s *PgStore) Ping(ctx context.Context) error { return s.Pool.Ping(ctx) }

func (s *PgStore) Close() { s.Pool.Close() }
