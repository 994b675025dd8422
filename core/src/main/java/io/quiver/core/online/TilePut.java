package io.quiver.core.online;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds the write of whole tiles of an aggregation view for one entity: one {@link
 * OnlineScript#TILES_PUT} call that overwrites the given tiles, deletes the tiles that the largest
 * window can no longer reach, and refreshes the key's expiry.
 *
 * <p>Retention is the largest window plus one hop, measured back from the newest stored tile: at
 * any request time t the sawtooth window reads tiles starting at or after floor_hop(t - window),
 * which is never earlier than that. A lifetime window (null {@code largestWindow}) keeps every
 * tile. The key expires {@code expireAfterWrite} after the last write (null: never): the caller
 * passes maxAge, or window + hop when that is shorter, after which every tile is outside the window
 * anyway.
 */
public final class TilePut {
  private final String project;
  private final String view;
  private final int version;
  private final byte[] ttlMillis;
  private final byte[] retentionMicros;

  public TilePut(
      String project,
      String view,
      int version,
      Duration largestWindow,
      Duration hop,
      Duration expireAfterWrite) {
    OnlineKeys.versionPattern(project, view, version); // validates the names
    this.project = project;
    this.view = view;
    this.version = version;
    this.ttlMillis = RedisCommand.ascii(Long.toString(SelectPut.millis(expireAfterWrite)));
    Objects.requireNonNull(hop, "hop");
    long retention = largestWindow == null ? 0 : micros(largestWindow.plus(hop));
    this.retentionMicros = RedisCommand.ascii(Long.toString(retention));
  }

  /** The call writing {@code tiles} for the entity whose key bytes are {@code entityKey}. */
  public ScriptCall call(byte[] entityKey, List<Tile> tiles) {
    if (tiles.isEmpty()) {
      throw new IllegalArgumentException("no tiles to write");
    }
    List<byte[]> args = new ArrayList<>(2 + 2 * tiles.size());
    args.add(ttlMillis);
    args.add(retentionMicros);
    for (Tile tile : tiles) {
      args.add(TileCodec.field(tile.startMicros()));
      args.add(TileCodec.value(tile));
    }
    byte[] key = OnlineKeys.key(project, view, version, entityKey);
    return new ScriptCall(OnlineScript.TILES_PUT, List.of(key), args);
  }

  private static long micros(Duration d) {
    return Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1000);
  }
}
