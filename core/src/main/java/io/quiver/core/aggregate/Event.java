package io.quiver.core.aggregate;

import java.time.Instant;
import java.util.Objects;

/**
 * One source event as seen by one aggregation: when it happened, when Quiver could first have known
 * it, and the aggregated column's value in canonical form ({@link io.quiver.core.value.Values}), or
 * null. A materializer reading rows builds one per row and aggregated column, e.g. {@code new
 * Event(row.get(ts), row.get(created), row.get(column))} after coercion.
 */
public record Event(Instant eventTime, Instant createdTime, Object value) {
  public Event {
    Objects.requireNonNull(eventTime, "eventTime");
    Objects.requireNonNull(createdTime, "createdTime");
  }

  /** An event whose created time is its event time (a source with no created-timestamp field). */
  public static Event at(Instant eventTime, Object value) {
    return new Event(eventTime, eventTime, value);
  }
}
