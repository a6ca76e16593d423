import type { MessageStore } from './messages.js';

/** What the chat needs of a connected client: a way to send it one text frame. */
export interface Client {
  send(frame: string): void;
}

const error = (text: string) => JSON.stringify({ type: 'error', error: text });

/** The rooms and their clients. Pure logic: app.ts connects it to real WebSockets. */
export class Chat {
  constructor(private readonly store: MessageStore) {}

  /** A client opened GET /ws?room=<room>. */
  async join(client: Client, room: string): Promise<void> {
    // Rooms milestone: remember which clients are in which room.
    // History milestone: first send the room's last 50 messages (store.recent), oldest first.
    void client;
    void room;
  }

  /** The client's socket closed. */
  leave(client: Client, room: string): void {
    // Rooms milestone: forget the client, so nothing is sent to a closed socket.
    void client;
    void room;
  }

  /** One text frame from a client in `room`. */
  async receive(client: Client, room: string, frame: string): Promise<void> {
    let data: unknown;
    try {
      data = JSON.parse(frame);
    } catch {
      client.send(error('send JSON like {"type": "message", "text": "hello"}'));
      return;
    }
    if (typeof data !== 'object' || data === null || (data as { type?: unknown }).type !== 'message') {
      client.send(error('unknown frame: send {"type": "message", "text": "..."}'));
      return;
    }
    // Rooms milestone: check the text (a string of 1 to 200 characters), store it with
    // this.store.save(room, text) and send the stored message to every client of the room.
    // Two-instances milestone: publish it through Redis instead, so other instances deliver it too.
    void this.store;
    void room;
    client.send(error('messages are not delivered yet: build the rooms milestone'));
  }
}
