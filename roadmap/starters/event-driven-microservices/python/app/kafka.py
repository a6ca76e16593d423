"""Kafka through confluent-kafka: the order-placed topic, a publisher and a subscriber."""
import threading

from confluent_kafka import Consumer, KafkaError, KafkaException, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

# OrderPlaced events go here, keyed by sku so that the events of one sku stay in order.
TOPIC = "order-placed"


def ensure_topic(admin: AdminClient) -> None:
    """Creates the topic (one partition) when it does not exist; raises KafkaException when Kafka is unreachable."""
    if TOPIC in admin.list_topics(timeout=10).topics:
        return
    future = admin.create_topics([NewTopic(TOPIC, num_partitions=1, replication_factor=1)])[TOPIC]
    try:
        future.result(timeout=10)
    except KafkaException as err:
        if err.args[0].code() != KafkaError.TOPIC_ALREADY_EXISTS:
            raise


class Publisher:
    def __init__(self, brokers: str, client_id: str):
        self.admin = AdminClient({"bootstrap.servers": brokers, "client.id": client_id})
        ensure_topic(self.admin)
        self.producer = Producer({"bootstrap.servers": brokers, "client.id": client_id, "linger.ms": 0})

    def ping(self) -> None:
        self.admin.list_topics(timeout=2)

    def publish(self, key: str, value: bytes) -> None:
        """Sends one message and returns once Kafka has stored it; raises when it could not."""
        result = {}

        def delivered(err, _msg):
            result["error"] = err

        self.producer.produce(TOPIC, key=key, value=value, on_delivery=delivered)
        self.producer.flush(10)
        if "error" not in result or result["error"] is not None:
            raise KafkaException(result.get("error") or "the message was not delivered within 10 s")

    def close(self) -> None:
        self.producer.flush(2)


class Subscriber:
    """Reads the topic in a consumer group, in a thread, from where the group left off (the start for a
    new group). The offset is committed after `handle` returns: Kafka delivers at least once, and an
    exception from `handle` reads the message again after a pause. `joined` turns true once the group
    has given this consumer its partition."""

    def __init__(self, brokers: str, client_id: str, group_id: str):
        self.admin = AdminClient({"bootstrap.servers": brokers, "client.id": client_id})
        ensure_topic(self.admin)
        self.consumer = Consumer({
            "bootstrap.servers": brokers,
            "client.id": client_id,
            "group.id": group_id,
            "auto.offset.reset": "earliest",
            "enable.auto.commit": False,
            "session.timeout.ms": 10000,
            "heartbeat.interval.ms": 1000,
        })
        self.joined = False
        self._stop = threading.Event()
        self._thread = None

    def ping(self) -> None:
        self.admin.list_topics(timeout=2)

    def start(self, handle, on_error) -> None:
        def assigned(_consumer, _partitions):
            self.joined = True

        self.consumer.subscribe([TOPIC], on_assign=assigned)

        def run():
            try:
                while not self._stop.is_set():
                    msg = self.consumer.poll(0.2)
                    if msg is None:
                        continue
                    if msg.error():
                        on_error(msg.error())
                        continue
                    try:
                        handle(msg.value())
                    except Exception as err:  # noqa: BLE001 - read it again after a pause
                        on_error(err)
                        self.consumer.seek(TopicPartition(msg.topic(), msg.partition(), msg.offset()))
                        self._stop.wait(1)
                        continue
                    self.consumer.commit(message=msg, asynchronous=False)
            finally:
                self.consumer.close()  # leaves the group, so a restarted consumer gets the partition at once

        self._thread = threading.Thread(target=run, name="consumer", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join(timeout=5)
