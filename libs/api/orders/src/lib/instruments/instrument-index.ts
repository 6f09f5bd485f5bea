import { Instrument } from '@desk/contracts';

export const MAX_SEARCH_RESULTS = 20;

const SEGMENT_ORDER: Record<string, number> = { NSE_EQ: 0, BSE_EQ: 1, NSE_INDEX: 2, BSE_INDEX: 3, NSE_FO: 4, BSE_FO: 5, MCX_FO: 6 };
const MONTHS = new Set(['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']);
/** Where a token sits in an instrument: the first word of its trading symbol counts most. */
const FIRST_SYMBOL = 0;
const OTHER_SYMBOL = 1;
const FIRST_NAME = 2;
const OTHER_NAME = 3;
const ID_SPACE = 1_048_576;

function words(text: string): string[] {
  return text.toUpperCase().split(/\s+/).filter((w) => w !== '');
}

/** Name words split on punctuation too ("DR. REDDY'S" -> DR, REDDY, S), so partial company names find them. */
function nameWords(text: string): string[] {
  return text.toUpperCase().split(/[^A-Z0-9]+/).filter((w) => w !== '');
}

/** Static order, the tie-break of every search: equities NSE first, then indices, then derivatives by expiry. */
function compareStatic(a: Instrument, b: Instrument): number {
  return (
    (SEGMENT_ORDER[a.segment] ?? 9) - (SEGMENT_ORDER[b.segment] ?? 9) ||
    Number(a.strikePrice !== null) - Number(b.strikePrice !== null) ||
    (a.expiry ?? '').localeCompare(b.expiry ?? '') ||
    (a.strikePrice ?? 0) - (b.strikePrice ?? 0) ||
    a.tradingSymbol.length - b.tradingSymbol.length ||
    a.tradingSymbol.localeCompare(b.tradingSymbol) ||
    a.instrumentKey.localeCompare(b.instrumentKey)
  );
}

/**
 * A prefix index over the instrument list, built once per load. Every word of the trading symbol and of the name
 * is a token; a query's words must each start some token of an instrument (AND). The first query word picks the
 * candidates through a sorted token table (binary search), the other words are checked on each candidate's own
 * tokens. Ranking, best first: the whole symbol typed, the first query word as the symbol's first word (exact, then
 * prefix), as the name's first word, elsewhere; each further word exact before prefix; a named month prefers the
 * month's last (monthly) contract; ties in the static order. When no instrument has every word, those with the
 * first word and the most of the others come back instead ("NIFTY 25 DEC 24000 CE" when no 25 is listed).
 */
export class InstrumentIndex {
  readonly size: number;
  private readonly items: Instrument[];
  private readonly byKey: Map<string, Instrument>;
  private readonly tokens: string[];
  private readonly postingStart: Int32Array;
  /** id * 4 + field, grouped by token. */
  private readonly postings: Int32Array;
  private readonly itemTokenStart: Int32Array;
  private readonly itemTokens: Int32Array;
  private readonly singleWordSymbol: Uint8Array;
  private readonly monthly: Uint8Array;
  private readonly seen: Int32Array;
  private readonly firstScore: Int32Array;
  private stamp = 0;

  constructor(instruments: readonly Instrument[]) {
    this.items = [...instruments].sort(compareStatic);
    this.size = this.items.length;
    this.byKey = new Map(this.items.map((i) => [i.instrumentKey, i]));
    const perItem: { token: string; field: number }[][] = this.items.map(tokensOf);
    const distinct = new Set<string>();
    for (const list of perItem) for (const t of list) distinct.add(t.token);
    this.tokens = [...distinct].sort();
    const tokenId = new Map(this.tokens.map((t, i) => [t, i]));
    const counts = new Int32Array(this.tokens.length + 1);
    let total = 0;
    for (const list of perItem) {
      for (const t of list) {
        counts[(tokenId.get(t.token) as number) + 1]++;
        total++;
      }
    }
    this.postingStart = new Int32Array(this.tokens.length + 1);
    for (let i = 1; i <= this.tokens.length; i++) this.postingStart[i] = this.postingStart[i - 1] + counts[i];
    const fill = this.postingStart.slice(0, this.tokens.length);
    this.postings = new Int32Array(total);
    this.itemTokenStart = new Int32Array(this.size + 1);
    this.itemTokens = new Int32Array(total);
    let at = 0;
    perItem.forEach((list, id) => {
      this.itemTokenStart[id] = at;
      for (const t of list) {
        const tid = tokenId.get(t.token) as number;
        this.itemTokens[at++] = tid;
        this.postings[fill[tid]++] = id * 4 + t.field;
      }
    });
    this.itemTokenStart[this.size] = at;
    this.singleWordSymbol = Uint8Array.from(this.items, (i) => (words(i.tradingSymbol).length === 1 ? 1 : 0));
    this.monthly = monthlyFlags(this.items);
    this.seen = new Int32Array(this.size);
    this.firstScore = new Int32Array(this.size);
  }

  find(instrumentKey: string): Instrument | undefined {
    return this.byKey.get(instrumentKey);
  }

  search(query: string, limit = MAX_SEARCH_RESULTS): Instrument[] {
    const q = words(query);
    if (q.length === 0 || limit <= 0) return [];
    const whole = q.join(' ');
    const namesMonth = q.some((w) => MONTHS.has(w));
    const stamp = ++this.stamp;
    const candidates: number[] = [];
    const [lo, hi] = this.prefixRange(q[0]);
    for (let t = lo; t < hi; t++) {
      const exact = this.tokens[t] === q[0];
      for (let p = this.postingStart[t]; p < this.postingStart[t + 1]; p++) {
        const id = this.postings[p] >> 2;
        const score = firstWordScore(this.postings[p] & 3, exact, this.singleWordSymbol[id] === 1);
        if (this.seen[id] !== stamp) {
          this.seen[id] = stamp;
          this.firstScore[id] = score;
          candidates.push(id);
        } else if (score > this.firstScore[id]) this.firstScore[id] = score;
      }
    }
    const top = new TopK(limit);
    const partial = new TopK(limit);
    for (const id of candidates) {
      let matched = 1;
      let score = this.firstScore[id];
      for (let w = 1; w < q.length; w++) {
        const found = this.matchWord(id, q[w]);
        if (found > 0) {
          matched++;
          score += found;
        }
      }
      if (this.items[id].tradingSymbol === whole) score += 1000;
      if (namesMonth && this.monthly[id] === 1) score += 3;
      const rank = score * ID_SPACE - id;
      if (matched === q.length) top.offer(id, rank);
      else if (top.count === 0) partial.offer(id, matched * 10_000 * ID_SPACE + rank);
    }
    return (top.count > 0 ? top : partial).ids().map((id) => this.items[id]);
  }

  /** 10 when the word is one of the instrument's tokens, 5 when it starts one, 0 otherwise. */
  private matchWord(id: number, word: string): number {
    let best = 0;
    for (let k = this.itemTokenStart[id]; k < this.itemTokenStart[id + 1]; k++) {
      const token = this.tokens[this.itemTokens[k]];
      if (token === word) return 10;
      if (best === 0 && token.startsWith(word)) best = 5;
    }
    return best;
  }

  /** The token ids [lo, hi) that start with `prefix`: tokens are upper-case ASCII, sorted, so two binary searches. */
  private prefixRange(prefix: string): [number, number] {
    return [lowerBound(this.tokens, prefix), lowerBound(this.tokens, `${prefix}\uffff`)];
  }
}

function firstWordScore(field: number, exact: boolean, singleWord: boolean): number {
  switch (field) {
    case FIRST_SYMBOL:
      return exact ? (singleWord ? 1300 : 300) : 200;
    case FIRST_NAME:
      return exact ? 150 : 120;
    default:
      return exact ? 60 : 50;
  }
}

function tokensOf(item: Instrument): { token: string; field: number }[] {
  const out: { token: string; field: number }[] = [];
  const have = new Set<string>();
  const add = (token: string, field: number): void => {
    if (have.has(token)) return;
    have.add(token);
    out.push({ token, field });
  };
  words(item.tradingSymbol).forEach((w, i) => {
    add(w, i === 0 ? FIRST_SYMBOL : OTHER_SYMBOL);
    // BAJAJ-AUTO, M&M: the parts are words too.
    if (i === 0 && /[^A-Z0-9]/.test(w)) for (const part of nameWords(w)) add(part, OTHER_SYMBOL);
  });
  nameWords(item.name).forEach((w, i) => add(w, i === 0 ? FIRST_NAME : OTHER_NAME));
  return out;
}

/** A derivative is monthly when no contract of the same underlying and kind expires later in the same month. */
function monthlyFlags(items: readonly Instrument[]): Uint8Array {
  const last = new Map<string, string>();
  const groupOf = (i: Instrument): string => `${i.segment}|${words(i.tradingSymbol)[0]}|${i.expiry?.slice(0, 7)}`;
  for (const i of items) {
    if (!i.expiry) continue;
    const g = groupOf(i);
    if ((last.get(g) ?? '') < i.expiry) last.set(g, i.expiry);
  }
  return Uint8Array.from(items, (i) => (i.expiry && last.get(groupOf(i)) === i.expiry ? 1 : 0));
}

function lowerBound(sorted: string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The k best (largest rank) ids, kept sorted: most offers lose to the k-th and cost one comparison. */
class TopK {
  private readonly ranks: number[] = [];
  private readonly idList: number[] = [];
  constructor(private readonly k: number) {}

  get count(): number {
    return this.idList.length;
  }

  offer(id: number, rank: number): void {
    if (this.ranks.length === this.k && rank <= this.ranks[this.k - 1]) return;
    let at = this.ranks.length;
    while (at > 0 && this.ranks[at - 1] < rank) at--;
    this.ranks.splice(at, 0, rank);
    this.idList.splice(at, 0, id);
    if (this.ranks.length > this.k) {
      this.ranks.pop();
      this.idList.pop();
    }
  }

  ids(): number[] {
    return this.idList;
  }
}
