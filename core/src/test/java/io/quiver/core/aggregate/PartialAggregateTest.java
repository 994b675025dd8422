package io.quiver.core.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.core.model.AggregationFunction;
import io.quiver.core.model.ValueType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PartialAggregateTest {
  private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");

  private static Object fold(AggregationFunction f, ValueType column, Event... events) {
    PartialAggregate state = Aggregator.of(f, column).empty();
    for (Event e : events) {
      state.update(e);
    }
    return state.result();
  }

  @ParameterizedTest
  @EnumSource(AggregationFunction.class)
  void finalizesToNullOverNoValuesEvenForCount(AggregationFunction f) {
    assertThat(fold(f, ValueType.INT64)).isNull();
    assertThat(fold(f, ValueType.INT64, Event.at(T, null), Event.at(T.plusSeconds(1), null)))
        .isNull();
  }

  @Test
  void skipsNullsAsSqlDoes() {
    Event[] events = {Event.at(T, 4L), Event.at(T.plusSeconds(1), null), Event.at(T, 2L)};

    assertThat(fold(AggregationFunction.COUNT, ValueType.INT64, events)).isEqualTo(2L);
    assertThat(fold(AggregationFunction.MEAN, ValueType.INT64, events)).isEqualTo(3.0);
    assertThat(fold(AggregationFunction.LAST, ValueType.INT64, events)).isEqualTo(4L);
  }

  @Test
  void sumsIntegersAsInt64AndFloatsAsDouble() {
    assertThat(
            fold(
                AggregationFunction.SUM,
                ValueType.INT32,
                Event.at(T, Integer.MAX_VALUE),
                Event.at(T, 1)))
        .isEqualTo(1L + Integer.MAX_VALUE);
    assertThat(
            fold(AggregationFunction.SUM, ValueType.FLOAT, Event.at(T, 0.5f), Event.at(T, 0.25f)))
        .isEqualTo(0.75);
  }

  @Test
  void ordersFirstAndLastByEventTimeThenCreatedTime() {
    Event original = new Event(T, T, "original");
    Event correction = new Event(T, T.plusSeconds(60), "correction");
    Event earlier = new Event(T.minusSeconds(1), T.plusSeconds(3600), "earlier");

    assertThat(fold(AggregationFunction.LAST, ValueType.STRING, correction, original, earlier))
        .isEqualTo("correction");
    assertThat(fold(AggregationFunction.FIRST, ValueType.STRING, original, correction, earlier))
        .isEqualTo("earlier");
  }

  @Test
  void breaksFullTiesByValueSoRowOrderDoesNotMatter() {
    Event a = new Event(T, T, "a");
    Event b = new Event(T, T, "b");

    assertThat(fold(AggregationFunction.LAST, ValueType.STRING, a, b))
        .isEqualTo(fold(AggregationFunction.LAST, ValueType.STRING, b, a));
    assertThat(fold(AggregationFunction.FIRST, ValueType.STRING, a, b))
        .isEqualTo(fold(AggregationFunction.FIRST, ValueType.STRING, b, a));
  }

  @Test
  void countsDistinctBytesByContent() {
    assertThat(
            fold(
                AggregationFunction.COUNT_DISTINCT,
                ValueType.BYTES,
                Event.at(T, new byte[] {1}),
                Event.at(T, new byte[] {1}),
                Event.at(T, new byte[] {2})))
        .isEqualTo(2L);
  }

  @Test
  void ordersBytesUnsignedForMinAndMax() {
    assertThat(
            (byte[])
                fold(
                    AggregationFunction.MAX,
                    ValueType.BYTES,
                    Event.at(T, new byte[] {1}),
                    Event.at(T, new byte[] {-1})))
        .containsExactly(-1);
  }

  @Test
  void mergeLeavesTheOtherPartialUnchanged() {
    Aggregator distinct = Aggregator.of(AggregationFunction.COUNT_DISTINCT, ValueType.STRING);
    PartialAggregate other = distinct.empty().update(Event.at(T, "x"));

    distinct.empty().update(Event.at(T, "y")).merge(other);

    assertThat(other.result()).isEqualTo(1L);
  }

  @Test
  void refusesToMergeAnotherAggregatorsPartial() {
    PartialAggregate sum = Aggregator.of(AggregationFunction.SUM, ValueType.INT64).empty();
    PartialAggregate mean = Aggregator.of(AggregationFunction.MEAN, ValueType.INT64).empty();

    assertThatThrownBy(() -> sum.merge(mean)).hasMessageContaining("cannot merge");
  }

  @Test
  void rejectsFunctionsThatDoNotFitTheColumnType() {
    assertThatThrownBy(() -> Aggregator.of(AggregationFunction.SUM, ValueType.STRING))
        .hasMessageContaining("sum cannot aggregate a column of type STRING");
    assertThatThrownBy(() -> Aggregator.of(AggregationFunction.MAX, ValueType.FLOAT_LIST))
        .hasMessageContaining("FLOAT_LIST");
    assertThat(
            Aggregator.of(AggregationFunction.LAST, ValueType.FLOAT_LIST)
                .empty()
                .update(Event.at(T, List.of(1f)))
                .result())
        .isEqualTo(List.of(1f));
  }
}
