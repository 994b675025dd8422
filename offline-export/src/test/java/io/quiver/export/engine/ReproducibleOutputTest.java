package io.quiver.export.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.core.model.Field;
import io.quiver.core.model.ValueType;
import io.quiver.offline.Column;
import io.quiver.offline.FeatureTableSpec;
import io.quiver.offline.IcebergOfflineStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Same snapshot, same input, a new engine each time: the same bytes, for Parquet with several row
 * groups written by a multi-threaded DuckDB, and for CSV; reading a later snapshot differs.
 */
class ReproducibleOutputTest {
  private final IcebergOfflineStore store = EngineFixture.store();

  @Test
  void freshEnginesWriteIdenticalBytesForTheSameSnapshot() throws IOException {
    String project = EngineFixture.newProject();
    FeatureTableSpec spec =
        FeatureTableSpec.select(
            project,
            "score",
            1,
            List.of(Column.of("user_id", ValueType.INT64)),
            List.of(
                Column.of("value", ValueType.DOUBLE), Column.of("tags", ValueType.STRING_LIST)));
    Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      Instant e = t0.plus(Duration.ofSeconds(37L * i));
      rows.add(new Object[] {(long) (i % 5000), e, e, i * 0.5, List.of("a" + (i % 7), "b")});
    }
    long first = store.append(spec, "b1", rows).snapshotId();
    Path input = EngineFixture.tempDir("repro").resolve("entities.parquet");
    EngineFixture.duck(
        "COPY (SELECT (i % 6000)::BIGINT AS user_id, TIMESTAMPTZ '2024-01-01' + to_seconds(i % 800000)"
            + " AS event_timestamp, i AS label FROM range(300000) t(i)) TO '"
            + input
            + "' (FORMAT parquet)");
    store.append(
        spec, "b2", List.<Object[]>of(new Object[] {1L, t0, t0.plusSeconds(1), 9.0, null}));

    byte[] a = export(spec, first, input, OutputFormat.PARQUET);
    byte[] b = export(spec, first, input, OutputFormat.PARQUET);
    byte[] later = export(spec, null, input, OutputFormat.PARQUET);

    assertThat(a).isEqualTo(b);
    assertThat(later).isNotEqualTo(a);
    List<List<Object>> groups =
        EngineFixture.rows(
            "SELECT count(DISTINCT row_group_id) FROM parquet_metadata('" + save(a) + "')");
    assertThat((Long) groups.get(0).get(0)).as("row groups").isGreaterThan(1L);
    assertThat(export(spec, first, input, OutputFormat.CSV))
        .isEqualTo(export(spec, first, input, OutputFormat.CSV));
  }

  private byte[] export(FeatureTableSpec spec, Long snapshot, Path input, OutputFormat format)
      throws IOException {
    ViewRead view =
        new ViewRead(
            "score",
            List.of(new Field("user_id", ValueType.INT64)),
            Duration.ofDays(3),
            store.plan(spec.identifier(), snapshot),
            null,
            List.of(
                new FeatureRead("value", "score__value", ValueType.DOUBLE, null),
                new FeatureRead("tags", "score__tags", ValueType.STRING_LIST, null)));
    PointInTimeQuery q =
        new PointInTimeQuery(
            input,
            EntityFormat.PARQUET,
            List.of(view),
            List.of("score__tags", "score__value"),
            true);
    Path out = EngineFixture.tempDir("repro-out").resolve(format.fileName());
    EngineFixture.engine().export(q, format, out, f -> {});
    return Files.readAllBytes(out);
  }

  private static Path save(byte[] bytes) throws IOException {
    Path f = EngineFixture.tempDir("repro-save").resolve("a.parquet");
    Files.write(f, bytes);
    return f;
  }
}
