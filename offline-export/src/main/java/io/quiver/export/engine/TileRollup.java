package io.quiver.export.engine;

import io.quiver.core.aggregate.Hops;
import io.quiver.core.aggregate.PartialAggregate;
import io.quiver.core.aggregate.Tile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tiles of one key and aggregation as {@link io.quiver.core.aggregate.PointInTimeAggregation} needs
 * them: at the window's hop. The materializer keeps one (smaller) tile hop per view that divides
 * every window's hop, so tiles of that hop are merged into window-hop tiles stamped with the
 * greatest created time of their parts. That stays exact: a merged tile is recomputed from events,
 * whole, when any part was created after t, and merged otherwise. Of several stored hops, the
 * largest dividing the window's hop is used (each hop holds all events, so one suffices).
 */
final class TileRollup {
  /** One stored tile: its hop in seconds, its file's data sequence number, and the tile. */
  record Stored(long hopSeconds, long sequence, Tile tile) {}

  private TileRollup() {}

  /**
   * Tiles are appended, never updated, in Iceberg: a recomputed tile is a new row for the same
   * start. Only the newest version of each start (greatest created time) counts.
   */
  static List<Tile> atHop(List<Stored> stored, Duration windowHop) {
    long target = windowHop.getSeconds();
    long hop = 0;
    for (Stored s : stored) {
      if (s.hopSeconds() > 0 && target % s.hopSeconds() == 0) {
        hop = Math.max(hop, s.hopSeconds());
      }
    }
    Map<Instant, Stored> newest = new TreeMap<>();
    for (Stored s : stored) {
      if (s.hopSeconds() == hop) {
        newest.merge(s.tile().start(), s, TileRollup::newer);
      }
    }
    Map<Instant, Tile> merged = new TreeMap<>();
    for (Stored s : newest.values()) {
      Tile t = s.tile();
      merged.merge(Hops.floor(t.start(), windowHop), relabel(t, windowHop), TileRollup::merge);
    }
    return new ArrayList<>(merged.values());
  }

  private static Stored newer(Stored a, Stored b) {
    if (a.sequence() != b.sequence()) {
      return b.sequence() > a.sequence() ? b : a;
    }
    return b.tile().createdTime().isAfter(a.tile().createdTime()) ? b : a;
  }

  private static Tile relabel(Tile t, Duration windowHop) {
    PartialAggregate copy = t.aggregate().aggregator().empty().merge(t.aggregate());
    return new Tile(Hops.floor(t.start(), windowHop), t.createdTime(), copy);
  }

  private static Tile merge(Tile a, Tile b) {
    Instant created = a.createdTime().isAfter(b.createdTime()) ? a.createdTime() : b.createdTime();
    return new Tile(a.start(), created, a.aggregate().merge(b.aggregate()));
  }
}
