package io.quiver.core.aggregate;

import java.time.Instant;
import java.util.Objects;

/**
 * The partial aggregate of every event whose event time falls in the hop {@code [start, start +
 * hop)}, stamped with the greatest created time among those events (null-valued ones included).
 * Tiles are recomputed whole from all events of their hop and overwritten, never incremented, so
 * re-running a materialization changes nothing.
 */
public record Tile(Instant start, Instant createdTime, PartialAggregate aggregate) {
  public Tile {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(createdTime, "createdTime");
    Objects.requireNonNull(aggregate, "aggregate");
  }
}
