package io.quiver.materializer;

import static io.quiver.materializer.TestData.UserEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quiver.core.aggregate.Aggregator;
import io.quiver.core.aggregate.PartialAggregate;
import io.quiver.core.aggregate.PartialAggregateCodec;
import io.quiver.core.aggregate.TilePayloadCodec;
import io.quiver.core.model.AggregationFunction;
import io.quiver.core.model.ValueType;
import io.quiver.core.online.TileCodec;
import io.quiver.devstack.RegistryTestResource;
import io.quiver.offline.IcebergOfflineStore;
import io.quiver.offline.TableNames;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The seed's user_features from user_events Parquet files, two incremental runs with new and late
 * events (and an exact duplicate) between them: Redis and Iceberg must hold exactly what a
 * brute-force computation over all distinct events gives.
 */
@QuarkusTest
@WithTestResource(
    value = RegistryTestResource.class,
    initArgs = @ResourceArg(name = "components", value = "postgres,redis"))
class UserFeaturesMaterializationTest {
  static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");
  static final List<Aggregator> AGGREGATORS =
      List.of(
          Aggregator.of(AggregationFunction.MAX, ValueType.TIMESTAMP),
          Aggregator.of(AggregationFunction.COUNT, ValueType.INT64),
          Aggregator.of(AggregationFunction.MEAN, ValueType.DOUBLE),
          Aggregator.of(AggregationFunction.SUM, ValueType.DOUBLE));

  @ConfigProperty(name = "quiver.registry-url")
  String registry;

  @Inject Redis redis;
  @Inject IcebergOfflineStore offline;

  /** The oracle's answer for one user: SPEC's lifetime aggregates over distinct events. */
  record Expected(Instant lastActivity, Long eventCount, Double avgSession, Double totalSession) {}

  @Test
  void twoRunsWithNewAndLateEventsMatchBruteForce() throws Exception {
    String project = TestData.project();
    Path dir = Files.createTempDirectory("user_events");
    TestData.apply(
        registry,
        project,
        TestData.userEntity(),
        TestData.userEvents(dir + "/*.parquet", "PARQUET"),
        TestData.userFeatures());
    Random random = new Random(42);
    List<UserEvent> first = events(random, 400, T0, Duration.ofDays(2));
    TestData.writeParquet(dir.resolve("part-1.parquet"), first);

    Map<String, Object> run1 =
        TestData.materialize(project, "user_features", "{\"mode\":\"incremental\"}");
    assertThat(run1.get("status")).as("run 1: %s", run1).isEqualTo("SUCCEEDED");
    assertThat(((Number) run1.get("rowsRead")).longValue()).isEqualTo(400);

    List<UserEvent> second =
        new ArrayList<>(events(random, 200, T0.plus(Duration.ofDays(2)), Duration.ofDays(1)));
    second.addAll(events(random, 60, T0, Duration.ofDays(2))); // late: in hops run 1 wrote
    second.add(first.get(7)); // an exact duplicate of an event already materialized
    TestData.writeParquet(dir.resolve("part-2.parquet"), second);

    Map<String, Object> run2 = TestData.materialize(project, "user_features", "{}");
    assertThat(run2.get("status")).as("run 2: %s", run2).isEqualTo("SUCCEEDED");
    assertThat(((Number) run2.get("rowsRead")).longValue()).isEqualTo(261);

    List<UserEvent> all = new ArrayList<>(first);
    all.addAll(second);
    Map<Long, Expected> expected = oracle(all);
    assertThat(redisValues(project)).isEqualTo(rounded(expected));
    assertThat(icebergValues(project)).isEqualTo(rounded(expected));
    assertCuratedHoldsEachDistinctEventOnce(project, all);

    Map<String, Object> run3 = TestData.materialize(project, "user_features", "{}");
    assertThat(run3.get("status")).isEqualTo("SUCCEEDED");
    assertThat(((Number) run3.get("rowsRead")).longValue()).isZero();
    assertThat(redisValues(project)).isEqualTo(rounded(expected));
  }

  static List<UserEvent> events(Random r, int n, Instant from, Duration span) {
    List<UserEvent> out = new ArrayList<>();
    String[] types = {"click", "view", "purchase"};
    for (int i = 0; i < n; i++) {
      long offsetMicros = (long) (r.nextDouble() * span.toSeconds() * 1_000_000L);
      Instant t = from.plusNanos(offsetMicros * 1000);
      Double session = r.nextInt(50) == 0 ? null : Math.round(r.nextDouble() * 6000) / 10.0;
      out.add(new UserEvent(1 + r.nextInt(25), t, types[r.nextInt(3)], session));
    }
    return out;
  }

  /** Brute force, in plain Java: per user over distinct events, max/count/mean/sum. */
  static Map<Long, Expected> oracle(List<UserEvent> events) {
    Map<Long, Expected> out = new TreeMap<>();
    Map<Long, List<UserEvent>> byUser = new HashMap<>();
    for (UserEvent e : new LinkedHashSet<>(events)) {
      byUser.computeIfAbsent(e.userId(), k -> new ArrayList<>()).add(e);
    }
    byUser.forEach(
        (user, list) -> {
          Instant last =
              list.stream().map(UserEvent::eventTime).max(Comparator.naturalOrder()).orElseThrow();
          List<Double> sessions =
              list.stream().map(UserEvent::sessionDuration).filter(d -> d != null).toList();
          double sum = 0;
          for (double d : sessions) {
            sum += d;
          }
          out.put(
              user,
              new Expected(
                  last,
                  (long) list.size(),
                  sessions.isEmpty() ? null : sum / sessions.size(),
                  sessions.isEmpty() ? null : sum));
        });
    return out;
  }

  /** Doubles to 6 decimals: the stores may sum in another order than the oracle. */
  static Map<Long, Expected> rounded(Map<Long, Expected> values) {
    Map<Long, Expected> out = new TreeMap<>();
    values.forEach(
        (k, v) ->
            out.put(
                k,
                new Expected(
                    v.lastActivity(),
                    v.eventCount(),
                    round(v.avgSession()),
                    round(v.totalSession()))));
    return out;
  }

  private static Double round(Double d) {
    return d == null ? null : Math.round(d * 1e6) / 1e6;
  }

  private Map<Long, Expected> redisValues(String project) throws Exception {
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

  private Map<Long, Expected> icebergValues(String project) {
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

  private void assertCuratedHoldsEachDistinctEventOnce(String project, List<UserEvent> all) {
    List<Map<String, Object>> rows = offline.scan(TableNames.curated(project, "user_events"), null);
    Set<List<Object>> distinct = new HashSet<>();
    for (Map<String, Object> r : rows) {
      assertThat(distinct.add(List.copyOf(r.entrySet())))
          .as("duplicate curated row %s", r)
          .isTrue();
    }
    assertThat(rows).hasSize(new HashSet<>(all).size());
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
