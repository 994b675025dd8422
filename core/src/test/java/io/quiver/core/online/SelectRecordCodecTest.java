package io.quiver.core.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.core.model.Field;
import io.quiver.core.model.ValueType;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SelectRecordCodecTest {
  static final OnlineSchema V1 =
      new OnlineSchema(
          1,
          List.of(
              new Field("event_count", ValueType.INT32),
              new Field("last_activity", ValueType.TIMESTAMP),
              new Field("ratio", ValueType.FLOAT)));
  // Schema 2 gains a feature in the middle and widens event_count and ratio.
  static final OnlineSchema V2 =
      new OnlineSchema(
          2,
          List.of(
              new Field("event_count", ValueType.INT64),
              new Field("tags", ValueType.STRING_LIST),
              new Field("last_activity", ValueType.TIMESTAMP),
              new Field("ratio", ValueType.DOUBLE)));

  @Test
  void roundTripsHeaderAndValuesIncludingNulls() {
    Instant t = Instant.parse("2024-05-01T10:00:00.123456Z");
    SelectRecord record = new SelectRecord(1, 1_000_000L, 2_000_000L, Arrays.asList(7, t, null));

    byte[] bytes = SelectRecordCodec.encode(V1, record);

    assertThat(bytes[0]).isEqualTo((byte) SelectRecordCodec.VERSION);
    assertThat(SelectRecordCodec.decode(bytes, SchemaLookup.of(V1), V1)).isEqualTo(record);
  }

  @Test
  void decodesAnOldSchemaIntoTheNewOneWithAddedFeaturesNullAndNarrowTypesWidened() {
    byte[] old =
        SelectRecordCodec.encode(
            V1, new SelectRecord(1, 5L, 6L, Arrays.asList(7, Instant.EPOCH, 0.5f)));

    SelectRecord read = SelectRecordCodec.decode(old, SchemaLookup.of(V1, V2), V2);

    assertThat(read.schemaId()).isEqualTo(1);
    assertThat(read.values()).containsExactly(7L, null, Instant.EPOCH, 0.5d);
  }

  @Test
  void dropsStoredFeaturesTheReaderNoLongerAsksFor() {
    OnlineSchema onlyRatio = new OnlineSchema(3, List.of(new Field("ratio", ValueType.FLOAT)));
    byte[] old =
        SelectRecordCodec.encode(V1, new SelectRecord(1, 5L, 6L, Arrays.asList(7, null, 2f)));

    assertThat(SelectRecordCodec.decode(old, SchemaLookup.of(V1), onlyRatio).values())
        .containsExactly(2f);
  }

  @Test
  void rejectsUnknownSchemaIdsAndFormatVersions() {
    byte[] bytes =
        SelectRecordCodec.encode(V1, new SelectRecord(1, 5L, 6L, Arrays.asList(1, null, null)));

    assertThatThrownBy(() -> SelectRecordCodec.decode(bytes, SchemaLookup.of(V2), V2))
        .hasMessageContaining("unknown schema id 1");
    bytes[0] = 9;
    assertThatThrownBy(() -> SelectRecordCodec.decode(bytes, SchemaLookup.of(V1), V1))
        .hasMessageContaining("unknown select record format version 9");
  }

  @Test
  void rejectsValuesThatDoNotFitTheSchema() {
    assertThatThrownBy(
            () -> SelectRecordCodec.encode(V1, new SelectRecord(1, 5L, 6L, Arrays.asList(1, null))))
        .hasMessageContaining("does not fit schema 1");
    assertThatThrownBy(
            () ->
                SelectRecordCodec.encode(
                    V1, new SelectRecord(1, 5L, 6L, Arrays.asList(1L, null, null))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** select_put.lua compares bytes 5..20 unsigned; that must order like (event, created). */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {11, 12, 13, 14, 15})
  void headerBytesCompareLikeEventThenCreated(long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < 500; i++) {
      long e1 = time(random), c1 = time(random), e2 = random.nextInt(4) == 0 ? e1 : time(random);
      long c2 = random.nextInt(4) == 0 ? c1 : time(random);
      int expected = e1 != e2 ? Long.compare(e1, e2) : Long.compare(c1, c2);

      int actual = Arrays.compareUnsigned(header(e1, c1), header(e2, c2));

      assertThat(Integer.signum(actual))
          .as("seed %d: (%d,%d) vs (%d,%d)", seed, e1, c1, e2, c2)
          .isEqualTo(Integer.signum(expected));
    }
  }

  private static long time(Random random) {
    return switch (random.nextInt(3)) {
      case 0 -> random.nextLong();
      case 1 -> random.nextInt(1000) - 500;
      default -> 1_700_000_000_000_000L + random.nextInt(1_000_000);
    };
  }

  private static byte[] header(long event, long created) {
    byte[] bytes =
        SelectRecordCodec.encode(
            V1, new SelectRecord(1, event, created, Arrays.asList(1, null, null)));
    return Arrays.copyOfRange(bytes, 5, 21);
  }
}
