import * as path from 'node:path';
import { loadSync, Type } from 'protobufjs';

/**
 * The simulator encodes with Upstox's own schema (MarketDataFeedV3.proto from the installed upstox-js-sdk),
 * so a client decoding with that schema reads our frames exactly as it would read Upstox's.
 */
const FEED_RESPONSE_TYPE = 'com.upstox.marketdatafeederv3udapi.rpc.proto.FeedResponse';

declare const __non_webpack_require__: NodeJS.Require | undefined;

/** Node's `require` also in the webpack-built apps/upstox-sim (webpack would turn require.resolve into a module id). */
const nodeRequire: NodeJS.Require = typeof __non_webpack_require__ === 'function' ? __non_webpack_require__ : require;

let feedResponse: Type | null = null;

function feedResponseType(): Type {
  if (!feedResponse) {
    const sdkRoot = path.dirname(nodeRequire.resolve('upstox-js-sdk/package.json'));
    feedResponse = loadSync(path.join(sdkRoot, 'dist', 'feeder', 'proto', 'MarketDataFeedV3.proto')).lookupType(FEED_RESPONSE_TYPE);
  }
  return feedResponse;
}

/** Encodes a FeedResponse given as a plain object (enum names as strings, int64 as numbers). */
export function encodeFeedResponse(message: Record<string, unknown>): Buffer {
  const type = feedResponseType();
  const built = type.fromObject(message);
  const problem = type.verify(built);
  if (problem) throw new Error(`simulator built an invalid FeedResponse: ${problem}`);
  return Buffer.from(type.encode(built).finish());
}
