import * as Minio from 'minio';
import type { Config } from './config.js';

/** What the routes need of the object store. */
export interface FileStore {
  /** Resolves when the bucket answers; rejects when the store is down or the bucket is missing. */
  ping(): Promise<void>;
  // Upload milestone: add put(id, stream, type) here and in both stores below.
  // Signed links milestone: add exists(id) and signedUrl(id, seconds).
}

/** For unit tests: the same contract, in memory; `down` makes every call fail like a store that is off. */
export class MemoryFileStore implements FileStore {
  readonly objects = new Map<string, { bytes: Buffer; type: string }>();
  down = false;

  async ping(): Promise<void> {
    if (this.down) throw new Error('the store is down');
  }
}

/** Objects in an S3 bucket (any S3-compatible store: versitygw, MinIO, AWS S3), through the MinIO client. */
export class S3FileStore implements FileStore {
  constructor(
    readonly client: Minio.Client,
    readonly bucket: string,
  ) {}

  static fromConfig(s3: Config['s3']): S3FileStore {
    const { endpoint } = s3;
    const useSSL = endpoint.protocol === 'https:';
    const client = new Minio.Client({
      endPoint: endpoint.hostname,
      port: endpoint.port ? Number(endpoint.port) : useSSL ? 443 : 80,
      useSSL,
      accessKey: s3.accessKey,
      secretKey: s3.secretKey,
      region: s3.region,
      pathStyle: true,
    });
    return new S3FileStore(client, s3.bucket);
  }

  /** Creates the bucket when it is missing (a fresh store from docker compose has none). */
  async ensureBucket(region: string): Promise<void> {
    if (!(await this.client.bucketExists(this.bucket))) await this.client.makeBucket(this.bucket, region);
  }

  async ping(): Promise<void> {
    if (!(await this.client.bucketExists(this.bucket))) throw new Error(`bucket ${this.bucket} does not exist`);
  }
}
