package io.quiver.core.aggregate;

import io.quiver.core.model.Window;
import java.time.Instant;

/**
 * The reference path: a window's value at t computed from raw events alone, by the rule that an
 * event counts when its created time is at most t and its event time lies in {@link
 * WindowRange#at}.
 */
public final class RawAggregation {
  private RawAggregation() {}

  /** The finalized value at t, null when no value counts. */
  public static Object valueAt(
      Aggregator aggregator, Window window, Iterable<Event> events, Instant t) {
    WindowRange range = WindowRange.at(window, t);
    PartialAggregate state = aggregator.empty();
    for (Event e : events) {
      if (range.counts(e)) {
        state.update(e);
      }
    }
    return state.result();
  }
}
