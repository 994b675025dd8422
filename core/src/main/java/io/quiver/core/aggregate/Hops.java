package io.quiver.core.aggregate;

import io.quiver.core.value.EpochMicros;
import java.time.Duration;
import java.time.Instant;

/** Hop arithmetic: hops are aligned to the UTC epoch, at microsecond resolution. */
public final class Hops {
  private Hops() {}

  /** {@code floor_hop(t)}: the start of the hop containing t (also correct before 1970). */
  public static Instant floor(Instant t, Duration hop) {
    long hopMicros = hop.toNanos() / 1_000;
    if (hopMicros <= 0) {
      throw new IllegalArgumentException("hop must be at least a microsecond: " + hop);
    }
    return EpochMicros.toInstant(Math.floorDiv(EpochMicros.of(t), hopMicros) * hopMicros);
  }
}
