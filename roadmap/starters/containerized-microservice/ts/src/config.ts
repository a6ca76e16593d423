/** Configuration comes from the environment (twelve-factor), with defaults for local runs. */
export interface Config {
  port: number;
  serviceName: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PORT must be a TCP port, not '${env.PORT}'`);
  return { port, serviceName: env.SERVICE_NAME ?? '{{name}}' };
}
