import { health, type Reply, type Route } from '../http.js';
import { ID_PATTERN, type OrderStore } from './store.js';

export interface Deps {
  store: OrderStore;
  /** Publishes a message to the order-placed topic, keyed by `key`. */
  publish(key: string, value: unknown): Promise<void>;
  pingKafka(): Promise<void>;
  /** TEST_HOOKS=1: POST /test/events is open. */
  testHooks: boolean;
}

export const SKU_PATTERN = /^[A-Za-z0-9-]{1,64}$/;

/** The order in a request body, or undefined when it is not one. */
function validOrder(body: unknown): { sku: string; quantity: number } | undefined {
  const { sku, quantity } = (body ?? {}) as { sku?: unknown; quantity?: unknown };
  if (typeof sku !== 'string' || !SKU_PATTERN.test(sku)) return undefined;
  if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1 || quantity > 100) return undefined;
  return { sku, quantity };
}

/** The order service's routes. */
export function orderRoutes(deps: Deps): Route {
  return async (method, path, body): Promise<Reply> => {
    if (method === 'GET' && path === '/health') return health({ postgresql: () => deps.store.ping(), kafka: () => deps.pingKafka() });
    if (method === 'POST' && path === '/orders') {
      const order = validOrder(body);
      if (!order) return { status: 400, body: { error: 'send JSON like {"sku": "ABC-1", "quantity": 2}: a sku of 1 to 64 letters, digits or hyphens, a whole quantity from 1 to 100' } };
      const created = await deps.store.create(order.sku, order.quantity);
      return { status: 201, body: created, headers: { Location: `/orders/${created.id}` } };
    }
    const match = /^\/orders\/([^/]+)$/.exec(path);
    if (match && method === 'GET') {
      const order = ID_PATTERN.test(match[1]) ? await deps.store.find(match[1]) : undefined;
      return order ? { status: 200, body: order } : { status: 404, body: { error: `no order ${match[1]}` } };
    }
    // Milestone "outbox": POST /orders/{id}/republish marks the order's outbox row unsent again (202).
    // A test hook for the contract checks: publishes the body as it is, keyed by its sku.
    if (method === 'POST' && path === '/test/events' && deps.testHooks) {
      const sku = (body as { sku?: unknown } | null)?.sku;
      await deps.publish(typeof sku === 'string' ? sku : 'none', body);
      return { status: 202, body: { published: true } };
    }
    return { status: 404, body: { error: `no route for ${method} ${path}` } };
  };
}
