package io.quiver.serving;

import io.quarkus.grpc.GrpcClient;
import io.quiver.common.registry.RegistryClient;
import io.quiver.common.registry.ViewVersion;
import io.quiver.core.aggregate.Aggregator;
import io.quiver.core.model.AggregationFunction;
import io.quiver.core.model.ValueType;
import io.quiver.core.online.OnlineSchema;
import io.quiver.proto.serving.v1.EntityRow;
import io.quiver.proto.serving.v1.FeatureList;
import io.quiver.proto.serving.v1.GetOnlineFeaturesRequest;
import io.quiver.proto.serving.v1.GetOnlineFeaturesResponse;
import io.quiver.proto.serving.v1.OnlineServingGrpc;
import io.quiver.proto.types.v1.Value;
import io.vertx.redis.client.Redis;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** What every serving test needs: a fresh project, the real registry and Redis, a gRPC stub. */
abstract class ServingTestBase {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  @GrpcClient("serving")
  OnlineServingGrpc.OnlineServingBlockingStub serving;

  @Inject Redis redis;
  @Inject TestClock clock;

  @ConfigProperty(name = "quiver.registry-url")
  URI registryUrl;

  String p;
  Registry registry;
  Store store;

  @BeforeEach
  void newProject() {
    p = Registry.newProject();
    registry = new Registry(registryUrl);
    store = new Store(redis);
    clock.set(NOW);
  }

  @AfterEach
  void systemClock() {
    clock.reset();
  }

  ViewVersion version(String view, int version) {
    return new RegistryClient(registryUrl).fetch(p).version(view, version).orElseThrow();
  }

  OnlineSchema schema(String view, int version) {
    ViewVersion v = version(view, version);
    return new OnlineSchema(v.schemaId(), v.features());
  }

  /** The seed's user_features aggregations, in declared order, over Store.Row columns. */
  static List<Store.Agg> userFeatures() {
    return List.of(
        new Store.Agg(
            Aggregator.of(AggregationFunction.MAX, ValueType.TIMESTAMP), Store.Row::eventTime),
        new Store.Agg(Aggregator.of(AggregationFunction.COUNT, ValueType.INT64), Store.Row::userId),
        new Store.Agg(
            Aggregator.of(AggregationFunction.MEAN, ValueType.DOUBLE), Store.Row::duration),
        new Store.Agg(
            Aggregator.of(AggregationFunction.SUM, ValueType.DOUBLE), Store.Row::duration));
  }

  void userFeatureTiles(long user, List<Store.Row> rows) {
    store.tiles(
        p,
        "user_features",
        1,
        version("user_features", 1).schemaId(),
        Duration.ofHours(1),
        null,
        Store.user(user),
        userFeatures(),
        rows);
  }

  GetOnlineFeaturesResponse refs(List<String> refs, EntityRow... rows) {
    return serving.getOnlineFeatures(
        GetOnlineFeaturesRequest.newBuilder()
            .setProject(p)
            .setFeatureList(FeatureList.newBuilder().addAllRefs(refs))
            .addAllEntityRows(List.of(rows))
            .build());
  }

  GetOnlineFeaturesResponse service(String name, EntityRow... rows) {
    return serving.getOnlineFeatures(
        GetOnlineFeaturesRequest.newBuilder()
            .setProject(p)
            .setFeatureService(name)
            .addAllEntityRows(List.of(rows))
            .build());
  }

  static EntityRow userRow(long id) {
    return row("user_id", Value.newBuilder().setInt64Val(id).build());
  }

  static EntityRow row(String key, Value value) {
    return EntityRow.newBuilder().putJoinKeys(key, value).build();
  }

  static Value str(String s) {
    return Value.newBuilder().setStringVal(s).build();
  }

  static long micros(Duration d) {
    return d.toNanos() / 1_000;
  }

  static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000;
  }
}
