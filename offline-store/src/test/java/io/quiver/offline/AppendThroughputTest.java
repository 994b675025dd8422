package io.quiver.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.core.model.ValueType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Write rate of one large batch shaped like {@code user_features}. Prints rows/s; asserts only the
 * row count, since these machines are too noisy for an absolute threshold (the bench module will
 * compare ratios).
 */
class AppendThroughputTest {
  private static final int ROWS = 1_000_000;
  private static final int RUNS = 3;

  @Test
  void appendsAMillionRowsPerSnapshot() {
    IcebergOfflineStore store = TestStore.store();
    FeatureTableSpec spec =
        FeatureTableSpec.select(
            TestStore.newProject(),
            "user_features",
            1,
            List.of(Column.of("user_id", ValueType.STRING)),
            List.of(
                Column.of("last_activity", ValueType.TIMESTAMP),
                Column.of("event_count", ValueType.INT64),
                Column.of("avg_session_duration", ValueType.DOUBLE),
                Column.of("total_session_time", ValueType.DOUBLE)));
    List<Object[]> rows = rows(Instant.parse("2026-01-01T00:00:00Z"));
    store.ensureTable(spec);

    for (int run = 1; run <= RUNS; run++) { // the first run includes JIT warm-up
      assertThat(timedAppend(store, spec, "bench-" + run, rows).rows()).isEqualTo(ROWS);
    }
    assertThat(store.catalog().loadTable(spec.identifier()).snapshots()).hasSize(RUNS);
  }

  private static AppendResult timedAppend(
      IcebergOfflineStore store, FeatureTableSpec spec, String batchId, List<Object[]> rows) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    AppendResult result = store.append(spec, batchId, rows);
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    // CPU time of the writing thread is the steadier figure on a shared 2-core machine.
    System.out.printf(
        "offline-store append %s: %d rows, %d files; wall %.2f s = %.0f rows/s;"
            + " writer-thread CPU %.2f s = %.0f rows/s%n",
        batchId,
        result.rows(),
        result.files(),
        seconds,
        result.rows() / seconds,
        cpuSeconds,
        result.rows() / cpuSeconds);
    return result;
  }

  /** Three days of events for 100k users. */
  private static List<Object[]> rows(Instant base) {
    List<Object[]> rows = new ArrayList<>(ROWS);
    for (int i = 0; i < ROWS; i++) {
      Instant event = base.plusSeconds(i % 259_200L).plusNanos((i % 1000) * 1000L);
      rows.add(
          new Object[] {
            "user_" + (i % 100_000), event, event, event, (long) i, i * 0.5, i * 1.25,
          });
    }
    return rows;
  }
}
