package io.quiver.core.model;

import java.time.Duration;
import java.util.Objects;

/**
 * An aggregation window: {@code lifetime}, or a sliding window of {@code size} whose tail moves in
 * hops of {@code hop}, aligned to the UTC epoch (Chronon's sawtooth window).
 *
 * <p>An event counts toward the value at t when {@code event_time <= t} (lifetime) or when {@code
 * event_time} lies in {@code [floor_hop(t - size), t]} (sliding).
 */
public record Window(Duration size, Duration hop) {
  public static final String LIFETIME = "lifetime";
  private static final Duration ONE_DAY = Duration.ofDays(1);

  public Window {
    Objects.requireNonNull(hop, "hop");
    if (size != null && (size.isNegative() || size.isZero())) {
      throw new IllegalArgumentException("window size must be positive: " + size);
    }
    if (hop.isNegative() || hop.isZero()) {
      throw new IllegalArgumentException("hop must be positive: " + hop);
    }
  }

  /** A window that counts every event up to t; tiles still use {@code hop} to partition history. */
  public static Window lifetime(Duration hop) {
    return new Window(null, hop);
  }

  public static Window sliding(Duration size, Duration hop) {
    return new Window(Objects.requireNonNull(size, "size"), hop);
  }

  /**
   * Parses {@code lifetime} or a duration, with the declared hop or SPEC's default: 5 minutes for
   * windows up to a day, 1 hour beyond.
   */
  public static Window parse(String window, String hopOrNull) {
    Duration size = LIFETIME.equals(window) ? null : Durations.parse(window);
    Duration hop = hopOrNull != null ? Durations.parse(hopOrNull) : defaultHop(size);
    return new Window(size, hop);
  }

  public static Duration defaultHop(Duration sizeOrNull) {
    if (sizeOrNull == null || sizeOrNull.compareTo(ONE_DAY) > 0) {
      return Duration.ofHours(1);
    }
    return Duration.ofMinutes(5);
  }

  public boolean isLifetime() {
    return size == null;
  }

  public String wireName() {
    return isLifetime() ? LIFETIME : Durations.format(size);
  }
}
