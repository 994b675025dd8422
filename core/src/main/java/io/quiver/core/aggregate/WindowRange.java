package io.quiver.core.aggregate;

import io.quiver.core.model.Window;
import java.time.Instant;

/**
 * The event times that count toward a window's value at t: {@code (-inf, t]} for a lifetime window,
 * {@code [floor_hop(t - size), t]} for a sliding one. The start is hop-aligned, so every tile lies
 * wholly inside or wholly outside the range's tail.
 *
 * @param start the first counted event time, or null for a lifetime window
 * @param end t, the last counted event time (inclusive)
 */
public record WindowRange(Instant start, Instant end) {

  public static WindowRange at(Window window, Instant t) {
    Instant start = window.isLifetime() ? null : Hops.floor(t.minus(window.size()), window.hop());
    return new WindowRange(start, t);
  }

  public boolean contains(Instant eventTime) {
    return (start == null || !eventTime.isBefore(start)) && !eventTime.isAfter(end);
  }

  /** Whether an event counts at t: created by t and with its event time in the range. */
  public boolean counts(Event e) {
    return !e.createdTime().isAfter(end) && contains(e.eventTime());
  }
}
