import * as path from 'node:path';
import { loadSync, Type } from 'protobufjs';

/** Upstox's own schema of the market data feed v3 (CONTRACT §9.2), as shipped in the official SDK. */
export const FEED_RESPONSE_TYPE = 'com.upstox.marketdatafeederv3udapi.rpc.proto.FeedResponse';

declare const __non_webpack_require__: NodeJS.Require | undefined;

/**
 * Node's own `require`, also inside the webpack-built api: webpack rewrites `require.resolve` into a module id,
 * while the schema file must be found on disk in node_modules (which the api build keeps external).
 */
const nodeRequire: NodeJS.Require = typeof __non_webpack_require__ === 'function' ? __non_webpack_require__ : require;

/** Path of MarketDataFeedV3.proto inside the installed `upstox-js-sdk` package. */
export function marketFeedProtoPath(): string {
  const sdkRoot = path.dirname(nodeRequire.resolve('upstox-js-sdk/package.json'));
  return path.join(sdkRoot, 'dist', 'feeder', 'proto', 'MarketDataFeedV3.proto');
}

let feedResponse: Type | null = null;

/** The FeedResponse message type, loaded once (synchronously, on first use) with protobufjs. */
export function feedResponseType(): Type {
  feedResponse ??= loadSync(marketFeedProtoPath()).lookupType(FEED_RESPONSE_TYPE);
  return feedResponse;
}

/**
 * Decodes one binary frame into a plain object: int64 as numbers (epoch ms fit), enums as their names,
 * absent fields left out (proto3 defaults: read them with `?? 0`). Throws on a frame that is not a FeedResponse.
 */
export function decodeFeedResponse(frame: Uint8Array): Record<string, unknown> {
  const type = feedResponseType();
  return type.toObject(type.decode(frame), { longs: Number, enums: String, oneofs: true }) as Record<string, unknown>;
}
