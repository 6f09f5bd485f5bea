/** GET /api/profile */
export interface Profile {
  userId: string;
  userName: string;
  email: string;
  broker: string;
  userType: string;
  exchanges: string[];
  products: string[];
  orderTypes: string[];
  isActive: boolean;
  poa: boolean;
  ddpi: boolean;
}

export interface SegmentFunds {
  availableMargin: number;
  usedMargin: number;
  payinAmount: number;
  spanMargin: number;
  exposureMargin: number;
  adhocMargin: number;
  notionalCash: number;
}

/** GET /api/funds. Upstox combines commodity into equity since July 2025. */
export interface Funds {
  equity: SegmentFunds;
  commodity: SegmentFunds | null;
}

/** GET /api/health (public) */
export interface HealthStatus {
  status: 'ok';
  version: string;
}
