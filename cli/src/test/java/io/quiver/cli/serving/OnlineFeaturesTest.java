package io.quiver.cli.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.quiver.cli.CliException;
import io.quiver.cli.Endpoints;
import io.quiver.proto.serving.v1.FeatureColumn;
import io.quiver.proto.serving.v1.FeatureStatus;
import io.quiver.proto.serving.v1.GetOnlineFeaturesRequest;
import io.quiver.proto.serving.v1.GetOnlineFeaturesResponse;
import io.quiver.proto.serving.v1.OnlineServingGrpc;
import io.quiver.proto.serving.v1.ServedView;
import io.quiver.proto.types.v1.ValueType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The CLI's side of GetOnlineFeatures against a real gRPC server on a free port. */
class OnlineFeaturesTest {
  private static final long T = 1_700_000_000_123_456L;
  private final AtomicReference<GetOnlineFeaturesRequest> received = new AtomicReference<>();
  private Server server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.shutdownNow();
    }
  }

  @Test
  void sendsTypedRowsAndPrintsValueStatusAndAgePerFeature() throws Exception {
    FeatureColumn count =
        FeatureColumn.newBuilder()
            .setName("user_activity:event_count")
            .setType(ValueType.VALUE_TYPE_INT64)
            .addAllInt64Values(List.of(12L, 0L))
            .addAllStatuses(List.of(FeatureStatus.PRESENT, FeatureStatus.NOT_FOUND))
            .build();
    FeatureColumn last =
        FeatureColumn.newBuilder()
            .setName("user_activity:last_activity")
            .setView(1)
            .setType(ValueType.VALUE_TYPE_TIMESTAMP)
            .addAllInt64Values(List.of(T, 0L))
            .addAllStatuses(List.of(FeatureStatus.OUTSIDE_MAX_AGE, FeatureStatus.NULL_VALUE))
            .build();
    ServedView counts =
        ServedView.newBuilder()
            .addAllEventTimeMicros(List.of(T, 0L))
            .addAllAgeMicros(List.of(3_723_000_000L, 0L))
            .build();
    ServedView lasts =
        ServedView.newBuilder()
            .addAllEventTimeMicros(List.of(T, T))
            .addAllAgeMicros(List.of(2 * 86_400_000_000L + 3_600_000_000L, 850_000L))
            .build();
    start(
        answering(
            GetOnlineFeaturesResponse.newBuilder()
                .addFeatures(count)
                .addFeatures(last)
                .addViews(counts)
                .addViews(lasts)));
    Map<String, Object> second = new LinkedHashMap<>();
    second.put("user_id", "u-2");
    second.put("region", "eu");

    String out = show(List.of(Map.of("user_id", 1L), second));

    assertThat(received.get().getProject()).isEqualTo("demo");
    assertThat(received.get().getFeatureService()).isEqualTo("user_activity");
    assertThat(received.get().getEntityRows(0).getJoinKeysOrThrow("user_id").getInt64Val())
        .isEqualTo(1L);
    assertThat(received.get().getEntityRows(1).getJoinKeysOrThrow("user_id").getStringVal())
        .isEqualTo("u-2");
    assertThat(out.lines())
        .containsExactly(
            "  user_id=1 | event_count=12 (PRESENT, age 1h02m)"
                + " last_activity=2023-11-14T22:13:20.123456Z (OUTSIDE_MAX_AGE, age 2d01h)",
            "  user_id=u-2 region=eu | event_count=null (NOT_FOUND)"
                + " last_activity=null (NULL_VALUE, age 850ms)");
  }

  @Test
  void aServerErrorIsOneLineWithItsMessage() throws Exception {
    start(
        new OnlineServingGrpc.OnlineServingImplBase() {
          @Override
          public void getOnlineFeatures(
              GetOnlineFeaturesRequest request, StreamObserver<GetOnlineFeaturesResponse> answer) {
            answer.onError(
                Status.NOT_FOUND
                    .withDescription("unknown feature service 'user_activity'\nin project demo")
                    .asRuntimeException());
          }
        });

    assertThatThrownBy(() -> show(List.of(Map.of("user_id", 1L))))
        .isInstanceOf(CliException.class)
        .hasMessage("online serving: unknown feature service 'user_activity'");
  }

  @Test
  void nothingListeningSaysWhereItLooked() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Endpoints endpoints = endpoints("127.0.0.1:" + port);

    assertThatThrownBy(() -> show(endpoints, List.of(Map.of("user_id", 1L))))
        .isInstanceOf(CliException.class)
        .hasMessageStartingWith("cannot reach online serving (gRPC) at 127.0.0.1:" + port);
  }

  @Test
  void aMalformedAddressIsNamed() {
    assertThatThrownBy(() -> new OnlineServingClient("6566"))
        .isInstanceOf(CliException.class)
        .hasMessage("QUIVER_ONLINE_SERVING_GRPC must be host:port, not '6566'");
  }

  private OnlineServingGrpc.OnlineServingImplBase answering(
      GetOnlineFeaturesResponse.Builder response) {
    return new OnlineServingGrpc.OnlineServingImplBase() {
      @Override
      public void getOnlineFeatures(
          GetOnlineFeaturesRequest request, StreamObserver<GetOnlineFeaturesResponse> answer) {
        received.set(request);
        answer.onNext(response.build());
        answer.onCompleted();
      }
    };
  }

  private void start(OnlineServingGrpc.OnlineServingImplBase service) throws Exception {
    server = ServerBuilder.forPort(0).addService(service).build().start();
  }

  private String show(List<Map<String, Object>> rows) {
    return show(endpoints("127.0.0.1:" + server.getPort()), rows);
  }

  private static String show(Endpoints endpoints, List<Map<String, Object>> rows) {
    StringWriter text = new StringWriter();
    OnlineFeatures.show(
        endpoints,
        GetOnlineFeaturesRequest.newBuilder().setProject("demo").setFeatureService("user_activity"),
        rows,
        new PrintWriter(text));
    return text.toString();
  }

  private static Endpoints endpoints(String grpc) {
    return Endpoints.load(
        Map.of("QUIVER_HOME", "/nonexistent", Endpoints.ONLINE_SERVING_GRPC, grpc));
  }
}
