"""Where files are kept: an S3 bucket for the service, memory for unit tests."""
from urllib.parse import urlsplit

import urllib3
from minio import Minio


class MemoryFileStore:
    """The same contract as S3FileStore, in memory; `down` makes every call fail like a store that is off."""

    def __init__(self):
        self.objects = {}
        self.down = False

    def ping(self) -> None:
        if self.down:
            raise OSError("the store is down")

    # Upload milestone: add put(file_id, reader, content_type) here and in S3FileStore.
    # Signed links milestone: add exists(file_id) and signed_url(file_id, seconds).


class S3FileStore:
    """Objects in an S3 bucket (any S3-compatible store: versitygw, MinIO, AWS S3), through the MinIO client."""

    def __init__(self, config):
        parts = urlsplit(config.s3_endpoint)
        # Short timeouts and no retries: a store that is down answers 503 at once instead of hanging.
        http = urllib3.PoolManager(timeout=urllib3.Timeout(connect=2, read=10), retries=False)
        self.client = Minio(parts.netloc, access_key=config.s3_access_key, secret_key=config.s3_secret_key,
                            secure=parts.scheme == "https", region=config.s3_region, http_client=http)
        self.bucket = config.s3_bucket
        self.region = config.s3_region

    def ensure_bucket(self) -> None:
        """Creates the bucket when it is missing (a fresh store from docker compose has none)."""
        if not self.client.bucket_exists(self.bucket):
            self.client.make_bucket(self.bucket, location=self.region)

    def ping(self) -> None:
        if not self.client.bucket_exists(self.bucket):
            raise OSError(f"bucket {self.bucket} does not exist")
