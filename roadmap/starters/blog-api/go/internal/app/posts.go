package app

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

type Post struct {
	ID        int64     `json:"id"`
	Title     string    `json:"title"`
	Body      string    `json:"body"`
	CreatedAt time.Time `json:"createdAt"`
}

// PostStore keeps posts: PostgreSQL in the service, memory in unit tests.
// Milestone "posts": update, delete and a page of the newest posts go here.
// Milestone "comments": a comments table (post_id references posts) and its queries.
// Milestone "search": a full-text query over title and body.
type PostStore interface {
	Create(ctx context.Context, title, body string) (Post, error)
	// Find reports false when there is no post with that id.
	Find(ctx context.Context, id int64) (Post, bool, error)
	Ping(ctx context.Context) error
}

type MemoryPostStore struct {
	mu    sync.Mutex
	posts []Post
}

func NewMemoryPostStore() *MemoryPostStore { return &MemoryPostStore{} }

func (m *MemoryPostStore) Create(_ context.Context, title, body string) (Post, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	post := Post{ID: int64(len(m.posts) + 1), Title: title, Body: body, CreatedAt: time.Now().UTC()}
	m.posts = append(m.posts, post)
	return post, nil
}

func (m *MemoryPostStore) Find(_ context.Context, id int64) (Post, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, p := range m.posts {
		if p.ID == id {
			return p, true, nil
		}
	}
	return Post{}, false, nil
}

func (m *MemoryPostStore) Ping(context.Context) error { return nil }

// PgPostStore keeps posts in PostgreSQL; the table is created on start when it is missing.
type PgPostStore struct {
	pool *pgxpool.Pool
}

func ConnectPg(ctx context.Context, url string) (*PgPostStore, error) {
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		return nil, err
	}
	_, err = pool.Exec(ctx, `CREATE TABLE IF NOT EXISTS posts (
		id bigserial PRIMARY KEY,
		title text NOT NULL,
		body text NOT NULL,
		created_at timestamptz NOT NULL DEFAULT now())`)
	if err != nil {
		pool.Close()
		return nil, err
	}
	return &PgPostStore{pool: pool}, nil
}

func (p *PgPostStore) Create(ctx context.Context, title, body string) (Post, error) {
	var post Post
	err := p.pool.QueryRow(ctx, `INSERT INTO posts (title, body) VALUES ($1, $2) RETURNING id, title, body, created_at`, title, body).
		Scan(&post.ID, &post.Title, &post.Body, &post.CreatedAt)
	return post, err
}

func (p *PgPostStore) Find(ctx context.Context, id int64) (Post, bool, error) {
	var post Post
	err := p.pool.QueryRow(ctx, `SELECT id, title, body, created_at FROM posts WHERE id = $1`, id).
		Scan(&post.ID, &post.Title, &post.Body, &post.CreatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return Post{}, false, nil
	}
	return post, err == nil, err
}

func (p *PgPostStore) Ping(ctx context.Context) error { return p.pool.Ping(ctx) }
