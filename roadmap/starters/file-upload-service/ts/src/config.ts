/** The service's settings, read once from the environment; a wrong value stops the start with a clear message. */
export interface Config {
  port: number;
  s3: { endpoint: URL; accessKey: string; secretKey: string; bucket: string; region: string };
  /** The largest file accepted, in bytes (MAX_UPLOAD_BYTES). */
  maxUploadBytes: number;
  /** How long a signed download link is valid, in seconds (SIGNED_URL_SECONDS). */
  signedUrlSeconds: number;
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set; copy .env.example to .env or export it`);
  return value;
}

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number of at least 1, not '${raw}'`);
  return n;
}

export function readConfig(env: NodeJS.ProcessEnv): Config {
  let endpoint: URL;
  try {
    endpoint = new URL(required(env, 'S3_ENDPOINT'));
  } catch (err) {
    if ((err as Error).message.includes('not set')) throw err;
    throw new Error(`S3_ENDPOINT must be a URL such as http://127.0.0.1:7070, not '${env.S3_ENDPOINT}'`);
  }
  return {
    port: whole(env, 'PORT', 3000),
    s3: {
      endpoint,
      accessKey: required(env, 'S3_ACCESS_KEY_ID'),
      secretKey: required(env, 'S3_SECRET_ACCESS_KEY'),
      bucket: required(env, 'S3_BUCKET'),
      region: env.S3_REGION || 'us-east-1',
    },
    maxUploadBytes: whole(env, 'MAX_UPLOAD_BYTES', 10 * 1024 * 1024),
    signedUrlSeconds: whole(env, 'SIGNED_URL_SECONDS', 300),
  };
}
