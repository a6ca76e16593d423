package app

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
)

// Topic is where item events go.
const Topic = "item-events"

// Event is what one message on the topic carries.
type Event struct {
	EventID string `json:"eventId"`
	Type    string `json:"type"`
	ItemID  string `json:"itemId"`
	Name    string `json:"name,omitempty"`
}

// Events is the message broker. For now /health pings it and a worker logs what arrives; nothing
// publishes yet.
type Events interface {
	Ping(ctx context.Context) error
	Publish(ctx context.Context, event Event) error
}

// MemoryEvents keeps published events in a list, for unit tests.
type MemoryEvents struct {
	mu        sync.Mutex
	Published []Event
}

func (m *MemoryEvents) Ping(context.Context) error { return nil }

func (m *MemoryEvents) Publish(_ context.Context, event Event) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.Published = append(m.Published, event)
	return nil
}

// KafkaEvents is Kafka through franz-go: one client to produce and administer, and, once
// started, a consumer group client for the worker.
type KafkaEvents struct {
	brokers  []string
	clientID string
	client   *kgo.Client
	consumer *kgo.Client
	stop     context.CancelFunc
	done     chan struct{}
}

// ConnectKafka connects to brokers (comma-separated host:port) and makes sure the topic exists.
func ConnectKafka(ctx context.Context, brokers, clientID string) (*KafkaEvents, error) {
	seeds := strings.Split(brokers, ",")
	client, err := kgo.NewClient(
		kgo.SeedBrokers(seeds...),
		kgo.ClientID(clientID),
		kgo.ProducerLinger(0),
		// Uncompressed (franz-go would pick snappy): small JSON events gain little from it, and
		// consumers in any language read them without an extra codec.
		kgo.ProducerBatchCompression(kgo.NoCompression()),
	)
	if err != nil {
		return nil, err
	}
	// The error is the topic's own one too; one that already exists is what we want.
	_, err = kadm.NewClient(client).CreateTopic(ctx, 1, 1, nil, Topic)
	if err != nil && !errors.Is(err, kerr.TopicAlreadyExists) {
		client.Close()
		return nil, err
	}
	return &KafkaEvents{brokers: seeds, clientID: clientID, client: client}, nil
}

func (k *KafkaEvents) Ping(ctx context.Context) error { return k.client.Ping(ctx) }

// Publish sends one event, keyed by its item so that events of one item stay in order, and waits
// for the broker's acknowledgement.
func (k *KafkaEvents) Publish(ctx context.Context, event Event) error {
	value, err := json.Marshal(event)
	if err != nil {
		return err
	}
	return k.client.ProduceSync(ctx, &kgo.Record{Topic: Topic, Key: []byte(event.ItemID), Value: value}).FirstErr()
}

// StartWorker consumes the topic in the consumer group groupID and calls handle for each event.
// Offsets are committed after handle returns, so Kafka delivers at least once: after a crash or a
// rebalance an event can arrive again. When handle fails, it is called again after a pause.
func (k *KafkaEvents) StartWorker(groupID string, handle func(context.Context, Event) error, onError func(error)) error {
	consumer, err := kgo.NewClient(
		kgo.SeedBrokers(k.brokers...),
		kgo.ClientID(k.clientID),
		kgo.ConsumerGroup(groupID),
		kgo.ConsumeTopics(Topic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()),
		kgo.DisableAutoCommit(),
		kgo.SessionTimeout(10*time.Second),
		kgo.HeartbeatInterval(time.Second),
		kgo.FetchMaxWait(500*time.Millisecond),
	)
	if err != nil {
		return err
	}
	ctx, stop := context.WithCancel(context.Background())
	k.consumer, k.stop, k.done = consumer, stop, make(chan struct{})
	go func() {
		defer close(k.done)
		for {
			fetches := consumer.PollFetches(ctx)
			if ctx.Err() != nil || fetches.IsClientClosed() {
				return
			}
			fetches.EachError(func(_ string, _ int32, err error) { onError(err) })
			fetches.EachRecord(func(r *kgo.Record) {
				var event Event
				if err := json.Unmarshal(r.Value, &event); err != nil {
					onError(err) // not JSON: skip it rather than retry it forever
					return
				}
				for ctx.Err() == nil {
					err := handle(ctx, event)
					if err == nil {
						return
					}
					onError(err)
					select {
					case <-ctx.Done():
					case <-time.After(time.Second):
					}
				}
			})
			if ctx.Err() != nil {
				return // stopped halfway: leave the rest uncommitted, to be delivered again
			}
			if err := consumer.CommitUncommittedOffsets(ctx); err != nil && ctx.Err() == nil {
				onError(err)
			}
		}
	}()
	return nil
}

// Close stops the worker, leaves the consumer group (so a restarted worker gets the partition at
// once) and disconnects.
func (k *KafkaEvents) Close() {
	if k.consumer != nil {
		k.stop()
		<-k.done
		k.consumer.Close()
	}
	k.client.Close()
}
