package io.quiver.bench.materializer;

import io.quiver.core.online.OnlineKeys;
import io.quiver.core.online.ScriptCall;
import io.quiver.core.online.Tile;
import io.quiver.core.online.TileCodec;
import io.quiver.core.online.TilePut;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Redis commands a materializer run sent, rebuilt after it: every key of the view version is
 * read back (SCAN + HGETALL) and its stored tiles, which {@code tiles_put.lua} stores verbatim, go
 * through the same core {@link TilePut} the materializer uses (lifetime windows: no retention; TTL
 * the view's maxAge). The result is one {@code EVALSHA tiles_put 1 key ttl 0 start tile ...} per
 * entity, with the materializer's keys and arguments.
 */
final class MaterializerCommands {
  private static final int CHUNK = 1000;

  private MaterializerCommands() {}

  static List<ScriptCall> readBack(
      BareRedisClient redis, String project, String view, int version, Duration maxAge) {
    List<byte[]> keys = keys(redis, OnlineKeys.versionPattern(project, view, version));
    TilePut put = new TilePut(project, view, version, null, Duration.ofHours(1), maxAge);
    List<ScriptCall> calls = new ArrayList<>(keys.size());
    for (int from = 0; from < keys.size(); from += CHUNK) {
      List<byte[]> chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK));
      List<List<byte[]>> reads = new ArrayList<>();
      chunk.forEach(k -> reads.add(List.of(ascii("HGETALL"), k)));
      List<Object> replies = redis.pipeline(reads);
      for (int i = 0; i < chunk.size(); i++) {
        calls.add(call(put, chunk.get(i), (List<?>) replies.get(i)));
      }
    }
    return calls;
  }

  private static ScriptCall call(TilePut put, byte[] key, List<?> hash) {
    List<Tile> tiles = new ArrayList<>(hash.size() / 2);
    for (int i = 0; i < hash.size(); i += 2) {
      tiles.add(TileCodec.decode((byte[]) hash.get(i), (byte[]) hash.get(i + 1)));
    }
    ScriptCall call = put.call(OnlineKeys.entityKey(key), tiles);
    if (!Arrays.equals(call.keys().get(0), key)) {
      throw new IllegalStateException("rebuilt key differs from " + new String(key));
    }
    return call;
  }

  private static List<byte[]> keys(BareRedisClient redis, String pattern) {
    Map<String, byte[]> keys = new LinkedHashMap<>(); // SCAN may return a key twice
    String cursor = "0";
    do {
      List<?> reply =
          (List<?>)
              redis
                  .pipeline(
                      List.of(
                          List.of(
                              ascii("SCAN"),
                              ascii(cursor),
                              ascii("MATCH"),
                              ascii(pattern),
                              ascii("COUNT"),
                              ascii("1000"))))
                  .get(0);
      cursor = new String((byte[]) reply.get(0), StandardCharsets.US_ASCII);
      for (Object k : (List<?>) reply.get(1)) {
        keys.put(new String((byte[]) k, StandardCharsets.US_ASCII), (byte[]) k);
      }
    } while (!cursor.equals("0"));
    return new ArrayList<>(keys.values());
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
