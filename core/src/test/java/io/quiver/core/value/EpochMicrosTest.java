package io.quiver.core.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EpochMicrosTest {
  @Test
  void toInstantFloorsBeforeTheEpochToo() {
    assertThat(EpochMicros.toInstant(0)).isEqualTo(Instant.EPOCH);
    assertThat(EpochMicros.toInstant(1_500_000)).isEqualTo(Instant.ofEpochSecond(1, 500_000_000));
    assertThat(EpochMicros.toInstant(-1)).isEqualTo(Instant.ofEpochSecond(-1, 999_999_000));
    assertThat(EpochMicros.toInstant(-1_000_000)).isEqualTo(Instant.ofEpochSecond(-1));
  }

  @Test
  void toInstantAndOfRoundTripAtTheEndsOfTheRange() {
    for (long micros : new long[] {Long.MIN_VALUE, Long.MIN_VALUE + 1, -1, 1, Long.MAX_VALUE}) {
      assertThat(EpochMicros.of(EpochMicros.toInstant(micros))).isEqualTo(micros);
    }
  }
}
