package io.quiver.core.aggregate;

import io.quiver.core.model.Window;
import java.time.Instant;

/**
 * The serving path: a window's value at t from stored tiles only, merging every tile whose start
 * lies in {@code [window start, t]}. The head tile counts whole, so this equals {@link
 * RawAggregation} when t is at or after every materialized event and the tiles are current; it is
 * what online serving answers at request time.
 */
public final class ServingAggregation {
  private ServingAggregation() {}

  /**
   * The finalized value at t.
   *
   * @param tiles tiles built with {@code window.hop()}, at most one per start, in any order
   */
  public static Object valueAt(
      Aggregator aggregator, Window window, Iterable<Tile> tiles, Instant t) {
    WindowRange range = WindowRange.at(window, t);
    PartialAggregate state = aggregator.empty();
    for (Tile tile : tiles) {
      if (range.contains(tile.start())) {
        state.merge(tile.aggregate());
      }
    }
    return state.result();
  }
}
