package io.quiver.core.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TileCodecTest {

  @Test
  void storesStartAsDecimalAndRoundTripsTheRest() {
    Tile tile = new Tile(1_700_000_000_000_000L, 4, -3L, new byte[] {9, 8, 7});

    byte[] field = TileCodec.field(tile.startMicros());
    byte[] value = TileCodec.value(tile);
    Tile read = TileCodec.decode(field, value);

    assertThat(new String(field, StandardCharsets.US_ASCII)).isEqualTo("1700000000000000");
    assertThat(value[0]).isEqualTo((byte) TileCodec.VERSION);
    assertThat(read.startMicros()).isEqualTo(tile.startMicros());
    assertThat(read.schemaId()).isEqualTo(4);
    assertThat(read.createdTimeMicros()).isEqualTo(-3L);
    assertThat(read.payload()).containsExactly(9, 8, 7);
  }

  @Test
  void rejectsAnUnknownFormatVersion() {
    byte[] value = TileCodec.value(new Tile(0, 1, 1, new byte[0]));
    value[0] = 5;

    assertThatThrownBy(() -> TileCodec.decode(TileCodec.field(0), value))
        .hasMessageContaining("unknown tile format version 5");
  }
}
