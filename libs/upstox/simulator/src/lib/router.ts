import type { Reply, RequestContext } from './http/request-context';
import type { RateGroup } from './rate-limit';

/** One Upstox route. Upstox identifies resources by query parameters, so paths match exactly. */
export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The exact path, or for a `pattern` route its template (what calls and faults are counted under). */
  path: string;
  /** For the few Upstox paths that carry values (candles): matched when no exact path does. */
  pattern?: RegExp;
  /** `bearer`: needs a live access token (401 UDAPI100050 otherwise). */
  auth: 'none' | 'bearer';
  /** Rate-limit group (CONTRACT §8); null = not limited (login pages, instrument files). */
  rateGroup: RateGroup | null;
  /** Service window of the route when market rules are on (CONTRACT §8). */
  window?: 'orders' | 'funds';
  handler(ctx: RequestContext): Reply | Promise<Reply>;
}

export type RouteMatch = { kind: 'found'; route: Route } | { kind: 'method'; allowed: string[] } | { kind: 'none' };

export class Router {
  private readonly byPath = new Map<string, Route[]>();
  private readonly patterns: Route[] = [];

  constructor(routes: Route[]) {
    for (const route of routes) {
      if (route.pattern) {
        this.patterns.push(route);
        continue;
      }
      const list = this.byPath.get(route.path) ?? [];
      list.push(route);
      this.byPath.set(route.path, list);
    }
  }

  match(method: string, path: string): RouteMatch {
    const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
    const candidates = this.byPath.get(trimmed) ?? this.patterns.filter((r) => r.pattern?.test(trimmed));
    if (!candidates.length) return { kind: 'none' };
    const route = candidates.find((r) => r.method === method);
    return route ? { kind: 'found', route } : { kind: 'method', allowed: candidates.map((r) => r.method) };
  }
}
