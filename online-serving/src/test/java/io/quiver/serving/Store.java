package io.quiver.serving;

import io.quiver.core.aggregate.Aggregator;
import io.quiver.core.aggregate.Event;
import io.quiver.core.aggregate.PartialAggregate;
import io.quiver.core.aggregate.TileBuilder;
import io.quiver.core.aggregate.TilePayloadCodec;
import io.quiver.core.model.ValueType;
import io.quiver.core.online.EntityKeyCodec;
import io.quiver.core.online.OnlineSchema;
import io.quiver.core.online.RedisCommand;
import io.quiver.core.online.ScriptCall;
import io.quiver.core.online.SelectPut;
import io.quiver.core.online.Tile;
import io.quiver.core.online.TilePut;
import io.quiver.core.value.EpochMicros;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Fills the real Redis the way the materializer does: the layout's own write scripts ({@link
 * SelectPut}, {@link TilePut}) and tile payloads ({@link TileBuilder}, {@link TilePayloadCodec}).
 */
final class Store {
  private final Redis redis;

  Store(Redis redis) {
    this.redis = redis;
  }

  static byte[] user(long id) {
    return EntityKeyCodec.encode(List.of(ValueType.INT64), List.of(id));
  }

  static byte[] country(String code) {
    return EntityKeyCodec.encode(List.of(ValueType.STRING), List.of(code));
  }

  void select(
      String project,
      String view,
      int version,
      OnlineSchema schema,
      byte[] entity,
      Instant eventTime,
      List<Object> values) {
    SelectPut put = new SelectPut(project, view, version, schema, Duration.ofDays(30));
    long t = EpochMicros.of(eventTime);
    run(put.call(entity, t, t, values));
  }

  /** One source row as the aggregations see it. */
  record Row(Instant eventTime, Object userId, Object duration) {}

  /** An aggregation of the view, in its declared order, and the source column it reads. */
  record Agg(Aggregator aggregator, Function<Row, Object> column) {}

  /** Builds whole tiles of every aggregation from {@code rows} and writes them with TilePut. */
  void tiles(
      String project,
      String view,
      int version,
      int schemaId,
      Duration hop,
      Duration largestWindow,
      byte[] entity,
      List<Agg> aggs,
      List<Row> rows) {
    Map<Instant, PartialAggregate[]> byStart = new TreeMap<>();
    Map<Instant, Instant> created = new TreeMap<>();
    for (int i = 0; i < aggs.size(); i++) {
      Agg agg = aggs.get(i);
      List<Event> events =
          rows.stream().map(r -> Event.at(r.eventTime(), agg.column().apply(r))).toList();
      for (var tile : TileBuilder.build(agg.aggregator(), hop, events)) {
        byStart.computeIfAbsent(tile.start(), s -> empties(aggs))[i] = tile.aggregate();
        created.merge(tile.start(), tile.createdTime(), (a, b) -> a.isAfter(b) ? a : b);
      }
    }
    List<Tile> tiles = new ArrayList<>();
    byStart.forEach(
        (start, partials) ->
            tiles.add(
                new Tile(
                    EpochMicros.of(start),
                    schemaId,
                    EpochMicros.of(created.get(start)),
                    TilePayloadCodec.encode(List.of(partials)))));
    run(new TilePut(project, view, version, largestWindow, hop, null).call(entity, tiles));
  }

  private static PartialAggregate[] empties(List<Agg> aggs) {
    return aggs.stream().map(a -> a.aggregator().empty()).toArray(PartialAggregate[]::new);
  }

  void run(ScriptCall call) {
    send(call.eval());
  }

  void send(RedisCommand command) {
    Request r = Request.cmd(Command.create(command.name()));
    command.args().subList(1, command.args().size()).forEach(r::arg);
    try {
      redis.send(r).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Redis write failed", e);
    }
  }
}
