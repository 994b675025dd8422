package io.quiver.core.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.core.model.ValueType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValuesTest {

  @Test
  void checkAcceptsCanonicalValuesAndNull() {
    assertThat(Values.check(ValueType.INT32, 5)).isEqualTo(5);
    assertThat(Values.check(ValueType.STRING_LIST, List.of("a"))).isEqualTo(List.of("a"));
    assertThat(Values.check(ValueType.BYTES, null)).isNull();
  }

  @Test
  void checkRejectsOtherJavaTypesNamingTypeAndValue() {
    assertThatThrownBy(() -> Values.check(ValueType.INT32, 5L))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("INT32")
        .hasMessageContaining("'5' of Java type Long");
  }

  @Test
  void checkRejectsListsWithNullOrForeignElements() {
    assertThatThrownBy(() -> Values.check(ValueType.INT64_LIST, Arrays.asList(1L, null)))
        .hasMessageContaining("INT64_LIST");
    assertThatThrownBy(() -> Values.check(ValueType.FLOAT_LIST, List.of(1.0)))
        .hasMessageContaining("Float");
  }

  @Test
  void checkCopiesListsUnmodifiable() {
    List<String> mutable = new ArrayList<>(List.of("a"));
    Object checked = Values.check(ValueType.STRING_LIST, mutable);
    mutable.add("b");

    assertThat(checked).isEqualTo(List.of("a"));
    assertThatThrownBy(() -> ((List<?>) checked).clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void checkTruncatesTimestampsToMicrosecondsAlsoBeforeTheEpoch() {
    assertThat(Values.check(ValueType.TIMESTAMP, Instant.ofEpochSecond(-1, 999_999_999)))
        .isEqualTo(Instant.ofEpochSecond(-1, 999_999_000));
    assertThatThrownBy(() -> Values.check(ValueType.TIMESTAMP, Instant.MAX))
        .hasMessageContaining("microsecond range");
  }

  @Test
  void coercesJsonNumbersExactlyIntoIntegers() {
    assertThat(Values.coerce(ValueType.INT64, 3.0)).isEqualTo(3L);
    assertThat(Values.coerce(ValueType.INT64, new BigInteger("9223372036854775807")))
        .isEqualTo(Long.MAX_VALUE);
    assertThat(Values.coerce(ValueType.INT32, " -12 ")).isEqualTo(-12);
    assertThat(Values.coerce(ValueType.INT32, 7L)).isEqualTo(7);
  }

  @Test
  void refusesLossyIntegerCoercion() {
    assertThatThrownBy(() -> Values.coerce(ValueType.INT32, 3.5))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("INT32")
        .hasMessageContaining("3.5");
    assertThatThrownBy(() -> Values.coerce(ValueType.INT32, 1L << 40))
        .hasMessageContaining("INT32");
    assertThatThrownBy(() -> Values.coerce(ValueType.INT64, "12abc")).hasMessageContaining("12abc");
  }

  @Test
  void coercesNumbersAndTextIntoFloatingPoint() {
    assertThat(Values.coerce(ValueType.DOUBLE, 2)).isEqualTo(2.0);
    assertThat(Values.coerce(ValueType.DOUBLE, new BigDecimal("0.5"))).isEqualTo(0.5);
    assertThat(Values.coerce(ValueType.FLOAT, "1.25")).isEqualTo(1.25f);
    assertThatThrownBy(() -> Values.coerce(ValueType.FLOAT, 1e300)).hasMessageContaining("FLOAT");
  }

  @Test
  void coercesBooleansOnlyFromBooleansAndTheirNames() {
    assertThat(Values.coerce(ValueType.BOOL, "TRUE")).isEqualTo(true);
    assertThatThrownBy(() -> Values.coerce(ValueType.BOOL, "yes")).hasMessageContaining("BOOL");
    assertThatThrownBy(() -> Values.coerce(ValueType.BOOL, 1)).hasMessageContaining("BOOL");
  }

  @Test
  void coercesIsoTextAndJavaTimeIntoUtcMicrosecondInstants() {
    Instant expected = Instant.parse("2024-03-01T10:00:00.123456Z");

    assertThat(Values.coerce(ValueType.TIMESTAMP, "2024-03-01T10:00:00.123456789Z"))
        .isEqualTo(expected);
    assertThat(Values.coerce(ValueType.TIMESTAMP, "2024-03-01T12:00:00.123456+02:00"))
        .isEqualTo(expected);
    assertThat(Values.coerce(ValueType.TIMESTAMP, "2024-03-01 10:00:00.123456"))
        .isEqualTo(expected);
    assertThat(
            Values.coerce(ValueType.TIMESTAMP, LocalDateTime.parse("2024-03-01T10:00:00.123456")))
        .isEqualTo(expected);
    assertThat(
            Values.coerce(ValueType.TIMESTAMP, OffsetDateTime.parse("2024-03-01T10:00:00.123456Z")))
        .isEqualTo(expected);
    assertThatThrownBy(() -> Values.coerce(ValueType.TIMESTAMP, "yesterday"))
        .hasMessageContaining("TIMESTAMP")
        .hasMessageContaining("yesterday");
  }

  @Test
  void coercesBase64AndBuffersIntoBytes() {
    assertThat((byte[]) Values.coerce(ValueType.BYTES, "AAH/")).containsExactly(0, 1, -1);
    assertThat((byte[]) Values.coerce(ValueType.BYTES, ByteBuffer.wrap(new byte[] {4})))
        .containsExactly(4);
  }

  @Test
  void coercesCollectionsAndArraysIntoLists() {
    assertThat(Values.coerce(ValueType.FLOAT_LIST, List.of(1, 2.5))).isEqualTo(List.of(1f, 2.5f));
    assertThat(Values.coerce(ValueType.INT64_LIST, new int[] {1, 2})).isEqualTo(List.of(1L, 2L));
    assertThat(Values.coerce(ValueType.DOUBLE_LIST, new float[] {0.5f})).isEqualTo(List.of(0.5));
    assertThatThrownBy(() -> Values.coerce(ValueType.STRING_LIST, Arrays.asList("a", null)))
        .hasMessageContaining("STRING_LIST");
    assertThatThrownBy(() -> Values.coerce(ValueType.STRING_LIST, "a"))
        .hasMessageContaining("STRING_LIST");
  }

  @Test
  void doesNotTurnNumbersIntoStrings() {
    assertThatThrownBy(() -> Values.coerce(ValueType.STRING, 5))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("STRING");
  }
}
