package io.quiver.materializer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.core.model.Field;
import io.quiver.core.model.ValueType;
import io.quiver.offline.RowKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A batch held by column must give back exactly the rows a row reader would have held: the oracle
 * is the plain {@code Object[]} row completed by {@link CuratedLayout#complete}, compared with
 * {@code Arrays.deepEquals} and {@link RowKey#hash64}.
 */
class ColumnBatchTest {
  private static final List<Field> SCHEMA =
      List.of(
          new Field("id", ValueType.INT64),
          new Field("score", ValueType.DOUBLE),
          new Field("at", ValueType.TIMESTAMP),
          new Field("updated", ValueType.TIMESTAMP),
          new Field("kind", ValueType.STRING),
          new Field("blob", ValueType.BYTES),
          new Field("n", ValueType.INT32),
          new Field("flag", ValueType.BOOL),
          new Field("tags", ValueType.STRING_LIST));

  private static CuratedLayout layout(String created) {
    return TestLayouts.of("at", created, SCHEMA);
  }

  /** A random row of the declared columns; the event time is never null. */
  private static Object[] randomRow(SplittableRandom random, CuratedLayout layout) {
    Object[] row = layout.newRow();
    row[0] =
        nullOr(random, pick(random, 0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, random.nextLong()));
    row[1] =
        nullOr(
            random,
            pick(random, 0.0, -0.0, Double.NaN, Double.NEGATIVE_INFINITY, random.nextDouble()));
    row[2] = micros(random);
    row[3] = nullOr(random, micros(random));
    row[4] = nullOr(random, pick(random, "", "click", "view"));
    row[5] = nullOr(random, new byte[] {(byte) random.nextInt(3)});
    row[6] = nullOr(random, random.nextInt(3));
    row[7] = nullOr(random, random.nextBoolean());
    row[8] = nullOr(random, List.of("a", String.valueOf(random.nextInt(3))));
    return row;
  }

  private static Instant micros(SplittableRandom random) {
    // before and after 1970, whole microseconds
    long m = random.nextLong(-4_000_000_000_000_000L, 4_000_000_000_000_000L);
    return Instant.ofEpochSecond(Math.floorDiv(m, 1_000_000L), Math.floorMod(m, 1_000_000L) * 1000);
  }

  @SafeVarargs
  private static <T> T pick(SplittableRandom random, T... values) {
    return values[random.nextInt(values.length)];
  }

  private static Object nullOr(SplittableRandom random, Object v) {
    return random.nextInt(4) == 0 ? null : v;
  }

  private static void assertRow(Object[] actual, Object[] want) {
    assertThat(Arrays.deepEquals(actual, want))
        .as("%s equals %s", Arrays.deepToString(actual), Arrays.deepToString(want))
        .isTrue();
  }

  @Test
  void givesBackTheRowsARowReaderHeldWithTheirHashesAndEquality() {
    for (String created : new String[] {null, "updated"}) {
      CuratedLayout layout = layout(created);
      SplittableRandom random = new SplittableRandom(7);
      ColumnBatch.Builder builder = ColumnBatch.builder(layout);
      List<Object[]> expected = new ArrayList<>();
      for (int i = 0; i < 5_000; i++) { // past the builder's first capacity
        Object[] row = randomRow(random, layout);
        builder.add(row.clone());
        expected.add(layout.complete(row));
      }
      ColumnBatch batch = builder.build();

      assertThat(batch).hasSize(expected.size());
      for (int i = 0; i < expected.size(); i++) {
        Object[] want = expected.get(i);
        assertRow(batch.get(i), want);
        assertThat(batch.hash64(i)).as("hash of row %d", i).isEqualTo(RowKey.hash64(want));
        assertThat(batch.rowEquals(i, want)).isTrue();
        for (int c = 0; c < want.length; c++) {
          Object[] other = want.clone();
          other[c] = other[c] == null ? "x" : null;
          assertThat(batch.rowEquals(i, other)).as("row %d with column %d changed", i, c).isFalse();
        }
      }
    }
  }

  @Test
  void selectsRowsInTheGivenOrderAndIsItselfForEveryRow() {
    CuratedLayout layout = layout(null);
    SplittableRandom random = new SplittableRandom(11);
    ColumnBatch.Builder builder = ColumnBatch.builder(layout);
    List<Object[]> expected = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Object[] row = randomRow(random, layout);
      builder.add(row.clone());
      expected.add(layout.complete(row));
    }
    ColumnBatch batch = builder.build();
    int[] picked = {299, 3, 3, 150, 0};

    ColumnBatch some = batch.select(picked, picked.length);

    assertThat(some).hasSize(picked.length);
    for (int i = 0; i < picked.length; i++) {
      assertRow(some.get(i), expected.get(picked[i]));
    }
    int[] all = new int[batch.size()];
    Arrays.setAll(all, i -> i);
    assertThat(batch.select(all, all.length)).isSameAs(batch);
  }

  @Test
  void dropsRejectedRowsOfAFilledRangeAndClearsWhatTheyLeft() {
    CuratedLayout layout = layout(null);
    SplittableRandom random = new SplittableRandom(3);
    ColumnBatch.Builder builder = ColumnBatch.builder(layout);
    Object[] kept = randomRow(random, layout);
    builder.add(kept.clone());
    List<Object[]> rows = new ArrayList<>();
    int first = builder.reserve(6);
    for (int r = 0; r < 6; r++) {
      Object[] row = randomRow(random, layout);
      rows.add(row);
      for (int c = 0; c < row.length - 2; c++) {
        builder.set(c, first + r, row[c]);
      }
    }
    builder.drop(first, new boolean[] {true, false, true, true, false, true});
    Object[] last = randomRow(random, layout);
    Arrays.fill(last, 0, 9, null); // a reserved row takes nothing from the dropped rows
    last[2] = Instant.parse("2024-01-01T00:00:00Z");
    builder.add(last.clone());

    ColumnBatch batch = builder.build();

    assertThat(batch).hasSize(4);
    assertRow(batch.get(0), layout.complete(kept));
    assertRow(batch.get(1), layout.complete(rows.get(1)));
    assertRow(batch.get(2), layout.complete(rows.get(4)));
    assertRow(batch.get(3), layout.complete(last));
    assertThat(batch.hasNulls(0)).isTrue();
    assertThat(batch.hasNulls(layout.eventTimeIndex())).isFalse();
  }

  @Test
  void refusesARowWithoutAnEventTime() {
    CuratedLayout layout = layout(null);
    ColumnBatch.Builder builder = ColumnBatch.builder(layout);
    builder.add(layout.newRow());

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no event time");
  }
}
