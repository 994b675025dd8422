package io.quiver.core.quality;

import io.quiver.core.model.Expectation;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * No non-null value occurs twice. Nulls are skipped (completeness measures them). Keeps every
 * distinct value of the batch in memory, so only columns with this check pay for it. Observed: the
 * number of repeated rows (rows whose value an earlier row already had).
 */
final class UniquenessCheck implements Check {
  private final Expectation e;
  private final Set<Object> seen = new HashSet<>();
  private final Offenders repeats = new Offenders();

  UniquenessCheck(Expectation e) {
    this.e = e;
  }

  @Override
  public void accept(Object value) {
    if (value != null && !seen.add(key(value))) {
      repeats.add(value);
    }
  }

  /** byte[] compares by identity; a buffer over a copy compares by content. */
  private static Object key(Object value) {
    return value instanceof byte[] b ? ByteBuffer.wrap(b.clone()) : value;
  }

  @Override
  public CheckResult result(long rows, List<Long> history) {
    long n = repeats.count();
    String message =
        "uniqueness of "
            + e.column()
            + ": "
            + n
            + " repeated values among "
            + (seen.size() + n)
            + " non-null, expected none";
    return CheckResult.of(e, n == 0, (double) n, "no repeated values", message, repeats);
  }
}
