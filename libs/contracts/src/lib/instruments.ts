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
  /**
   * The exchange's largest quantity for one order, in units (the file's `freeze_quantity`); null when the file has
   * none. Above it Upstox splits the order when asked (`slice: true`) and the exchange refuses it otherwise.
   */
  freezeQuantity: number | null;
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

/**
 * GET /api/instruments/status: where the instrument list comes from and how fresh it is. `download` = Upstox's
 * complete.json.gz fetched by the api (UPSTOX_ASSETS_URL), `user-file` = a file placed in DATA_DIR by hand (wins),
 * `simulator` = the simulator's file while connected to it.
 */
export interface InstrumentListStatus {
  source: 'download' | 'user-file' | 'simulator';
  /** The list's date (ISO): the file's date at the source, or the file's modification time. Null = none loaded yet. */
  asOf: string | null;
  /** Hours since asOf, one decimal. */
  ageHours: number | null;
  /** How many instruments the loaded list has (0 = none loaded). */
  instruments: number;
  downloading: boolean;
  progress?: { receivedBytes: number; totalBytes: number | null };
  /** Set when the latest download failed: the list (if any) is the last good one. */
  lastError?: { message: string; at: string };
}

export const INSTRUMENT_KEY_PATTERN = /^[A-Z_]+\|[A-Za-z0-9 &.-]+$/;
