package io.quiver.materializer;

import static io.quiver.materializer.UserFeaturesOracle.rounded;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.core.aggregate.Aggregator;
import io.quiver.core.aggregate.PartialAggregate;
import io.quiver.core.aggregate.PartialAggregateCodec;
import io.quiver.core.aggregate.TilePayloadCodec;
import io.quiver.core.model.AggregationFunction;
import io.quiver.core.model.ValueType;
import io.quiver.core.online.TileCodec;
import io.quiver.materializer.UserFeaturesOracle.Expected;
import io.quiver.offline.IcebergOfflineStore;
import io.quiver.offline.TableNames;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.parquet.Parquet;

/**
 * What Redis and Iceberg hold for the seed's user_features (v1, users 1..25), read through the
 * documented layouts and merged per user, for comparison with {@link UserFeaturesOracle}.
 */
final class UserFeaturesStores {
  private UserFeaturesStores() {}

  static final List<Aggregator> AGGREGATORS =
      List.of(
          Aggregator.of(AggregationFunction.MAX, ValueType.TIMESTAMP),
          Aggregator.of(AggregationFunction.COUNT, ValueType.INT64),
          Aggregator.of(AggregationFunction.MEAN, ValueType.DOUBLE),
          Aggregator.of(AggregationFunction.SUM, ValueType.DOUBLE));

  static Map<Long, Expected> redisValues(Redis redis, String project) throws Exception {
    Map<Long, Expected> out = new TreeMap<>();
    for (long user = 1; user <= 25; user++) {
      Response hash =
          redis
              .send(Request.cmd(io.vertx.redis.client.Command.HGETALL).arg(key(project, user)))
              .toCompletionStage()
              .toCompletableFuture()
              .get();
      if (hash == null || hash.getKeys().isEmpty()) {
        continue;
      }
      List<List<PartialAggregate>> tiles = new ArrayList<>();
      for (String field : hash.getKeys()) {
        byte[] value = hash.get(field).toBytes();
        var tile = TileCodec.decode(field.getBytes(), value);
        tiles.add(TilePayloadCodec.decode(tile.payload(), AGGREGATORS));
      }
      out.put(user, merge(tiles));
    }
    return rounded(out);
  }

  static Map<Long, Expected> icebergValues(IcebergOfflineStore offline, String project) {
    Table table = offline.catalog().loadTable(TableNames.feature(project, "user_features", 1));
    Map<String, Record> current = new HashMap<>(); // (user, tile_start) -> row of newest snapshot
    List<Snapshot> snapshots = new ArrayList<>();
    table.snapshots().forEach(snapshots::add);
    snapshots.sort(Comparator.comparingLong(Snapshot::sequenceNumber));
    for (Snapshot s : snapshots) {
      Set<String> inThisSnapshot = new HashSet<>();
      for (DataFile file : s.addedDataFiles(table.io())) {
        for (Record r : read(table, file)) {
          String key = r.getField("user_id") + "@" + r.getField("tile_start");
          assertThat(inThisSnapshot.add(key)).as("tile %s twice in one append", key).isTrue();
          current.put(key, r.copy());
        }
      }
    }
    Map<Long, List<List<PartialAggregate>>> byUser = new TreeMap<>();
    String[] columns = {
      "last_activity", "event_count", "avg_session_duration", "total_session_time"
    };
    for (Record r : current.values()) {
      List<PartialAggregate> partials = new ArrayList<>();
      for (int i = 0; i < columns.length; i++) {
        ByteBuffer b = (ByteBuffer) r.getField(columns[i]);
        byte[] bytes = new byte[b.remaining()];
        b.duplicate().get(bytes);
        partials.add(PartialAggregateCodec.decode(bytes, AGGREGATORS.get(i)));
      }
      byUser.computeIfAbsent((Long) r.getField("user_id"), k -> new ArrayList<>()).add(partials);
    }
    Map<Long, Expected> out = new TreeMap<>();
    byUser.forEach((user, tiles) -> out.put(user, merge(tiles)));
    return rounded(out);
  }

  private static Iterable<Record> read(Table table, DataFile file) {
    try (CloseableIterable<Record> records =
        Parquet.read(table.io().newInputFile(file.location()))
            .project(table.schema())
            .createReaderFunc(s -> GenericParquetReaders.buildReader(table.schema(), s))
            .build()) {
      List<Record> out = new ArrayList<>();
      records.forEach(r -> out.add(((GenericRecord) r).copy()));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Expected merge(List<List<PartialAggregate>> tiles) {
    List<PartialAggregate> total = new ArrayList<>();
    for (Aggregator a : AGGREGATORS) {
      total.add(a.empty());
    }
    for (List<PartialAggregate> tile : tiles) {
      for (int i = 0; i < total.size(); i++) {
        total.get(i).merge(tile.get(i));
      }
    }
    return new Expected(
        (Instant) total.get(0).result(),
        (Long) total.get(1).result(),
        (Double) total.get(2).result(),
        (Double) total.get(3).result());
  }

  /** The online key, built by hand from the documented layout (entity key v1, INT64 tag 2). */
  static byte[] key(String project, long user) {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    b.write(1);
    b.write(1);
    b.write(2);
    long zigzag = (user << 1) ^ (user >> 63);
    while ((zigzag & ~0x7FL) != 0) {
      b.write((int) ((zigzag & 0x7F) | 0x80));
      zigzag >>>= 7;
    }
    b.write((int) zigzag);
    String entity = Base64.getUrlEncoder().withoutPadding().encodeToString(b.toByteArray());
    return ("q:" + project + ":user_features:1:{" + entity + "}").getBytes();
  }
}
