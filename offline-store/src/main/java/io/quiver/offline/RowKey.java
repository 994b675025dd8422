package io.quiver.offline;

import java.time.Instant;
import java.util.Arrays;

/**
 * A row compared by deep equality of all its values: what "exact duplicate" means for curated
 * events and feature rows. The hash mixes 64-bit hashes of the values with SplitMix64's finalizer
 * and is computed once. (It was written because a profile showed HashMap tree bins in the dedupe
 * sets; a check with a million bench-shaped rows later found {@link Arrays#deepHashCode} spreads
 * them as well, so those frames were the profiler's attribution, not collisions.)
 */
public final class RowKey {
  private final Object[] values;
  private final int hash;

  public RowKey(Object[] values) {
    this.values = values;
    long h = hash64(values);
    this.hash = (int) (h ^ (h >>> 32));
  }

  /**
   * The 64-bit hash a key's {@code hashCode} folds: equal for rows equal by {@link
   * Arrays#deepEquals}, for callers that keep the hash of a row rather than a key object.
   */
  public static long hash64(Object[] values) {
    long h = SEED;
    for (Object v : values) {
      h = step(h, valueHash(v));
    }
    return finish(h);
  }

  /*
   * hash64 one value at a time, for rows held by column (no Object[] to pass): start from SEED,
   * fold each value's hash with step, in column order, and finish. The value hashes of the
   * primitive columns are the ones valueHash gives their boxed values.
   */

  public static final long SEED = 0x9E3779B97F4A7C15L;

  /** The value hash of null. */
  public static final long NULL_HASH = 0x632BE59BD9B4E019L;

  public static long step(long h, long valueHash) {
    return (h ^ mix(valueHash)) * 0xbf58476d1ce4e5b9L;
  }

  public static long finish(long h) {
    return mix(h);
  }

  /** What {@link #valueHash} gives the Instant of {@code micros} (microsecond-exact instants). */
  public static long microsHash(long micros) {
    return micros * 1_000L; // seconds * 1e9 + nanos, when the nanos are whole microseconds
  }

  /** What {@link #valueHash} gives a Double; a Long's value hash is its value. */
  public static long doubleHash(double d) {
    return Double.doubleToLongBits(d);
  }

  public static long valueHash(Object v) {
    if (v == null) {
      return NULL_HASH;
    }
    if (v instanceof Long n) {
      return n;
    }
    if (v instanceof Instant t) {
      return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
    if (v instanceof Double d) {
      return Double.doubleToLongBits(d);
    }
    if (v instanceof byte[] b) {
      return Arrays.hashCode(b);
    }
    if (v instanceof Object[] a) {
      return Arrays.deepHashCode(a);
    }
    return v.hashCode();
  }

  /** The finalizer of SplitMix64: every input bit affects every output bit. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RowKey k && k.hash == hash && Arrays.deepEquals(values, k.values);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return Arrays.deepToString(values);
  }
}
