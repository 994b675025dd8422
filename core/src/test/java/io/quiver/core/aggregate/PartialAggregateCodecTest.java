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

class PartialAggregateCodecTest {
  private static final Instant T = Instant.parse("2024-01-01T00:00:00.123456Z");
  private static final List<Event> EVENTS =
      List.of(
          new Event(T, T.plusSeconds(5), 3),
          new Event(T, T.plusSeconds(9), -7),
          new Event(T.plusSeconds(1), T.plusSeconds(1), null),
          new Event(T.minusSeconds(1), T, Integer.MAX_VALUE));

  private static PartialAggregate folded(Aggregator aggregator) {
    PartialAggregate state = aggregator.empty();
    EVENTS.forEach(state::update);
    return state;
  }

  @ParameterizedTest
  @EnumSource(AggregationFunction.class)
  void roundTripsEveryFunctionsStateAndItsEmptyState(AggregationFunction f) {
    Aggregator aggregator = Aggregator.of(f, ValueType.INT32);
    PartialAggregate state = folded(aggregator);

    byte[] bytes = PartialAggregateCodec.encode(state);
    PartialAggregate decoded = PartialAggregateCodec.decode(bytes, aggregator);

    assertThat(bytes[0]).isEqualTo((byte) PartialAggregateCodec.VERSION);
    assertThat(decoded.result()).isEqualTo(state.result()).isNotNull();
    assertThat(PartialAggregateCodec.encode(decoded)).isEqualTo(bytes);
    PartialAggregate empty =
        PartialAggregateCodec.decode(PartialAggregateCodec.encode(aggregator.empty()), aggregator);
    assertThat(empty.isEmpty()).isTrue();
    assertThat(empty.result()).isNull();
  }

  @ParameterizedTest
  @EnumSource(AggregationFunction.class)
  void decodedStatesKeepMergingLikeTheOriginals(AggregationFunction f) {
    Aggregator aggregator = Aggregator.of(f, ValueType.INT32);
    PartialAggregate decoded =
        PartialAggregateCodec.decode(PartialAggregateCodec.encode(folded(aggregator)), aggregator);

    decoded.merge(folded(aggregator)).update(new Event(T.plusSeconds(60), T.plusSeconds(60), 0));

    PartialAggregate expected = folded(aggregator).merge(folded(aggregator));
    expected.update(new Event(T.plusSeconds(60), T.plusSeconds(60), 0));
    assertThat(decoded.result()).isEqualTo(expected.result());
  }

  @Test
  void readsAnInt32StateAsAnInt64One() {
    byte[] bytes =
        PartialAggregateCodec.encode(
            folded(Aggregator.of(AggregationFunction.MAX, ValueType.INT32)));

    PartialAggregate widened =
        PartialAggregateCodec.decode(
            bytes, Aggregator.of(AggregationFunction.MAX, ValueType.INT64));

    assertThat(widened.result()).isEqualTo((long) Integer.MAX_VALUE);
  }

  @Test
  void keepsFirstAndLastTimesToTheMicrosecond() {
    Aggregator last = Aggregator.of(AggregationFunction.LAST, ValueType.INT32);
    PartialAggregate decoded =
        PartialAggregateCodec.decode(PartialAggregateCodec.encode(folded(last)), last);

    decoded.update(new Event(T, T.plusSeconds(8), 100));

    assertThat(decoded.result()).isEqualTo(-7);
  }

  @Test
  void rejectsAnotherFunctionsBytesAndUnknownVersions() {
    byte[] count =
        PartialAggregateCodec.encode(
            folded(Aggregator.of(AggregationFunction.COUNT, ValueType.INT32)));
    Aggregator sum = Aggregator.of(AggregationFunction.SUM, ValueType.INT32);

    assertThatThrownBy(() -> PartialAggregateCodec.decode(count, sum))
        .hasMessageContaining("not sum");
    count[0] = 9;
    assertThatThrownBy(
            () ->
                PartialAggregateCodec.decode(
                    count, Aggregator.of(AggregationFunction.COUNT, ValueType.INT32)))
        .hasMessageContaining("version 9");
  }
}
