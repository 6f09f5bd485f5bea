/**
 * Runnable Upstox simulator: reads UPSTOX_SIM_* from the environment, starts the library, prints its URL,
 * and shuts down cleanly on SIGINT / SIGTERM. All behaviour lives in @desk/upstox/simulator.
 */
import { startSimulator, SimulatorOptions } from '@desk/upstox/simulator';

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  }
  return value;
}

function boolFromEnv(name: string, fallback: boolean): boolean {
  const raw = process.env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
}

async function main(): Promise<void> {
  const options: SimulatorOptions = {
    port: intFromEnv('UPSTOX_SIM_PORT', 5100),
    host: process.env['UPSTOX_SIM_HOST'] || '127.0.0.1',
    clientId: process.env['UPSTOX_SIM_CLIENT_ID'] || undefined,
    clientSecret: process.env['UPSTOX_SIM_CLIENT_SECRET'] || undefined,
    redirectUri: process.env['UPSTOX_SIM_REDIRECT_URI'] || undefined,
    seed: intFromEnv('UPSTOX_SIM_SEED', 42),
    // Without a seed asked for, order ids follow the time of day: `npm start` again never repeats an earlier run's ids.
    orderIdsByTimeOfDay: process.env['UPSTOX_SIM_SEED'] === undefined,
    marketRules: boolFromEnv('UPSTOX_SIM_MARKET_RULES', false),
    regularOrdersWhenClosed: process.env['UPSTOX_SIM_REGULAR_ORDERS_WHEN_CLOSED'] === 'refuse' ? 'refuse' : 'amo',
    priceTickMs: intFromEnv('UPSTOX_SIM_PRICE_TICK_MS', 2000),
    stepDelayMs: intFromEnv('UPSTOX_SIM_STEP_DELAY_MS', 250),
    // 'full': Upstox's complete instrument file at its real size (about 150,000 rows), for trying search at scale.
    instrumentFile: process.env['UPSTOX_SIM_INSTRUMENT_FILE'] === 'full' ? 'full' : 'demo',
  };
  const sim = await startSimulator(options);
  console.log(`Upstox simulator (not Upstox) listening on ${sim.url} - demo app client_id ${sim.app.clientId}`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`Upstox simulator stopping (${signal})`);
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`Upstox simulator failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
