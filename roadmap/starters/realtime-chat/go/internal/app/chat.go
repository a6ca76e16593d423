package app

import (
	"context"
	"encoding/json"
)

// Client is what the chat needs of a connected client: a way to send it one text frame.
type Client interface {
	Send(frame []byte)
}

// Chat holds the rooms and their clients. Pure logic: app.go connects it to real WebSockets.
type Chat struct {
	store MessageStore
}

func NewChat(store MessageStore) *Chat { return &Chat{store: store} }

func errorFrame(text string) []byte {
	b, _ := json.Marshal(map[string]string{"type": "error", "error": text})
	return b
}

// Join is called when a client opened GET /ws?room=<room>.
func (c *Chat) Join(ctx context.Context, client Client, room string) {
	// Rooms milestone: remember which clients are in which room (guard the map with a mutex).
	// History milestone: first send the room's last 50 messages (store.Recent), oldest first.
}

// Leave is called when the client's socket closed.
func (c *Chat) Leave(client Client, room string) {
	// Rooms milestone: forget the client, so nothing is sent to a closed socket.
}

// Receive handles one frame from a client in room.
func (c *Chat) Receive(ctx context.Context, client Client, room string, frame []byte) {
	var data map[string]any
	if err := json.Unmarshal(frame, &data); err != nil {
		client.Send(errorFrame(`send JSON like {"type": "message", "text": "hello"}`))
		return
	}
	if data["type"] != "message" {
		client.Send(errorFrame(`unknown frame: send {"type": "message", "text": "..."}`))
		return
	}
	// Rooms milestone: check the text (a string of 1 to 200 characters), store it with
	// c.store.Save(ctx, room, text) and send the stored message to every client of the room.
	// Two-instances milestone: publish it through Redis instead, so other instances deliver it too.
	client.Send(errorFrame("messages are not delivered yet: build the rooms milestone"))
}
