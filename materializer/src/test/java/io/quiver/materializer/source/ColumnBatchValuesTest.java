package io.quiver.materializer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quiver.core.model.Expectation;
import io.quiver.core.model.Field;
import io.quiver.core.model.ValueType;
import io.quiver.core.quality.QualityProfiler;
import io.quiver.core.quality.QualityReport;
import io.quiver.core.value.EpochMicros;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The quality gate reading a {@link ColumnBatch} by column must report exactly what it reported
 * when it took the batch's rows one by one ({@link ColumnBatch#get}): that is the oracle, compared
 * as records and as the JSON the run status and the quarantine table store.
 */
class ColumnBatchValuesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<Field> SCHEMA =
      List.of(
          new Field("id", ValueType.INT64),
          new Field("score", ValueType.DOUBLE),
          new Field("at", ValueType.TIMESTAMP),
          new Field("updated", ValueType.TIMESTAMP),
          new Field("kind", ValueType.STRING),
          new Field("blob", ValueType.BYTES),
          new Field("n", ValueType.INT32),
          new Field("ratio", ValueType.FLOAT),
          new Field("flag", ValueType.BOOL),
          new Field("tags", ValueType.STRING_LIST));
  private static final long DAY = 86_400_000_000L;

  @Test
  void gateReportsWhatItReportedRowByRow() throws Exception {
    for (int seed = 0; seed < 40; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      CuratedLayout layout = TestLayouts.of("at", random.nextBoolean() ? null : "updated", SCHEMA);
      ColumnBatch batch = batch(random, layout);
      List<Field> fields = layout.rowFields();
      List<Expectation> expectations = expectations(fields);
      List<Long> history = List.of(900L, 1100L, 1000L);

      QualityProfiler byRow = QualityProfiler.of(expectations, fields);
      batch.forEach(byRow::add);
      QualityProfiler byColumn = QualityProfiler.of(expectations, fields);
      byColumn.addColumns(batch.size(), ColumnBatchValues.of(batch, fields));

      QualityReport want = byRow.report(history);
      QualityReport got = byColumn.report(history);
      assertThat(got).as("seed %d", seed).isEqualTo(want);
      assertThat(JSON.writeValueAsString(got))
          .as("seed %d", seed)
          .isEqualTo(JSON.writeValueAsString(want));
    }
  }

  @Test
  void rejectsFieldsTheBatchDoesNotHoldAsTheyAreRead() {
    CuratedLayout layout = TestLayouts.of("at", null, SCHEMA);
    ColumnBatch batch = ColumnBatch.builder(layout).build();
    List<Field> fields = new ArrayList<>(layout.rowFields());
    fields.set(0, new Field("id", ValueType.DOUBLE));

    assertThatThrownBy(() -> ColumnBatchValues.of(batch, fields))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("column 0 holds LONG values");
    assertThatThrownBy(() -> ColumnBatchValues.of(batch, SCHEMA))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * A batch filled as a columnar reader fills one, values set over stale ones so that a null row's
   * slot in a long[] or double[] holds garbage; sometimes a selection of its rows.
   */
  private static ColumnBatch batch(SplittableRandom random, CuratedLayout layout) {
    int n = random.nextInt(8) == 0 ? random.nextInt(3) : random.nextInt(3_000);
    boolean nulls = random.nextInt(4) > 0;
    ColumnBatch.Builder builder = ColumnBatch.builder(layout, 16);
    for (int i = 0; i < n; i++) {
      int r = builder.reserve(1);
      for (int c = 0; c < SCHEMA.size(); c++) {
        switch (builder.kind(c)) {
          case LONG, TIME -> builder.setLong(c, r, random.nextLong());
          case DOUBLE -> builder.setDouble(c, r, random.nextDouble());
          case OBJECT -> {}
        }
        boolean isNull = nulls && c != 2 && random.nextInt(5) == 0; // "at" is the event time
        builder.set(c, r, isNull ? null : value(random, SCHEMA.get(c).type()));
      }
    }
    ColumnBatch batch = builder.build();
    if (n == 0 || random.nextBoolean()) {
      return batch;
    }
    int[] rows = random.ints(n / 2, 0, n).toArray();
    return batch.select(rows, rows.length);
  }

  private static Object value(SplittableRandom random, ValueType type) {
    boolean edge = random.nextInt(10) == 0;
    return switch (type) {
      case INT64 ->
          edge
              ? pick(random, Long.MIN_VALUE, Long.MAX_VALUE, (1L << 53) + 1)
              : random.nextLong(-9, 9);
      case DOUBLE ->
          edge
              ? pick(random, -0.0, Double.NaN, Double.NEGATIVE_INFINITY, 0.1)
              : random.nextInt(-20, 21) / 20.0;
      case TIMESTAMP -> EpochMicros.toInstant(random.nextLong(-3 * DAY, 3 * DAY) / 1_000 * 1_000);
      case STRING -> pick(random, "click", "view", "", "Click");
      case BYTES -> new byte[] {(byte) random.nextInt(3)};
      case INT32 -> edge ? pick(random, Integer.MIN_VALUE, -0) : random.nextInt(-3, 4);
      case FLOAT -> edge ? pick(random, Float.NaN, -0f) : pick(random, 0.1f, 0.2f, -1f, 0f);
      case BOOL -> random.nextBoolean();
      case STRING_LIST -> List.of("a", String.valueOf(random.nextInt(3)));
      default -> throw new IllegalArgumentException(type.toString());
    };
  }

  @SafeVarargs
  private static <T> T pick(SplittableRandom random, T... values) {
    return values[random.nextInt(values.length)];
  }

  /** Every check on every column that allows it, with bounds that some batches break. */
  private static List<Expectation> expectations(List<Field> fields) {
    List<Expectation> all = new ArrayList<>();
    for (Field f : fields) {
      String c = f.name();
      all.add(new Expectation("completeness", c, 0.85, null, null, null, null, "warn"));
      all.add(new Expectation("uniqueness", c, null, null, null, null, null, "warn"));
      if (f.type() == ValueType.TIMESTAMP) {
        all.add(bounded("min", c, 0.0 - DAY, null));
        all.add(bounded("max", c, null, 2.0 * DAY));
      } else if (f.type().isNumeric()) {
        all.add(bounded("min", c, -1.0, null));
        all.add(bounded("max", c, null, 0.1));
        all.add(bounded("mean", c, -0.5, 0.5));
      }
      List<String> allowed =
          switch (f.type()) {
            case INT64, INT32 -> List.of("0", "-1", "3");
            case DOUBLE, FLOAT -> List.of("-0.0", "NaN", "0.1");
            case STRING -> List.of("click", "view");
            case BOOL -> List.of("true");
            case TIMESTAMP -> List.of("1970-01-01T00:00:00Z");
            default -> null;
          };
      if (allowed != null) {
        all.add(new Expectation("allowed_values", c, null, null, allowed, null, null, "warn"));
      }
    }
    all.add(new Expectation("pattern", "kind", null, null, null, "[a-z]+", null, "error"));
    all.add(new Expectation("row_count", null, null, null, null, null, 2.0, "error"));
    return all;
  }

  private static Expectation bounded(String check, String column, Double min, Double max) {
    return new Expectation(check, column, min, max, null, null, null, "error");
  }
}
