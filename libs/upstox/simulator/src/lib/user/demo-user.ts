/** The one demo user of the simulator (profile fields per CONTRACT §4.1). */
export const DEMO_USER = {
  email: 'demo.trader@example.com',
  exchanges: ['NSE', 'NFO', 'BSE', 'CDS', 'BFO', 'BCD'],
  products: ['D', 'CO', 'I'],
  broker: 'UPSTOX',
  user_id: 'SIM7K2',
  user_name: 'Demo Trader (Simulator)',
  order_types: ['MARKET', 'LIMIT', 'SL', 'SL-M'],
  user_type: 'individual',
  poa: false,
  ddpi: false,
  is_active: true,
} as const;

/** Opening cash of the demo user: enough for demo orders, small enough that a funds rejection is reachable. */
export const DEMO_OPENING_BALANCE = 500_000;

export function profileData(): Record<string, unknown> {
  return {
    ...DEMO_USER,
    exchanges: [...DEMO_USER.exchanges],
    products: [...DEMO_USER.products],
    order_types: [...DEMO_USER.order_types],
  };
}
