import { Kafka, logLevel, Partitioners, type Admin, type Consumer, type Producer } from 'kafkajs';

/** The topic item events go to. */
export const TOPIC = 'item-events';

/** What one message on the topic carries. */
export interface ItemEvent {
  eventId: string;
  type: string;
  itemId: string;
  [key: string]: unknown;
}

export type EventHandler = (event: ItemEvent) => Promise<void>;

/** The message broker. For now /health pings it and a worker logs what arrives; nothing publishes yet. */
export interface Events {
  ping(): Promise<void>;
  publish(event: ItemEvent): Promise<void>;
}

/** For unit tests: published events are kept in a list. */
export class MemoryEvents implements Events {
  readonly published: ItemEvent[] = [];
  async ping(): Promise<void> {}
  async publish(event: ItemEvent): Promise<void> {
    this.published.push(event);
  }
}

/** Kafka through KafkaJS: an admin client (topic, health), a producer and, once started, a consumer. */
export class KafkaEvents implements Events {
  private consumer?: Consumer;

  private constructor(
    private readonly kafka: Kafka,
    private readonly admin: Admin,
    private readonly producer: Producer,
  ) {}

  /** Connects to `brokers` (comma-separated host:port) and makes sure the topic exists. */
  static async connect(brokers: string, clientId: string): Promise<KafkaEvents> {
    const kafka = new Kafka({
      clientId,
      brokers: brokers.split(',').map((b) => b.trim()).filter(Boolean),
      logLevel: logLevel.NOTHING,
      connectionTimeout: 3000,
      retry: { retries: 3 },
    });
    const admin = kafka.admin();
    await admin.connect();
    if (!(await admin.listTopics()).includes(TOPIC)) {
      await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 1 }], waitForLeaders: true }).catch((err: Error) => {
        if (!/already exists/i.test(err.message)) throw err;
      });
    }
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    return new KafkaEvents(kafka, admin, producer);
  }

  async ping(): Promise<void> {
    await this.admin.describeCluster();
  }

  /** Sends one event, keyed by its item so that events of one item stay in order. */
  async publish(event: ItemEvent): Promise<void> {
    await this.producer.send({ topic: TOPIC, messages: [{ key: event.itemId, value: JSON.stringify(event) }] });
  }

  /**
   * Consumes the topic in the consumer group `groupId` and calls `handle` for each event. Kafka
   * delivers at least once: after a crash or a rebalance an event can arrive again.
   */
  async startWorker(groupId: string, handle: EventHandler, onError: (err: unknown) => void): Promise<void> {
    // A short fetch wait keeps shutdown quick: disconnecting waits for the fetch in flight. A short
    // rebalance timeout too: a member that joins the group (a restarted worker) waits at most that long
    // for the others, and so does a disconnect that comes while it joins.
    const consumer = this.kafka.consumer({ groupId, sessionTimeout: 10_000, rebalanceTimeout: 3000, heartbeatInterval: 1000, maxWaitTimeInMs: 500 });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        let event: ItemEvent;
        try {
          event = JSON.parse(message.value?.toString('utf8') ?? '');
        } catch (err) {
          onError(err); // not JSON: skip it rather than retry it forever
          return;
        }
        await handle(event); // a throw here makes KafkaJS deliver the message again
      },
    });
  }

  /** Leaves the consumer group (so a restarted worker gets the partitions at once) and disconnects. */
  async close(): Promise<void> {
    await this.consumer?.disconnect().catch(() => {});
    await this.producer.disconnect().catch(() => {});
    await this.admin.disconnect().catch(() => {});
  }
}
