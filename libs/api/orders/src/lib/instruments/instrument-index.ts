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

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Static order, the tie-break of every search: equities NSE first, then indices, then derivatives by expiry.
 * Plain code-unit comparisons: localeCompare (ICU) made sorting 150,000 rows take about a second.
 */
function compareStatic(a: Instrument, b: Instrument): number {
  return (
    (SEGMENT_ORDER[a.segment] ?? 9) - (SEGMENT_ORDER[b.segment] ?? 9) ||
    Number(a.strikePrice !== null) - Number(b.strikePrice !== null) ||
    cmp(a.expiry ?? '', b.expiry ?? '') ||
    (a.strikePrice ?? 0) - (b.strikePrice ?? 0) ||
    a.tradingSymbol.length - b.tradingSymbol.length ||
    cmp(a.tradingSymbol, b.tradingSymbol) ||
    cmp(a.instrumentKey, b.instrumentKey)
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
  private readonly postingMid: Int32Array;
  /** id * 4 + field, grouped by token. */
  private readonly postings: Int32Array;
  private readonly itemTokenStart: Int32Array;
  private readonly itemTokens: Int32Array;
  /** The field (FIRST_SYMBOL ...) of each entry of itemTokens. */
  private readonly tokenField: Uint8Array;
  private readonly shortQueries = new Map<string, Instrument[]>();
  private readonly singleWordSymbol: Uint8Array;
  private readonly monthly: Uint8Array;
  private readonly seen: Int32Array;
  private readonly firstScore: Int32Array;
  private stamp = 0;

  constructor(instruments: readonly Instrument[]) {
    this.items = [...instruments].sort(compareStatic);
    this.size = this.items.length;
    this.byKey = new Map(this.items.map((i) => [i.instrumentKey, i]));
    // One pass: each distinct token gets a provisional id on first sight; ids are renumbered in sorted order after.
    const provisional = new Map<string, number>();
    const names: string[] = [];
    const itemTokens: number[] = [];
    const fields: number[] = [];
    this.itemTokenStart = new Int32Array(this.size + 1);
    this.singleWordSymbol = new Uint8Array(this.size);
    const firstWords: string[] = new Array(this.size);
    // Derivatives repeat their underlying's name (tens of thousands of NIFTY rows): its words are split once.
    const nameWordsOf = new Map<string, string[]>();
    for (let id = 0; id < this.size; id++) {
      this.itemTokenStart[id] = itemTokens.length;
      const symbolWords = words(this.items[id].tradingSymbol);
      firstWords[id] = symbolWords[0] ?? '';
      this.singleWordSymbol[id] = symbolWords.length === 1 ? 1 : 0;
      const name = this.items[id].name;
      let nameTokens = nameWordsOf.get(name);
      if (nameTokens === undefined) nameWordsOf.set(name, (nameTokens = nameWords(name)));
      for (const t of tokensOf(symbolWords, nameTokens)) {
        let tid = provisional.get(t.token);
        if (tid === undefined) {
          tid = names.length;
          provisional.set(t.token, tid);
          names.push(t.token);
        }
        itemTokens.push(tid);
        fields.push(t.field);
      }
    }
    this.itemTokenStart[this.size] = itemTokens.length;
    const order = names.map((_, i) => i).sort((a, b) => cmp(names[a], names[b]));
    const renumber = new Int32Array(names.length);
    order.forEach((old, sorted) => (renumber[old] = sorted));
    this.tokens = order.map((i) => names[i]);
    const total = itemTokens.length;
    this.itemTokens = new Int32Array(total);
    this.tokenField = Uint8Array.from(fields);
    const counts = new Int32Array(this.tokens.length + 1);
    for (let k = 0; k < total; k++) {
      this.itemTokens[k] = renumber[itemTokens[k]];
      counts[this.itemTokens[k] + 1]++;
    }
    this.postingStart = new Int32Array(this.tokens.length + 1);
    for (let i = 1; i <= this.tokens.length; i++) this.postingStart[i] = this.postingStart[i - 1] + counts[i];
    // Per token, postings where it is a first word (symbol or name) come first, then the rest (postingMid).
    const primary = new Int32Array(this.tokens.length);
    for (let k = 0; k < total; k++) if (isPrimary(this.tokenField[k])) primary[this.itemTokens[k]]++;
    const fill = this.postingStart.slice(0, this.tokens.length);
    this.postingMid = Int32Array.from(fill, (start, t) => start + primary[t]);
    const fillRest = this.postingMid.slice();
    this.postings = new Int32Array(total);
    for (let id = 0; id < this.size; id++) {
      for (let k = this.itemTokenStart[id]; k < this.itemTokenStart[id + 1]; k++) {
        const t = this.itemTokens[k];
        this.postings[isPrimary(this.tokenField[k]) ? fill[t]++ : fillRest[t]++] = id * 4 + this.tokenField[k];
      }
    }
    this.monthly = monthlyFlags(this.items, firstWords);
    this.seen = new Int32Array(this.size);
    this.firstScore = new Int32Array(this.size);
  }

  find(instrumentKey: string): Instrument | undefined {
    return this.byKey.get(instrumentKey);
  }

  search(query: string, limit = MAX_SEARCH_RESULTS): Instrument[] {
    const q = words(query);
    if (q.length === 0 || limit <= 0) return [];
    // One or two typed characters match tens of thousands of rows (C: every call option): remember those answers.
    const memoKey = q.length === 1 && q[0].length <= 2 ? `${limit}|${q[0]}` : null;
    const memo = memoKey ? this.shortQueries.get(memoKey) : undefined;
    if (memo) return memo;
    // Candidates come from the query word with the fewest postings (all words must match); only when nothing has
    // every word do the first word's candidates come back ranked by how many words they have.
    let generator = 0;
    let fewest = Infinity;
    q.forEach((w, i) => {
      const [lo, hi] = this.prefixRange(w);
      const count = this.postingStart[hi] - this.postingStart[lo];
      if (count < fewest) {
        fewest = count;
        generator = i;
      }
    });
    let found = fewest === 0 ? [] : this.ranked(q, generator, limit, false);
    if (found.length === 0 && q.length > 1) found = this.ranked(q, 0, limit, true);
    const out = found.map((id) => this.items[id]);
    if (memoKey) this.shortQueries.set(memoKey, out);
    return out;
  }

  private ranked(q: string[], generator: number, limit: number, partial: boolean): number[] {
    const stamp = ++this.stamp;
    const [lo, hi] = this.prefixRange(q[generator]);
    const top = new TopK(limit);
    // Two rounds: postings where the word is a first word, then the others. A row found only in the second round
    // scores below every row of the first (at most 60 + 10 per further word against at least 120), so a full
    // first round ends the search (only when the first word chose the candidates and all words must match).
    for (const round of [0, 1]) {
      if (round === 1 && !partial && generator === 0 && top.count === limit) break;
      const candidates: number[] = [];
      for (let t = lo; t < hi; t++) {
        const exact = this.tokens[t] === q[generator];
        const from = round === 0 ? this.postingStart[t] : this.postingMid[t];
        const to = round === 0 ? this.postingMid[t] : this.postingStart[t + 1];
        for (let p = from; p < to; p++) {
          const id = this.postings[p] >> 2;
          const score = generator === 0 ? firstWordScore(this.postings[p] & 3, exact, this.singleWordSymbol[id] === 1) : 0;
          if (this.seen[id] !== stamp) {
            this.seen[id] = stamp;
            this.firstScore[id] = score;
            candidates.push(id);
          } else if (score > this.firstScore[id]) this.firstScore[id] = score;
        }
      }
      this.score(candidates, q, generator, partial, top);
    }
    return top.ids();
  }

  private score(candidates: number[], q: string[], generator: number, partial: boolean, top: TopK): void {
    const whole = q.join(' ');
    const namesMonth = q.some((w) => MONTHS.has(w));
    for (const id of candidates) {
      let matched = 1;
      let score = generator === 0 ? this.firstScore[id] : this.firstWordScoreOf(id, q[0]);
      if (score === 0) {
        if (!partial) continue;
        matched = 0;
      }
      for (let w = 1; w < q.length; w++) {
        const found = this.matchWord(id, q[w]);
        if (found > 0) {
          matched++;
          score += found;
        } else if (!partial) break;
      }
      if (!partial && matched < q.length) continue;
      if (this.items[id].tradingSymbol === whole) score += 1000;
      if (namesMonth && this.monthly[id] === 1) score += 3;
      top.offer(id, (partial ? matched * 10_000 : 0) * ID_SPACE + score * ID_SPACE - id);
    }
  }

  /** The first query word's score for one instrument, from its own tokens (when another word chose the candidates). */
  private firstWordScoreOf(id: number, word: string): number {
    let best = 0;
    const start = this.itemTokenStart[id];
    for (let k = start; k < this.itemTokenStart[id + 1]; k++) {
      const token = this.tokens[this.itemTokens[k]];
      if (!token.startsWith(word)) continue;
      // Tokens were stored in the order symbol words, then name words: the first is the symbol's first word.
      const field = this.tokenField[k];
      best = Math.max(best, firstWordScore(field, token === word, this.singleWordSymbol[id] === 1));
    }
    return best;
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

function isPrimary(field: number): boolean {
  return field === FIRST_SYMBOL || field === FIRST_NAME;
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

function tokensOf(symbolWords: string[], nameTokens: readonly string[]): { token: string; field: number }[] {
  const out: { token: string; field: number }[] = [];
  const have = new Set<string>();
  const add = (token: string, field: number): void => {
    if (have.has(token)) return;
    have.add(token);
    out.push({ token, field });
  };
  symbolWords.forEach((w, i) => {
    add(w, i === 0 ? FIRST_SYMBOL : OTHER_SYMBOL);
    // BAJAJ-AUTO, M&M: the parts are words too.
    if (i === 0 && /[^A-Z0-9]/.test(w)) for (const part of nameWords(w)) add(part, OTHER_SYMBOL);
  });
  nameTokens.forEach((w, i) => add(w, i === 0 ? FIRST_NAME : OTHER_NAME));
  return out;
}

/** A derivative is monthly when no contract of the same underlying and kind expires later in the same month. */
function monthlyFlags(items: readonly Instrument[], firstWords: string[]): Uint8Array {
  const last = new Map<string, string>();
  const groupOf = (i: Instrument, id: number): string => `${i.segment}|${firstWords[id]}|${i.expiry?.slice(0, 7)}`;
  items.forEach((i, id) => {
    if (!i.expiry) return;
    const g = groupOf(i, id);
    if ((last.get(g) ?? '') < i.expiry) last.set(g, i.expiry);
  });
  return Uint8Array.from(items, (i, id) => (i.expiry && last.get(groupOf(i, id)) === i.expiry ? 1 : 0));
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
