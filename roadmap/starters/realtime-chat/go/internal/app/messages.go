package app

import (
	"context"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Message is one chat message as it is stored and sent to clients.
type Message struct {
	Type string `json:"type"`
	Room string `json:"room"`
	Text string `json:"text"`
	ID   int64  `json:"id"`
	// At is when it was stored, ISO 8601 (RFC 3339) in JSON.
	At time.Time `json:"at"`
}

// MessageStore keeps messages: PostgreSQL in the service, memory in unit tests.
type MessageStore interface {
	Save(ctx context.Context, room, text string) (Message, error)
	// Recent returns the room's newest limit messages, oldest first.
	Recent(ctx context.Context, room string, limit int) ([]Message, error)
	Ping(ctx context.Context) error
}

type MemoryMessageStore struct {
	mu       sync.Mutex
	messages []Message
}

func NewMemoryMessageStore() *MemoryMessageStore { return &MemoryMessageStore{} }

func (m *MemoryMessageStore) Save(_ context.Context, room, text string) (Message, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	msg := Message{Type: "message", Room: room, Text: text, ID: int64(len(m.messages) + 1), At: time.Now().UTC()}
	m.messages = append(m.messages, msg)
	return msg, nil
}

func (m *MemoryMessageStore) Recent(_ context.Context, room string, limit int) ([]Message, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []Message
	for _, msg := range m.messages {
		if msg.Room == room {
			out = append(out, msg)
		}
	}
	if len(out) > limit {
		out = out[len(out)-limit:]
	}
	return out, nil
}

func (m *MemoryMessageStore) Ping(context.Context) error { return nil }

// PgMessageStore keeps messages in PostgreSQL: the id grows with every message, so it orders them.
type PgMessageStore struct {
	pool *pgxpool.Pool
}

func ConnectPg(ctx context.Context, url string) (*PgMessageStore, error) {
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		return nil, err
	}
	for _, stmt := range []string{
		`CREATE TABLE IF NOT EXISTS messages (
			id bigserial PRIMARY KEY,
			room text NOT NULL,
			text text NOT NULL,
			at timestamptz NOT NULL DEFAULT now())`,
		`CREATE INDEX IF NOT EXISTS messages_room_id ON messages (room, id)`,
	} {
		if _, err := pool.Exec(ctx, stmt); err != nil {
			pool.Close()
			return nil, err
		}
	}
	return &PgMessageStore{pool: pool}, nil
}

func (p *PgMessageStore) Save(ctx context.Context, room, text string) (Message, error) {
	msg := Message{Type: "message", Room: room, Text: text}
	err := p.pool.QueryRow(ctx, `INSERT INTO messages (room, text) VALUES ($1, $2) RETURNING id, at`, room, text).Scan(&msg.ID, &msg.At)
	msg.At = msg.At.UTC()
	return msg, err
}

func (p *PgMessageStore) Recent(ctx context.Context, room string, limit int) ([]Message, error) {
	// History milestone: select the room's newest limit rows and return them oldest first.
	return nil, nil
}

func (p *PgMessageStore) Ping(ctx context.Context) error { return p.pool.Ping(ctx) }
