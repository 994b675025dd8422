package io.quiver.core.aggregate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds whole tiles from events: one per hop {@code floor_hop(event_time)} that has events, each
 * the partial aggregate of all of that hop's events and stamped with their greatest created time.
 * Give it every event of the hops being rewritten (a materializer re-reads the affected hops),
 * since the tiles it returns replace the stored ones.
 */
public final class TileBuilder {
  private TileBuilder() {}

  /** The tiles of {@code events}, in order of tile start. */
  public static List<Tile> build(Aggregator aggregator, Duration hop, Iterable<Event> events) {
    Map<Instant, PartialAggregate> states = new TreeMap<>();
    Map<Instant, Instant> created = new TreeMap<>();
    for (Event e : events) {
      Instant start = Hops.floor(e.eventTime(), hop);
      states.computeIfAbsent(start, s -> aggregator.empty()).update(e);
      created.merge(start, e.createdTime(), (a, b) -> a.isAfter(b) ? a : b);
    }
    List<Tile> tiles = new ArrayList<>(states.size());
    states.forEach((start, state) -> tiles.add(new Tile(start, created.get(start), state)));
    return tiles;
  }
}
