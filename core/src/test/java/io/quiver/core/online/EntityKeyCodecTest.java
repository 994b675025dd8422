package io.quiver.core.online;

import static io.quiver.core.model.ValueType.INT64;
import static io.quiver.core.model.ValueType.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.core.model.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EntityKeyCodecTest {

  @Test
  void startsWithTheFormatVersionAndRoundTrips() {
    byte[] bytes = EntityKeyCodec.encode(List.of(STRING, INT64), List.of("u1", -42L));

    assertThat(bytes[0]).isEqualTo((byte) EntityKeyCodec.VERSION);
    assertThat(EntityKeyCodec.decode(bytes)).containsExactly("u1", -42L);
  }

  @Test
  void keepsTheDeclaredJoinKeyOrder() {
    byte[] ab = EntityKeyCodec.encode(List.of(STRING, STRING), List.of("a", "b"));
    byte[] ba = EntityKeyCodec.encode(List.of(STRING, STRING), List.of("b", "a"));

    assertThat(ab).isNotEqualTo(ba);
    assertThat(EntityKeyCodec.decode(ba)).containsExactly("b", "a");
  }

  @Test
  void tellsAStringFromAnInt64WithTheSameDigits() {
    byte[] text = EntityKeyCodec.encode(List.of(STRING), List.of("42"));
    byte[] number = EntityKeyCodec.encode(List.of(INT64), List.of(42L));

    assertThat(text).isNotEqualTo(number);
  }

  @Test
  void keepsStringBoundariesApart() {
    byte[] one = EntityKeyCodec.encode(List.of(STRING, STRING), List.of("ab", "c"));
    byte[] two = EntityKeyCodec.encode(List.of(STRING, STRING), List.of("a", "bc"));

    assertThat(one).isNotEqualTo(two);
  }

  @Test
  void rejectsAMistypedValueNamingItsPosition() {
    assertThatThrownBy(() -> EntityKeyCodec.encode(List.of(STRING, INT64), List.of("u", 7)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("join key 1")
        .hasMessageContaining("INT64")
        .hasMessageContaining("Integer 7");
  }

  @Test
  void rejectsAMissingValueAndNonKeyTypes() {
    assertThatThrownBy(() -> EntityKeyCodec.encode(List.of(STRING, INT64), List.of("u")))
        .hasMessageContaining("expected 2 join-key value(s), got 1");
    assertThatThrownBy(() -> EntityKeyCodec.encode(List.of(ValueType.DOUBLE), List.of(1.0)))
        .hasMessageContaining("DOUBLE is not a key type");
  }

  @Test
  void rejectsAnUnknownFormatVersion() {
    byte[] bytes = EntityKeyCodec.encode(List.of(INT64), List.of(1L));
    bytes[0] = 2;

    assertThatThrownBy(() -> EntityKeyCodec.decode(bytes))
        .hasMessageContaining("unknown entity key format version 2");
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void randomKeysRoundTripAndEncodeDeterministically(long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < 200; i++) {
      List<ValueType> types = new ArrayList<>();
      List<Object> values = new ArrayList<>();
      for (int k = 0; k < 1 + random.nextInt(3); k++) {
        boolean text = random.nextBoolean();
        types.add(text ? STRING : INT64);
        values.add(text ? randomString(random) : random.nextLong() >> random.nextInt(64));
      }
      byte[] bytes = EntityKeyCodec.encode(types, values);

      assertThat(EntityKeyCodec.decode(bytes)).as("seed %d", seed).isEqualTo(values);
      assertThat(EntityKeyCodec.encode(types, List.copyOf(values)))
          .as("seed %d", seed)
          .isEqualTo(bytes);
    }
  }

  private static String randomString(Random random) {
    StringBuilder s = new StringBuilder();
    for (int i = random.nextInt(6); i > 0; i--) {
      s.append(random.nextBoolean() ? (char) ('a' + random.nextInt(26)) : (char) (0x4e00 + i));
    }
    return s.toString();
  }
}
