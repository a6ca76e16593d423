// Package app holds the chat's HTTP and WebSocket handlers, its rooms and its message store.
package app

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/coder/websocket"
)

// NewHandler returns the routes: GET /health, and GET /ws?room=<name> upgraded to a WebSocket in that room.
func NewHandler(store MessageStore, chat *Chat) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", func(w http.ResponseWriter, r *http.Request) {
		if err := store.Ping(r.Context()); err != nil {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": "database unreachable"})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /ws", func(w http.ResponseWriter, r *http.Request) {
		room := r.URL.Query().Get("room")
		if room == "" {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "open /ws?room=<name>"})
			return
		}
		conn, err := websocket.Accept(w, r, nil)
		if err != nil {
			return // Accept has answered the request already
		}
		defer conn.CloseNow()
		ctx := r.Context()
		client := &socket{conn: conn}
		chat.Join(ctx, client, room)
		defer chat.Leave(client, room)
		for {
			_, data, err := conn.Read(ctx)
			if err != nil {
				return
			}
			chat.Receive(ctx, client, room, data)
		}
	})
	return mux
}

// socket is a Client on a real WebSocket.
type socket struct {
	conn *websocket.Conn
}

func (s *socket) Send(frame []byte) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = s.conn.Write(ctx, websocket.MessageText, frame)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
