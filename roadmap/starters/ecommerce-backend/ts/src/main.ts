import { createApp } from './app.js';
import { PgStore } from './store.js';

const port = Number(process.env.PORT ?? 3000);
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error(JSON.stringify({ level: 'error', msg: 'DATABASE_URL is not set; copy .env.example to .env or export it' }));
  process.exit(1);
}
// Payments milestone: how long a charge takes (a stand-in for the payment provider's round trip).
const paymentDelayMs = Number(process.env.PAYMENT_DELAY_MS ?? 0);
if (!Number.isInteger(paymentDelayMs) || paymentDelayMs < 0) {
  console.error(JSON.stringify({ level: 'error', msg: `PAYMENT_DELAY_MS must be a whole number of milliseconds, not '${process.env.PAYMENT_DELAY_MS}'` }));
  process.exit(1);
}
const store = await PgStore.connect(databaseUrl);
createApp(store).listen(port, () => {
  console.log(JSON.stringify({ level: 'info', msg: 'listening', service: '{{name}}', port, paymentDelayMs, time: new Date().toISOString() }));
});
