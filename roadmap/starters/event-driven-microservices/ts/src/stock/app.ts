import { health, type Reply, type Route } from '../http.js';
import type { StockStore } from './store.js';

export interface Deps {
  store: StockStore;
  pingKafka(): Promise<void>;
  /** True once the consumer group has given this service its partition: events arrive from then on. */
  joined(): boolean;
}

/** The stock service's routes. */
export function stockRoutes(deps: Deps): Route {
  return async (method, path): Promise<Reply> => {
    if (method === 'GET' && path === '/health') {
      return health({
        postgresql: () => deps.store.ping(),
        kafka: () => deps.pingKafka(),
        consumer: async () => {
          if (!deps.joined()) throw new Error('still joining the consumer group');
        },
      });
    }
    const match = /^\/stock\/([^/]+)$/.exec(path);
    if (match && method === 'GET') {
      const sku = decodeURIComponent(match[1]);
      return { status: 200, body: { sku, reserved: await deps.store.reserved(sku) } };
    }
    // Milestone "contracts": GET /dead-letters lists the events that broke the contract.
    return { status: 404, body: { error: `no route for ${method} ${path}` } };
  };
}
