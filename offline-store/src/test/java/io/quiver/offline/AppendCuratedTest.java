package io.quiver.offline;

import static io.quiver.offline.TestStore.at;
import static io.quiver.offline.TestStore.row;
import static io.quiver.offline.TestStore.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.quiver.core.model.ValueType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppendCuratedTest {
  private final IcebergOfflineStore store = TestStore.store();
  private final String project = TestStore.newProject();

  private CuratedTableSpec userEvents() {
    return new CuratedTableSpec(
        project,
        "user_events",
        List.of(
            Column.of("user_id", ValueType.STRING),
            Column.of("event_type", ValueType.STRING),
            Column.of("session_duration", ValueType.DOUBLE),
            Column.of("payload", ValueType.BYTES)));
  }

  @Test
  void dropsExactDuplicatesWithinABatchAndKeepsCorrections() {
    Instant event = at("2026-01-01T10:00:00Z");
    Instant created = at("2026-01-01T10:00:05Z");
    Instant corrected = at("2026-01-01T12:00:00Z");

    AppendResult result =
        store.appendCurated(
            userEvents(),
            "files-1",
            rows(
                row("u1", "click", 1.5, new byte[] {1}, event, created),
                row("u1", "click", 1.5, new byte[] {1}, event, created), // exact duplicate
                row("u1", "click", 2.5, new byte[] {1}, event, corrected), // a correction
                row("u2", "view", null, null, event, created)));

    assertThat(result.rows()).isEqualTo(3);
    assertThat(store.scan(userEvents().identifier(), null))
        .extracting(
            r -> r.get("user_id"), r -> r.get("session_duration"), r -> r.get("created_timestamp"))
        .containsExactlyInAnyOrder(
            tuple("u1", 1.5, created), tuple("u1", 2.5, corrected), tuple("u2", null, created));
  }

  @Test
  void rerunOfACommittedBatchAddsNothing() {
    Instant t = at("2026-01-01T10:00:00Z");
    List<Object[]> batch = rows(row("u1", "click", 1.0, null, t, t));
    store.appendCurated(userEvents(), "files-1", batch);

    AppendResult rerun = store.appendCurated(userEvents(), "files-1", batch);

    assertThat(rerun.committed()).isFalse();
    assertThat(store.scan(userEvents().identifier(), null)).hasSize(1);
    assertThat(userEvents().identifier().name()).isEqualTo("curated__user_events");
  }
}
