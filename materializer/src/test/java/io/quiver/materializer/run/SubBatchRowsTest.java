package io.quiver.materializer.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubBatchRowsTest {
  private static final long GIB = 1L << 30;

  @Test
  void aConfiguredBudgetIsTakenAsItIs() {
    assertThat(SubBatchRows.of(Optional.of(200L), 3 * GIB)).isEqualTo(200);
    assertThat(SubBatchRows.of(Optional.of(5_000_000L), 256L << 20)).isEqualTo(5_000_000);
  }

  @Test
  void unsetTheBudgetGrowsWithTheHeap() {
    assertThat(SubBatchRows.of(Optional.empty(), 3 * GIB)).isEqualTo(4_194_304);
    assertThat(SubBatchRows.of(Optional.empty(), 256L << 20)).isEqualTo(349_525);
  }

  @Test
  void aTinyHeapStillGetsTheMinimum() {
    assertThat(SubBatchRows.of(Optional.empty(), 1L << 20)).isEqualTo(SubBatchRows.MIN_ROWS);
  }
}
