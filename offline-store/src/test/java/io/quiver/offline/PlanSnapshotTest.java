package io.quiver.offline;

import static io.quiver.offline.TestStore.at;
import static io.quiver.offline.TestStore.row;
import static io.quiver.offline.TestStore.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.quiver.core.model.ValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Table;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** Planned files are what an export reads: here DuckDB reads them, as the export will. */
class PlanSnapshotTest {
  private final IcebergOfflineStore store = TestStore.store();
  private final String project = TestStore.newProject();

  private static final List<Column> KEYS = List.of(Column.of("user_id", ValueType.STRING));

  private FeatureTableSpec v1() {
    return FeatureTableSpec.select(
        project, "user_features", 1, KEYS, List.of(Column.of("event_count", ValueType.INT32)));
  }

  private FeatureTableSpec evolved() {
    return FeatureTableSpec.select(
        project,
        "user_features",
        1,
        KEYS,
        List.of(
            Column.of("event_count", ValueType.INT64), Column.of("last_type", ValueType.STRING)));
  }

  @Test
  void duckDbReadsPlannedFilesAsTheAppendedRowsAcrossSchemaEvolution() throws SQLException {
    AppendResult first =
        store.append(
            v1(),
            "b1",
            rows(
                row("u1", at("2026-01-01T10:00:00.123456Z"), at("2026-01-01T10:00:00.5Z"), 3),
                row("u2", at("2026-01-02T23:59:59.999999Z"), at("2026-01-03T00:00:00Z"), 4)));
    store.append(
        evolved(),
        "b2",
        rows(row("u3", at("1970-01-01T00:00:00.000001Z"), at("2026-01-05T00:00:00Z"), 5L, "buy")));

    TablePlan plan = store.plan(evolved().identifier(), null);

    assertThat(plan.dataFiles()).hasSize(3).allSatisfy(f -> assertThat(Path.of(f)).exists());
    assertThat(readWithDuckDb(plan))
        .containsExactly(
            tuple("u1", at("2026-01-01T10:00:00.123456Z"), at("2026-01-01T10:00:00.5Z"), 3L, null),
            tuple("u2", at("2026-01-02T23:59:59.999999Z"), at("2026-01-03T00:00:00Z"), 4L, null),
            tuple("u3", at("1970-01-01T00:00:00.000001Z"), at("2026-01-05T00:00:00Z"), 5L, "buy"));
    assertThat(readWithDuckDb(store.plan(evolved().identifier(), first.snapshotId())))
        .extracting(t -> t.toList().get(0))
        .containsExactly("u1", "u2");
  }

  @Test
  void duckDbSeesIcebergTimestampsAsTimestampWithTimeZone() throws SQLException {
    store.append(
        v1(), "b1", rows(row("u1", at("2026-01-01T10:00:00Z"), at("2026-01-01T10:00:00Z"), 1)));
    TablePlan plan = store.plan(v1().identifier(), null);

    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement sql = duck.createStatement();
        ResultSet rs =
            sql.executeQuery(
                "SELECT typeof(event_timestamp), epoch_us(event_timestamp) FROM "
                    + plan.duckDbReadParquet())) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("TIMESTAMP WITH TIME ZONE");
      assertThat(rs.getLong(2)).isEqualTo(1_767_261_600_000_000L);
    }
  }

  @Test
  void planAtAnOldSnapshotUsesThatSnapshotsSchemaAndFiles() {
    AppendResult first =
        store.append(
            v1(), "b1", rows(row("u1", at("2026-01-01T00:00:00Z"), at("2026-01-01T00:00:00Z"), 1)));
    AppendResult second =
        store.append(
            evolved(),
            "b2",
            rows(row("u2", at("2026-01-01T00:00:00Z"), at("2026-01-01T00:00:00Z"), 2L, "x")));

    TablePlan old = store.plan(v1().identifier(), first.snapshotId());
    TablePlan current = store.plan(v1().identifier(), null);

    assertThat(old.snapshotId()).hasValue(first.snapshotId());
    assertThat(old.columns()).contains(Column.of("event_count", ValueType.INT32));
    assertThat(old.columns()).extracting(Column::name).doesNotContain("last_type");
    assertThat(current.snapshotId()).hasValue(second.snapshotId());
    assertThat(current.dataFiles()).containsAll(old.dataFiles()).hasSize(2);
  }

  @Test
  void planOfATableNeverWrittenHasNoSnapshotAndNoFiles() {
    store.ensureTable(v1());

    TablePlan plan = store.plan(v1().identifier(), null);

    assertThat(plan.snapshotId()).isEmpty();
    assertThat(plan.dataFiles()).isEmpty();
    assertThat(plan.columns()).extracting(Column::name).startsWith("user_id", "event_timestamp");
  }

  @Test
  void taggedSnapshotSurvivesExpiryAndStaysReadable() throws SQLException {
    AppendResult tagged =
        store.append(
            v1(), "b1", rows(row("u1", at("2026-01-01T00:00:00Z"), at("2026-01-01T00:00:00Z"), 1)));
    AppendResult untagged =
        store.append(
            v1(), "b2", rows(row("u2", at("2026-01-02T00:00:00Z"), at("2026-01-02T00:00:00Z"), 2)));
    store.append(
        v1(), "b3", rows(row("u3", at("2026-01-03T00:00:00Z"), at("2026-01-03T00:00:00Z"), 3)));
    store.tagSnapshot(v1().identifier(), tagged.snapshotId(), "dataset_1");
    store.tagSnapshot(v1().identifier(), tagged.snapshotId(), "dataset_1"); // idempotent

    Table table = store.catalog().loadTable(v1().identifier());
    table.expireSnapshots().expireOlderThan(System.currentTimeMillis() + 1).retainLast(1).commit();

    Table expired = store.catalog().loadTable(v1().identifier());
    assertThat(expired.snapshot(untagged.snapshotId())).isNull();
    assertThat(expired.snapshot(tagged.snapshotId())).isNotNull();
    TablePlan plan = store.plan(v1().identifier(), tagged.snapshotId());
    assertThat(readWithDuckDb(plan)).extracting(t -> t.toList().get(0)).containsExactly("u1");
    assertThatThrownBy(() -> store.plan(v1().identifier(), untagged.snapshotId()))
        .hasMessageContaining("has no snapshot " + untagged.snapshotId());
  }

  @Test
  void tagNameAlreadyOnAnotherSnapshotIsRefused() {
    AppendResult a =
        store.append(
            v1(), "b1", rows(row("u1", at("2026-01-01T00:00:00Z"), at("2026-01-01T00:00:00Z"), 1)));
    AppendResult b =
        store.append(
            v1(), "b2", rows(row("u2", at("2026-01-01T00:00:00Z"), at("2026-01-01T00:00:00Z"), 2)));
    store.tagSnapshot(v1().identifier(), a.snapshotId(), "dataset_1");

    assertThatThrownBy(() -> store.tagSnapshot(v1().identifier(), b.snapshotId(), "dataset_1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already has a ref dataset_1");
  }

  @Test
  void fileLocationsBecomeLocalPaths() throws Exception {
    Path file = Files.createTempFile("quiver", ".parquet");
    assertThat(PlanSnapshot.readablePath(file.toUri().toString())).isEqualTo(file.toString());
    assertThat(PlanSnapshot.readablePath("file:" + file)).isEqualTo(file.toString());
    assertThat(PlanSnapshot.readablePath("s3://bucket/a.parquet"))
        .isEqualTo("s3://bucket/a.parquet");
    Files.delete(file);
  }

  private static List<Tuple> readWithDuckDb(TablePlan plan) throws SQLException {
    List<Tuple> rows = new ArrayList<>();
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement sql = duck.createStatement();
        ResultSet rs =
            sql.executeQuery("SELECT * FROM " + plan.duckDbReadParquet() + " ORDER BY user_id")) {
      assertThat(columnNames(rs)).isEqualTo(plan.columns().stream().map(Column::name).toList());
      boolean hasLastType = rs.getMetaData().getColumnCount() == 5;
      while (rs.next()) {
        rows.add(
            tuple(
                rs.getString("user_id"),
                instant(rs, "event_timestamp"),
                instant(rs, "created_timestamp"),
                rs.getObject("event_count") == null ? null : rs.getLong("event_count"),
                hasLastType ? rs.getString("last_type") : null));
      }
    }
    return rows;
  }

  private static List<String> columnNames(ResultSet rs) throws SQLException {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
      names.add(rs.getMetaData().getColumnLabel(i));
    }
    return names;
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }
}
