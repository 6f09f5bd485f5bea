/** GET /api/instruments?query= ; one record of the Upstox instrument master, in our shape. */
export interface Instrument {
  /** e.g. `NSE_EQ|INE002A01018` */
  instrumentKey: string;
  tradingSymbol: string;
  name: string;
  exchange: string;
  segment: string;
  /** EQ, INDEX, FUT, CE, PE ... */
  instrumentType: string;
  lotSize: number;
  /** In rupees (the master file gives paise; the api converts). */
  tickSize: number;
  /** ISO date (YYYY-MM-DD) for derivatives. */
  expiry: string | null;
  strikePrice: number | null;
  lastPrice: number | null;
}

export interface InstrumentSearchResponse {
  instruments: Instrument[];
  /** Where the master came from: `simulator`, or `file` for a master placed in DATA_DIR. */
  source: 'simulator' | 'file' | 'none';
  /** With `none`: why no list is available and how to provide one. */
  message?: string;
}

export const INSTRUMENT_KEY_PATTERN = /^[A-Z_]+\|[A-Za-z0-9 &.-]+$/;
