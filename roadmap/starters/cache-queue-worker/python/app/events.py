"""The message broker: Kafka through confluent-kafka, or memory for unit tests.

For now /health pings it and a worker logs what arrives; nothing publishes yet.
"""
import json
import threading

from confluent_kafka import Consumer, KafkaError, KafkaException, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

# The topic item events go to. An event is a JSON object with at least eventId, type and itemId.
TOPIC = "item-events"


class MemoryEvents:
    """For unit tests: published events are kept in a list."""

    def __init__(self):
        self.published = []

    def ping(self) -> None:
        pass

    def publish(self, event: dict) -> None:
        self.published.append(event)


class KafkaEvents:
    """An admin client (topic, health), a producer and, once started, a consumer in a thread."""

    def __init__(self, brokers: str, client_id: str):
        self.brokers = brokers
        self.client_id = client_id
        self.admin = AdminClient({"bootstrap.servers": brokers, "client.id": client_id})
        topics = self.admin.list_topics(timeout=10).topics  # raises KafkaException when unreachable
        if TOPIC not in topics:
            future = self.admin.create_topics([NewTopic(TOPIC, num_partitions=1, replication_factor=1)])[TOPIC]
            try:
                future.result(timeout=10)
            except KafkaException as err:
                if err.args[0].code() != KafkaError.TOPIC_ALREADY_EXISTS:
                    raise
        self.producer = Producer({"bootstrap.servers": brokers, "client.id": client_id, "linger.ms": 0})
        self._stop = threading.Event()
        self._worker = None

    def ping(self) -> None:
        self.admin.list_topics(timeout=2)

    def publish(self, event: dict) -> None:
        """Sends one event, keyed by its item so that events of one item stay in order; waits for the ack."""
        result = {}

        def delivered(err, _msg):
            result["error"] = err

        self.producer.produce(TOPIC, key=str(event["itemId"]), value=json.dumps(event), on_delivery=delivered)
        self.producer.flush(10)
        if result.get("error") is not None or "error" not in result:
            raise KafkaException(result.get("error") or "the event was not delivered within 10 s")

    def start_worker(self, group_id: str, handle, on_error) -> None:
        """Consumes the topic in the consumer group `group_id` in a thread and calls `handle(event)`.

        Offsets are committed after `handle` returns, so Kafka delivers at least once: after a crash
        or a rebalance an event can arrive again. When `handle` raises, the event is read again.
        """
        consumer = Consumer({
            "bootstrap.servers": self.brokers,
            "client.id": self.client_id,
            "group.id": group_id,
            "auto.offset.reset": "earliest",
            "enable.auto.commit": False,
            "session.timeout.ms": 10000,
            "heartbeat.interval.ms": 1000,
        })
        consumer.subscribe([TOPIC])

        def run():
            try:
                while not self._stop.is_set():
                    msg = consumer.poll(0.5)
                    if msg is None:
                        continue
                    if msg.error():
                        on_error(msg.error())
                        continue
                    try:
                        event = json.loads(msg.value())
                    except ValueError as err:
                        on_error(err)  # not JSON: skip it rather than retry it forever
                        consumer.commit(message=msg, asynchronous=False)
                        continue
                    try:
                        handle(event)
                    except Exception as err:  # read it again after a pause
                        on_error(err)
                        consumer.seek(TopicPartition(msg.topic(), msg.partition(), msg.offset()))
                        self._stop.wait(1)
                        continue
                    consumer.commit(message=msg, asynchronous=False)
            finally:
                consumer.close()  # leaves the group, so a restarted worker gets the partition at once

        self._worker = threading.Thread(target=run, name="worker", daemon=True)
        self._worker.start()

    def close(self) -> None:
        self._stop.set()
        if self._worker:
            self._worker.join(timeout=5)
        self.producer.flush(2)
