package app

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
)

// Topic is where OrderPlaced events go, keyed by sku so that the events of one sku stay in order.
const Topic = "order-placed"

// Publisher sends messages to the topic through franz-go.
type Publisher struct {
	client *kgo.Client
}

func ensureTopic(ctx context.Context, client *kgo.Client) error {
	_, err := kadm.NewClient(client).CreateTopic(ctx, 1, 1, nil, Topic)
	if err != nil && !errors.Is(err, kerr.TopicAlreadyExists) {
		return err
	}
	return nil
}

// ConnectPublisher connects to brokers (comma-separated host:port) and makes sure the topic exists.
func ConnectPublisher(ctx context.Context, brokers, clientID string) (*Publisher, error) {
	client, err := kgo.NewClient(
		kgo.SeedBrokers(strings.Split(brokers, ",")...),
		kgo.ClientID(clientID),
		kgo.ProducerLinger(0),
		// Uncompressed: consumers in any language read them without an extra codec.
		kgo.ProducerBatchCompression(kgo.NoCompression()),
	)
	if err != nil {
		return nil, err
	}
	if err := ensureTopic(ctx, client); err != nil {
		client.Close()
		return nil, err
	}
	return &Publisher{client: client}, nil
}

func (p *Publisher) Ping(ctx context.Context) error { return p.client.Ping(ctx) }

// Publish sends one message and returns once Kafka has stored it.
func (p *Publisher) Publish(ctx context.Context, key string, value []byte) error {
	return p.client.ProduceSync(ctx, &kgo.Record{Topic: Topic, Key: []byte(key), Value: value}).FirstErr()
}

func (p *Publisher) Close() { p.client.Close() }

// Subscriber reads the topic in a consumer group, from where the group left off (the start for a
// new group). Offsets are committed after handle returns: Kafka delivers at least once, and when
// handle fails it is called again after a pause. Joined turns true once the group has given this
// consumer its partition.
type Subscriber struct {
	client *kgo.Client
	joined atomic.Bool
	stop   context.CancelFunc
	done   chan struct{}
}

// ConnectSubscriber joins the consumer group groupID.
func ConnectSubscriber(ctx context.Context, brokers, clientID, groupID string) (*Subscriber, error) {
	s := &Subscriber{done: make(chan struct{})}
	client, err := kgo.NewClient(
		kgo.SeedBrokers(strings.Split(brokers, ",")...),
		kgo.ClientID(clientID),
		kgo.ConsumerGroup(groupID),
		kgo.ConsumeTopics(Topic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()),
		kgo.DisableAutoCommit(),
		kgo.SessionTimeout(10*time.Second),
		kgo.HeartbeatInterval(time.Second),
		kgo.FetchMaxWait(500*time.Millisecond),
		kgo.OnPartitionsAssigned(func(context.Context, *kgo.Client, map[string][]int32) { s.joined.Store(true) }),
	)
	if err != nil {
		return nil, err
	}
	if err := ensureTopic(ctx, client); err != nil {
		client.Close()
		return nil, err
	}
	s.client = client
	return s, nil
}

func (s *Subscriber) Ping(ctx context.Context) error { return s.client.Ping(ctx) }

// Joined says whether the group has given this consumer its partition.
func (s *Subscriber) Joined() bool { return s.joined.Load() }

// Start calls handle for each message's value, in order, in a goroutine.
func (s *Subscriber) Start(handle func(context.Context, []byte) error, onError func(error)) {
	ctx, stop := context.WithCancel(context.Background())
	s.stop = stop
	go func() {
		defer close(s.done)
		for {
			fetches := s.client.PollFetches(ctx)
			if ctx.Err() != nil || fetches.IsClientClosed() {
				return
			}
			fetches.EachError(func(_ string, _ int32, err error) { onError(err) })
			fetches.EachRecord(func(r *kgo.Record) {
				for ctx.Err() == nil {
					err := handle(ctx, r.Value)
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
			if err := s.client.CommitUncommittedOffsets(ctx); err != nil && ctx.Err() == nil {
				onError(err)
			}
		}
	}()
}

// Close stops reading, leaves the group (so a restarted consumer gets the partition at once) and disconnects.
func (s *Subscriber) Close() {
	if s.stop != nil {
		s.stop()
		<-s.done
	}
	s.client.Close()
}
