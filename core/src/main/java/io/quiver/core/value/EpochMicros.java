package io.quiver.core.value;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Quiver's time resolution: microseconds since the UTC epoch, in a {@code long} (about ±292,000
 * years). Finer instants are truncated toward the past, as Iceberg and Parquet timestamps are.
 */
public final class EpochMicros {
  private EpochMicros() {}

  /**
   * The instant in microseconds since the epoch.
   *
   * @throws ArithmeticException when the instant lies outside the {@code long} microsecond range
   */
  public static long of(Instant t) {
    long seconds = t.getEpochSecond();
    long micros = t.getNano() / 1_000;
    if (seconds < 0 && micros > 0) { // borrow a second so the product cannot overflow first
      return Math.addExact(Math.multiplyExact(seconds + 1, 1_000_000L), micros - 1_000_000L);
    }
    return Math.addExact(Math.multiplyExact(seconds, 1_000_000L), micros);
  }

  /** The instant {@code micros} microseconds from the epoch (floored, also before 1970). */
  public static Instant toInstant(long micros) {
    // one Instant: EPOCH.plus(micros, MICROS) made two, and readers call this once per value
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  /** The instant truncated to microseconds (toward the past, also before 1970). */
  public static Instant truncate(Instant t) {
    return t.getNano() % 1_000 == 0 ? t : t.truncatedTo(ChronoUnit.MICROS);
  }
}
