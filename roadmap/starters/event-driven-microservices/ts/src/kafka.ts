import { Kafka, logLevel, Partitioners, type Admin, type Consumer, type Producer } from 'kafkajs';

/** The topic OrderPlaced events go to, keyed by sku so that the events of one sku stay in order. */
export const TOPIC = 'order-placed';

/** A KafkaJS client for `brokers` (comma-separated host:port). */
export function kafkaClient(brokers: string, clientId: string): Kafka {
  return new Kafka({
    clientId,
    brokers: brokers.split(',').map((b) => b.trim()).filter(Boolean),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    retry: { retries: 3 },
  });
}

/** Publishes to the topic; its admin client also answers /health. */
export class Publisher {
  private constructor(
    private readonly admin: Admin,
    private readonly producer: Producer,
  ) {}

  /** Connects, and creates the topic (one partition) when it does not exist yet. */
  static async connect(kafka: Kafka): Promise<Publisher> {
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopic(admin);
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    return new Publisher(admin, producer);
  }

  async ping(): Promise<void> {
    await this.admin.describeCluster();
  }

  /** Sends one message and resolves once Kafka has stored it. */
  async publish(key: string, value: unknown): Promise<void> {
    await this.producer.send({ topic: TOPIC, messages: [{ key, value: JSON.stringify(value) }] });
  }

  async close(): Promise<void> {
    await this.producer.disconnect().catch(() => {});
    await this.admin.disconnect().catch(() => {});
  }
}

export async function ensureTopic(admin: Admin): Promise<void> {
  if ((await admin.listTopics()).includes(TOPIC)) return;
  await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 1 }], waitForLeaders: true }).catch((err: Error) => {
    if (!/already exists/i.test(err.message)) throw err;
  });
}

/**
 * Reads the topic in the consumer group `groupId` from where the group left off (from the start for a
 * new group) and calls `handle` with each message's text. A throw from `handle` makes KafkaJS deliver
 * the message again: Kafka delivers at least once. `joined` turns true once the group has given this
 * consumer its partitions.
 */
export class Subscriber {
  joined = false;
  private readonly admin: Admin;
  private readonly consumer: Consumer;

  constructor(kafka: Kafka, groupId: string) {
    this.admin = kafka.admin();
    // A short fetch wait keeps shutdown quick; a short rebalance timeout keeps a restart's join short.
    this.consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, rebalanceTimeout: 3000, heartbeatInterval: 1000, maxWaitTimeInMs: 500 });
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => (this.joined = true));
    this.consumer.on(this.consumer.events.CRASH, () => (this.joined = false));
  }

  async start(handle: (text: string) => Promise<void>): Promise<void> {
    await this.admin.connect();
    await ensureTopic(this.admin);
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: TOPIC, fromBeginning: true });
    await this.consumer.run({ eachMessage: ({ message }) => handle(message.value?.toString('utf8') ?? '') });
  }

  async ping(): Promise<void> {
    await this.admin.describeCluster();
  }

  /** Leaves the group (so a restarted consumer gets the partition at once) and disconnects. */
  async close(): Promise<void> {
    await this.consumer.disconnect().catch(() => {});
    await this.admin.disconnect().catch(() => {});
  }
}
