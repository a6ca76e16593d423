package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// FileStore is what the routes need of the object store.
type FileStore interface {
	// Ping answers nil while the bucket answers; an error when the store is down or the bucket is missing.
	Ping(ctx context.Context) error
	// Upload milestone: add Put(ctx, id, reader, contentType) here and in both stores below.
	// Signed links milestone: add Exists(ctx, id) and SignedURL(ctx, id, seconds).
}

// MemoryStore is the same contract in memory, for unit tests; Down makes every call fail like a store that is off.
type MemoryStore struct {
	Objects map[string][]byte
	Down    bool
}

func NewMemoryStore() *MemoryStore { return &MemoryStore{Objects: map[string][]byte{}} }

func (m *MemoryStore) Ping(context.Context) error {
	if m.Down {
		return errors.New("the store is down")
	}
	return nil
}

// S3Store keeps objects in an S3 bucket (any S3-compatible store: versitygw, MinIO, AWS S3) through the MinIO client.
type S3Store struct {
	Client *minio.Client
	Bucket string
	Region string
}

func NewS3Store(c Config) (*S3Store, error) {
	client, err := minio.New(c.S3Endpoint.Host, &minio.Options{
		Creds:        credentials.NewStaticV4(c.AccessKey, c.SecretKey, ""),
		Secure:       c.S3Endpoint.Scheme == "https",
		Region:       c.Region,
		BucketLookup: minio.BucketLookupPath,
		MaxRetries:   1, // a store that is down answers 503 at once instead of after retries
	})
	if err != nil {
		return nil, fmt.Errorf("S3_ENDPOINT %s: %w", c.S3Endpoint, err)
	}
	return &S3Store{Client: client, Bucket: c.Bucket, Region: c.Region}, nil
}

// EnsureBucket creates the bucket when it is missing (a fresh store from docker compose has none).
func (s *S3Store) EnsureBucket(ctx context.Context) error {
	ok, err := s.Client.BucketExists(ctx, s.Bucket)
	if err != nil || ok {
		return err
	}
	return s.Client.MakeBucket(ctx, s.Bucket, minio.MakeBucketOptions{Region: s.Region})
}

func (s *S3Store) Ping(ctx context.Context) error {
	ok, err := s.Client.BucketExists(ctx, s.Bucket)
	if err == nil && !ok {
		err = fmt.Errorf("bucket %s does not exist", s.Bucket)
	}
	return err
}
