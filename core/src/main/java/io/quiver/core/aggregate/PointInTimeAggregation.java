package io.quiver.core.aggregate;

import io.quiver.core.model.Window;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * The export path: a window's exact value at a past t from tiles and raw events, without leakage.
 * It merges the tiles wholly before the head hop {@code floor_hop(t)} whose created time is at most
 * t, and recomputes from raw events (those created by t) the head hop {@code [floor_hop(t), t]} and
 * every hop whose tile was created after t. Given current tiles it equals {@link RawAggregation}.
 */
public final class PointInTimeAggregation {
  private PointInTimeAggregation() {}

  /**
   * The finalized value at t.
   *
   * @param tiles tiles built with {@code window.hop()}, at most one per start
   * @param events raw events; only those of the head hop and of the recomputed hops are used (see
   *     {@link #needsEvents}), so a caller may pass just those
   */
  public static Object valueAt(
      Aggregator aggregator,
      Window window,
      Iterable<Tile> tiles,
      Iterable<Event> events,
      Instant t) {
    WindowRange range = WindowRange.at(window, t);
    Instant head = Hops.floor(t, window.hop());
    PartialAggregate state = aggregator.empty();
    Set<Instant> recomputed = new HashSet<>();
    for (Tile tile : tiles) {
      if (range.contains(tile.start()) && tile.start().isBefore(head)) {
        if (tile.createdTime().isAfter(t)) {
          recomputed.add(tile.start());
        } else {
          state.merge(tile.aggregate());
        }
      }
    }
    for (Event e : events) {
      if (range.counts(e)) {
        Instant start = Hops.floor(e.eventTime(), window.hop());
        if (start.equals(head) || recomputed.contains(start)) {
          state.update(e);
        }
      }
    }
    return state.result();
  }

  /** Whether the value at t reads raw events of the hop {@code tileStart}: head or stale tile. */
  public static boolean needsEvents(Window window, Tile tile, Instant t) {
    return !tile.start().isBefore(Hops.floor(t, window.hop())) || tile.createdTime().isAfter(t);
  }
}
