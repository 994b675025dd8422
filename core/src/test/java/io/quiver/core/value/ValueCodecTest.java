package io.quiver.core.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.core.model.ValueType;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ValueCodecTest {

  static Stream<Arguments> samples() {
    return Stream.of(
        Arguments.of(ValueType.BOOL, true),
        Arguments.of(ValueType.BOOL, false),
        Arguments.of(ValueType.INT32, 0),
        Arguments.of(ValueType.INT32, -1),
        Arguments.of(ValueType.INT32, Integer.MIN_VALUE),
        Arguments.of(ValueType.INT32, Integer.MAX_VALUE),
        Arguments.of(ValueType.INT64, Long.MIN_VALUE),
        Arguments.of(ValueType.INT64, Long.MAX_VALUE),
        Arguments.of(ValueType.INT64, 300L),
        Arguments.of(ValueType.FLOAT, Float.NaN),
        Arguments.of(ValueType.FLOAT, -0.0f),
        Arguments.of(ValueType.FLOAT, Float.MIN_VALUE),
        Arguments.of(ValueType.FLOAT, Float.NEGATIVE_INFINITY),
        Arguments.of(ValueType.DOUBLE, Double.MAX_VALUE),
        Arguments.of(ValueType.DOUBLE, Double.NaN),
        Arguments.of(ValueType.DOUBLE, 0.1),
        Arguments.of(ValueType.STRING, ""),
        Arguments.of(ValueType.STRING, "héllo wörld ✓ 日本語 \uD83D\uDE80 \u0000"),
        Arguments.of(ValueType.BYTES, new byte[0]),
        Arguments.of(ValueType.BYTES, new byte[] {0, -1, 127, -128}),
        Arguments.of(ValueType.TIMESTAMP, Instant.parse("2024-02-29T23:59:59.999999Z")),
        Arguments.of(ValueType.TIMESTAMP, Instant.parse("1900-01-01T00:00:00.000001Z")),
        Arguments.of(ValueType.TIMESTAMP, EpochMicros.toInstant(Long.MIN_VALUE)),
        Arguments.of(ValueType.TIMESTAMP, EpochMicros.toInstant(Long.MAX_VALUE)),
        Arguments.of(ValueType.FLOAT_LIST, List.of()),
        Arguments.of(ValueType.FLOAT_LIST, List.of(1.5f, -0.0f, Float.MAX_VALUE)),
        Arguments.of(ValueType.DOUBLE_LIST, List.of(Double.MIN_VALUE, 1e300, -2.0)),
        Arguments.of(ValueType.INT64_LIST, List.of(Long.MIN_VALUE, 0L, Long.MAX_VALUE)),
        Arguments.of(ValueType.STRING_LIST, List.of("", "ä", "\uD83D\uDE80")));
  }

  @ParameterizedTest
  @MethodSource("samples")
  void roundTripsEveryTypeIncludingExtremes(ValueType type, Object value) {
    byte[] bytes = ValueCodec.encode(type, value);

    assertThat(bytes[0]).isEqualTo((byte) ValueCodec.VERSION);
    assertThat(ValueCodec.decode(bytes, type)).isEqualTo(value);
  }

  @ParameterizedTest
  @EnumSource(ValueType.class)
  void roundTripsNullForEveryType(ValueType type) {
    byte[] bytes = ValueCodec.encode(type, null);

    assertThat(bytes).containsExactly(1, 0);
    assertThat(ValueCodec.decode(bytes, type)).isNull();
  }

  @Test
  void encodesSmallIntegersCompactly() {
    assertThat(ValueCodec.encode(ValueType.INT64, -1L)).containsExactly(1, 3, 1);
    assertThat(ValueCodec.encode(ValueType.INT32, 64)).containsExactly(1, 2, 0x80, 1);
  }

  @Test
  void widensInt32ToInt64AndFloatToDoubleOnRead() {
    assertThat(ValueCodec.decode(ValueCodec.encode(ValueType.INT32, 7), ValueType.INT64))
        .isEqualTo(7L);
    assertThat(ValueCodec.decode(ValueCodec.encode(ValueType.FLOAT, 1.5f), ValueType.DOUBLE))
        .isEqualTo(1.5);
  }

  @Test
  void refusesToNarrowOrChangeTypeOnRead() {
    byte[] int64 = ValueCodec.encode(ValueType.INT64, 7L);

    assertThatThrownBy(() -> ValueCodec.decode(int64, ValueType.INT32))
        .hasMessageContaining("INT64 cannot be read as INT32");
    assertThatThrownBy(() -> ValueCodec.decode(int64, ValueType.STRING))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsUnknownVersionsTruncationAndTrailingBytes() {
    byte[] ok = ValueCodec.encode(ValueType.STRING, "abc");

    assertThatThrownBy(() -> ValueCodec.decode(new byte[] {2, 0}, ValueType.STRING))
        .hasMessageContaining("version 2");
    assertThatThrownBy(() -> ValueCodec.decode(java.util.Arrays.copyOf(ok, 4), ValueType.STRING))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> ValueCodec.decode(java.util.Arrays.copyOf(ok, ok.length + 1), ValueType.STRING))
        .hasMessageContaining("trailing");
  }

  @Test
  void truncatesTimestampsToMicrosecondsWhenEncoding() {
    Instant nanos = Instant.parse("2024-01-01T00:00:00.123456789Z");

    assertThat(
            ValueCodec.decode(ValueCodec.encode(ValueType.TIMESTAMP, nanos), ValueType.TIMESTAMP))
        .isEqualTo(Instant.parse("2024-01-01T00:00:00.123456Z"));
  }

  @Test
  void refusesToEncodeAValueOfAnotherType() {
    assertThatThrownBy(() -> ValueCodec.encode(ValueType.INT64, 7))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("INT64")
        .hasMessageContaining("'7'");
  }
}
