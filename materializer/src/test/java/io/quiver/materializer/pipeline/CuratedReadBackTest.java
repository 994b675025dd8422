package io.quiver.materializer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.core.model.Field;
import io.quiver.core.model.ValueType;
import io.quiver.materializer.source.ColumnBatch;
import io.quiver.materializer.source.CuratedLayout;
import io.quiver.materializer.source.TestLayouts;
import io.quiver.offline.RowKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

/**
 * What the read-back promises without keeping the rows it reads: each distinct committed row
 * reaches the tiles once (a row committed twice by raced runs too), and a batch row already
 * committed or repeated in the batch is dropped, the others kept in order. Also with a hash under
 * which every row collides, so only exact equality decides.
 */
class CuratedReadBackTest {
  private static final Instant T = Instant.parse("2026-01-01T10:00:00Z");
  private static final List<CuratedEvents.Range> ALL =
      List.of(new CuratedEvents.Range(Long.MIN_VALUE, Long.MAX_VALUE));

  private static final CuratedLayout LAYOUT =
      TestLayouts.of(
          "at",
          null,
          List.of(
              new Field("user", ValueType.INT64),
              new Field("value", ValueType.DOUBLE),
              new Field("tag", ValueType.BYTES),
              new Field("at", ValueType.TIMESTAMP)));

  /** A row in curated layout: the declared columns, then event and created time. */
  private static Object[] row(long user, double value) {
    return new Object[] {user, value, new byte[] {(byte) user}, T, T, T};
  }

  private static ColumnBatch batch(Object[]... rows) {
    ColumnBatch.Builder b = ColumnBatch.builder(LAYOUT);
    for (Object[] r : rows) {
      b.add(r);
    }
    return b.build();
  }

  @Test
  void countsRacedCommittedRowsOnceAndDropsCommittedAndRepeatedBatchRows() {
    check(RowKey::hash64, true);
  }

  @Test
  void decidesByEqualityWhenEveryRowSharesOneHash() {
    check(row -> 42L, false);
  }

  /**
   * {@code columnar}: the batch's rows hashed from their columns ({@link ColumnBatch#hash64}, which
   * must agree with {@code hash} on equal rows for any to be found), else by {@code hash} too.
   */
  private static void check(ToLongFunction<Object[]> hash, boolean columnar) {
    // r2 was committed by two raced runs; r3 is committed and in the batch again
    List<Object[]> committed =
        List.of(row(1, 1.0), row(2, 2.0), row(3, 3.0), row(2, 2.0), row(4, 4.0));
    ColumnBatch batch = batch(row(3, 3.0), row(5, 5.0), row(6, 6.0), row(5, 5.0), row(1, 1.5));
    List<Object[]> tiles = new ArrayList<>();
    int[] reads = {0};

    ColumnBatch fresh =
        CuratedReadBack.fresh(
            (ranges, sink) -> {
              reads[0]++;
              committed.forEach(r -> sink.accept(r.clone()));
            },
            ALL,
            batch,
            tiles::add,
            hash,
            columnar ? batch::hash64 : i -> hash.applyAsLong(batch.get(i)));

    assertThat(tiles)
        .usingElementComparator(CuratedReadBackTest::compare)
        .containsExactlyInAnyOrder(row(1, 1.0), row(2, 2.0), row(3, 3.0), row(4, 4.0));
    assertThat(fresh)
        .usingElementComparator(CuratedReadBackTest::compare)
        .containsExactly(row(5, 5.0), row(6, 6.0), row(1, 1.5));
    assertThat(reads[0]).as("a second read only to resolve the repeated hashes").isEqualTo(2);
  }

  @Test
  void aSelectViewReadsOnceAndOnlyDropsTheBatchRowsAlreadyCommitted() {
    List<Object[]> committed = List.of(row(1, 1.0), row(1, 1.0));
    ColumnBatch batch = batch(row(1, 1.0), row(2, 2.0));
    int[] reads = {0};

    ColumnBatch fresh =
        CuratedReadBack.fresh(
            (ranges, sink) -> {
              reads[0]++;
              committed.forEach(sink);
            },
            ALL,
            batch,
            null,
            RowKey::hash64,
            batch::hash64);

    assertThat(fresh)
        .usingElementComparator(CuratedReadBackTest::compare)
        .containsExactly(row(2, 2.0));
    assertThat(reads[0]).isEqualTo(1);
  }

  /**
   * Many rows, a third of them repeats, some committed: the fresh rows are exactly the first
   * occurrences of the rows not committed, in order (a brute-force pass over a set of row keys),
   * under the real hash and under one with 7 values, where rows of different content share hashes
   * in every part of the table.
   */
  @Test
  void keepsTheFirstOfEachRowNotCommittedLikeABruteForcePass() {
    java.util.Random random = new java.util.Random(11);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      rows.add(
          random.nextInt(3) == 0 && !rows.isEmpty()
              ? rows.get(random.nextInt(rows.size())).clone()
              : row(random.nextInt(5_000), random.nextInt(4)));
    }
    List<Object[]> committed = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      committed.add(
          random.nextBoolean()
              ? rows.get(random.nextInt(rows.size())).clone()
              : row(random.nextInt(5_000), 9));
    }
    java.util.Set<RowKey> seen = new java.util.HashSet<>();
    committed.forEach(r -> seen.add(new RowKey(r)));
    List<Object[]> expected = new ArrayList<>();
    for (Object[] r : rows) {
      if (seen.add(new RowKey(r))) {
        expected.add(r);
      }
    }
    ColumnBatch batch = batch(rows.toArray(Object[][]::new));
    List<ToLongFunction<Object[]>> hashes =
        List.of(RowKey::hash64, r -> Math.floorMod(RowKey.hash64(r), 7) * 0x9E3779B97F4A7C15L);
    for (ToLongFunction<Object[]> hash : hashes) {
      ColumnBatch fresh =
          CuratedReadBack.fresh(
              (ranges, sink) -> committed.forEach(sink),
              ALL,
              batch,
              null,
              hash,
              hash == hashes.get(0) ? batch::hash64 : i -> hash.applyAsLong(batch.get(i)));

      assertThat(fresh)
          .usingElementComparator(CuratedReadBackTest::compare)
          .containsExactlyElementsOf(expected);
    }
  }

  private static int compare(Object[] a, Object[] b) {
    return java.util.Arrays.deepEquals(a, b) ? 0 : 1;
  }
}
