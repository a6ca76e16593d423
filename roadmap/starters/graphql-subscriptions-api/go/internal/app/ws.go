package app

import (
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"time"

	"github.com/coder/websocket"
	graphql "github.com/graph-gophers/graphql-go"
)

// The graphql-ws protocol (github.com/enisdenjo/graphql-ws, PROTOCOL.md): the client sends
// connection_init and gets connection_ack; then each subscribe {id, payload} gets next messages
// with its results and a complete when the stream ends; a complete from the client stops it.
const wsProtocol = "graphql-transport-ws"

type wsMessage struct {
	ID      string          `json:"id,omitempty"`
	Type    string          `json:"type"`
	Payload json.RawMessage `json:"payload,omitempty"`
}

type wsSession struct {
	conn   *websocket.Conn
	schema *graphql.Schema
	mu     sync.Mutex
	active map[string]*wsOperation // running operations by id
}

func serveGraphQLWS(w http.ResponseWriter, r *http.Request, schema *graphql.Schema) {
	conn, err := websocket.Accept(w, r, &websocket.AcceptOptions{Subprotocols: []string{wsProtocol}})
	if err != nil {
		return // Accept has answered the request already
	}
	defer conn.CloseNow()
	if conn.Subprotocol() != wsProtocol {
		conn.Close(4406, "Subprotocol not acceptable: use "+wsProtocol)
		return
	}
	// Ending the connection ends every operation it started.
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	s := &wsSession{conn: conn, schema: schema, active: map[string]*wsOperation{}}
	s.read(ctx)
}

// read handles the client's messages until the connection ends; a protocol mistake closes it with
// the code graphql-ws defines for it.
func (s *wsSession) read(ctx context.Context) {
	acknowledged := false
	for {
		_, data, err := s.conn.Read(ctx)
		if err != nil {
			return
		}
		var msg wsMessage
		if json.Unmarshal(data, &msg) != nil {
			s.conn.Close(4400, "Invalid message received")
			return
		}
		switch msg.Type {
		case "connection_init":
			if acknowledged {
				s.conn.Close(4429, "Too many initialisation requests")
				return
			}
			acknowledged = true
			s.send(ctx, wsMessage{Type: "connection_ack"})
		case "ping":
			s.send(ctx, wsMessage{Type: "pong"})
		case "pong":
		case "subscribe":
			var p struct {
				Query         string         `json:"query"`
				OperationName string         `json:"operationName"`
				Variables     map[string]any `json:"variables"`
			}
			switch {
			case !acknowledged:
				s.conn.Close(4401, "Unauthorized")
				return
			case msg.ID == "" || json.Unmarshal(msg.Payload, &p) != nil:
				s.conn.Close(4400, "Invalid message received")
				return
			case !s.start(ctx, msg.ID, p.Query, p.OperationName, p.Variables):
				s.conn.Close(4409, "Subscriber for "+msg.ID+" already exists")
				return
			}
		case "complete":
			s.stop(msg.ID)
		default:
			s.conn.Close(4400, "Invalid message received")
			return
		}
	}
}

// start runs one operation: a subscription sends a next message per result until it ends or the
// client completes it. It returns false when an operation with that id is running already.
func (s *wsSession) start(ctx context.Context, id, query, operationName string, variables map[string]any) bool {
	s.mu.Lock()
	if _, running := s.active[id]; running {
		s.mu.Unlock()
		return false
	}
	opCtx, cancel := context.WithCancel(ctx)
	op := &wsOperation{cancel: cancel}
	s.active[id] = op
	s.mu.Unlock()
	// Subscribe calls the subscription's resolver before it returns, so the subscriber is listening
	// before the next message is read: a post created right after the subscribe reaches it.
	results, err := s.schema.Subscribe(opCtx, query, operationName, variables)
	if err != nil { // a schema without a Subscription type: queries and mutations still run here
		one := make(chan any, 1)
		one <- s.schema.Exec(opCtx, query, operationName, variables)
		close(one)
		results = one
	}
	go func() {
		defer s.finish(id, op)
		first := true
		for r := range results {
			result := r.(*graphql.Response)
			// A query the schema refuses (a syntax or validation error) has errors and no data at all.
			if first && result.Data == nil && len(result.Errors) > 0 {
				s.sendPayload(ctx, id, "error", result.Errors)
				return
			}
			first = false
			s.sendPayload(ctx, id, "next", result)
		}
		if opCtx.Err() == nil { // the stream ended on the server's side; a client's complete needs no answer
			s.send(ctx, wsMessage{ID: id, Type: "complete"})
		}
	}()
	return true
}

// wsOperation is one running operation; a pointer, so a finished one never removes a newer one of the same id.
type wsOperation struct {
	cancel context.CancelFunc
}

// stop ends the client's operation id (its complete message).
func (s *wsSession) stop(id string) {
	s.mu.Lock()
	op := s.active[id]
	s.mu.Unlock()
	if op != nil {
		s.finish(id, op)
	}
}

func (s *wsSession) finish(id string, op *wsOperation) {
	op.cancel()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.active[id] == op {
		delete(s.active, id)
	}
}

func (s *wsSession) sendPayload(ctx context.Context, id, kind string, payload any) {
	data, err := json.Marshal(payload)
	if err != nil {
		data, _ = json.Marshal([]map[string]string{{"message": err.Error()}})
		kind = "error"
	}
	s.send(ctx, wsMessage{ID: id, Type: kind, Payload: data})
}

// send writes one message; coder/websocket lets several goroutines write to one connection.
func (s *wsSession) send(ctx context.Context, msg wsMessage) {
	data, _ := json.Marshal(msg)
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	_ = s.conn.Write(ctx, websocket.MessageText, data)
}
