package io.quiver.core.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.core.model.AggregationFunction;
import io.quiver.core.model.ValueType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TilePayloadCodecTest {
  private static final Aggregator COUNT = Aggregator.of(AggregationFunction.COUNT, ValueType.INT64);
  private static final Aggregator MEAN = Aggregator.of(AggregationFunction.MEAN, ValueType.DOUBLE);
  private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");

  @Test
  void roundTripsEveryAggregationInViewOrder() {
    PartialAggregate count = COUNT.empty().update(Event.at(T, 7L)).update(Event.at(T, 8L));
    PartialAggregate mean = MEAN.empty().update(Event.at(T, 1.0)).update(Event.at(T, 2.0));

    byte[] bytes = TilePayloadCodec.encode(List.of(count, mean));
    List<PartialAggregate> back = TilePayloadCodec.decode(bytes, List.of(COUNT, MEAN));

    assertThat(back.get(0).result()).isEqualTo(2L);
    assertThat(back.get(1).result()).isEqualTo(1.5);
    assertThat(TilePayloadCodec.encode(back)).isEqualTo(bytes);
  }

  @Test
  void keepsAnEmptyPartialAsEmpty() {
    byte[] bytes = TilePayloadCodec.encode(List.of(COUNT.empty()));
    assertThat(TilePayloadCodec.decode(bytes, List.of(COUNT)).get(0).isEmpty()).isTrue();
  }

  @Test
  void refusesAPayloadOfAnotherAggregationList() {
    byte[] bytes = TilePayloadCodec.encode(List.of(COUNT.empty()));
    assertThatThrownBy(() -> TilePayloadCodec.decode(bytes, List.of(COUNT, MEAN)))
        .hasMessageContaining("holds 1 aggregate(s), the view has 2");
    assertThatThrownBy(() -> TilePayloadCodec.decode(new byte[] {9}, List.of(COUNT)))
        .hasMessageContaining("version 9");
  }
}
