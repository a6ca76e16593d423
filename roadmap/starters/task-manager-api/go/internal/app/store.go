package app

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

type User struct {
	ID           int64
	Email        string
	PasswordHash string
}

type Task struct {
	ID    int64  `json:"id"`
	Title string `json:"title"`
	Done  bool   `json:"done"`
}

// ErrEmailTaken is returned by CreateUser for an email that is already registered.
var ErrEmailTaken = errors.New("email already registered")

// Store keeps users and their tasks: PostgreSQL in the service, memory in unit tests.
type Store interface {
	CreateUser(ctx context.Context, email, passwordHash string) (User, error)
	// FindUserByEmail reports false when no user has that email.
	FindUserByEmail(ctx context.Context, email string) (User, bool, error)
	CreateTask(ctx context.Context, userID int64, title string) (Task, error)
	// ListTasks returns the user's own tasks, oldest first.
	ListTasks(ctx context.Context, userID int64) ([]Task, error)
	Ping(ctx context.Context) error
}

type memoryTask struct {
	Task
	userID int64
}

// MemoryStore is the same contract in memory, for unit tests.
type MemoryStore struct {
	mu    sync.Mutex
	Users []User
	tasks []memoryTask
}

func NewMemoryStore() *MemoryStore { return &MemoryStore{} }

func (m *MemoryStore) CreateUser(_ context.Context, email, passwordHash string) (User, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, u := range m.Users {
		if u.Email == email {
			return User{}, ErrEmailTaken
		}
	}
	u := User{ID: int64(len(m.Users) + 1), Email: email, PasswordHash: passwordHash}
	m.Users = append(m.Users, u)
	return u, nil
}

func (m *MemoryStore) FindUserByEmail(_ context.Context, email string) (User, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, u := range m.Users {
		if u.Email == email {
			return u, true, nil
		}
	}
	return User{}, false, nil
}

func (m *MemoryStore) CreateTask(_ context.Context, userID int64, title string) (Task, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	t := Task{ID: int64(len(m.tasks) + 1), Title: title}
	m.tasks = append(m.tasks, memoryTask{Task: t, userID: userID})
	return t, nil
}

func (m *MemoryStore) ListTasks(_ context.Context, userID int64) ([]Task, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	tasks := []Task{}
	for _, t := range m.tasks {
		if t.userID == userID {
			tasks = append(tasks, t.Task)
		}
	}
	return tasks, nil
}

func (m *MemoryStore) Ping(context.Context) error { return nil }

const schema = `
CREATE TABLE IF NOT EXISTS users (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS tasks (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  title text NOT NULL,
  done boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS tasks_user_id ON tasks (user_id, id);
`

// PgStore keeps users and tasks in PostgreSQL; every task query is scoped to its owner.
type PgStore struct{ pool *pgxpool.Pool }

func ConnectPg(ctx context.Context, url string) (*PgStore, error) {
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		return nil, err
	}
	if _, err := pool.Exec(ctx, schema); err != nil {
		pool.Close()
		return nil, err
	}
	return &PgStore{pool: pool}, nil
}

func (p *PgStore) CreateUser(ctx context.Context, email, passwordHash string) (User, error) {
	u := User{Email: email, PasswordHash: passwordHash}
	err := p.pool.QueryRow(ctx, `INSERT INTO users (email, password_hash) VALUES ($1, $2)
		ON CONFLICT (email) DO NOTHING RETURNING id`, email, passwordHash).Scan(&u.ID)
	if errors.Is(err, pgx.ErrNoRows) {
		return User{}, ErrEmailTaken
	}
	return u, err
}

func (p *PgStore) FindUserByEmail(ctx context.Context, email string) (User, bool, error) {
	var u User
	err := p.pool.QueryRow(ctx, `SELECT id, email, password_hash FROM users WHERE email = $1`, email).Scan(&u.ID, &u.Email, &u.PasswordHash)
	if errors.Is(err, pgx.ErrNoRows) {
		return User{}, false, nil
	}
	return u, err == nil, err
}

func (p *PgStore) CreateTask(ctx context.Context, userID int64, title string) (Task, error) {
	var t Task
	err := p.pool.QueryRow(ctx, `INSERT INTO tasks (user_id, title) VALUES ($1, $2) RETURNING id, title, done`, userID, title).Scan(&t.ID, &t.Title, &t.Done)
	return t, err
}

func (p *PgStore) ListTasks(ctx context.Context, userID int64) ([]Task, error) {
	rows, err := p.pool.Query(ctx, `SELECT id, title, done FROM tasks WHERE user_id = $1 ORDER BY id`, userID)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByPos[Task])
}

func (p *PgStore) Ping(ctx context.Context) error { return p.pool.Ping(ctx) }

// isDatabaseDown reports whether err means PostgreSQL cannot be reached right now (refused, cut off,
// shutting down), which is worth retrying later, unlike a bug in a query.
func isDatabaseDown(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return strings.HasPrefix(pgErr.Code, "08") || strings.HasPrefix(pgErr.Code, "57P")
	}
	var connectErr *pgconn.ConnectError
	var netErr net.Error
	return errors.As(err, &connectErr) || errors.As(err, &netErr) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)
}
