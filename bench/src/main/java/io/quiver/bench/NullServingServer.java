package io.quiver.bench;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.quiver.proto.serving.v1.FeatureColumn;
import io.quiver.proto.serving.v1.FeatureStatus;
import io.quiver.proto.serving.v1.GetOnlineFeaturesRequest;
import io.quiver.proto.serving.v1.GetOnlineFeaturesResponse;
import io.quiver.proto.serving.v1.OnlineServingGrpc;
import io.quiver.proto.serving.v1.ServedView;
import io.quiver.proto.types.v1.ValueType;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gRPC transport alone: a plain grpc-java Netty server (direct executor, no framework) whose
 * GetOnlineFeatures parses the request and answers a prebuilt response of the same size as online
 * serving's for that shape (rows × refs DOUBLE values and statuses, times per view), touching no
 * store. Run as a child JVM by {@link ServingBench}, with serving's heap and GC, to measure what
 * the bench's gRPC client plus the transport cost on this machine: the ceiling any gRPC server can
 * reach here.
 */
public final class NullServingServer extends OnlineServingGrpc.OnlineServingImplBase {
  private final Map<Long, GetOnlineFeaturesResponse> responses = new ConcurrentHashMap<>();

  public static void main(String[] args) throws Exception {
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])))
            .directExecutor()
            .addService(new NullServingServer())
            .build()
            .start();
    System.out.println("null gRPC server ready on " + args[0]);
    server.awaitTermination();
  }

  @Override
  public void getOnlineFeatures(
      GetOnlineFeaturesRequest request, StreamObserver<GetOnlineFeaturesResponse> answer) {
    int rows = request.getEntityRowsCount();
    List<String> refs = request.getFeatureList().getRefsList();
    answer.onNext(
        responses.computeIfAbsent(((long) rows << 32) | refs.size(), k -> response(refs, rows)));
    answer.onCompleted();
  }

  private static GetOnlineFeaturesResponse response(List<String> refs, int rows) {
    GetOnlineFeaturesResponse.Builder out = GetOnlineFeaturesResponse.newBuilder();
    long now = System.currentTimeMillis() * 1000;
    // As serving answers: times once per view, the refs being whole views in order.
    for (int v = 0; v * Workload.FEATURES_PER_VIEW < refs.size(); v++) {
      ServedView.Builder view = out.addViewsBuilder().setName(Workload.view(v)).setVersion(1);
      for (int row = 0; row < rows; row++) {
        view.addEventTimeMicros(now - 1_000_000).addAgeMicros(1_000_000 + row);
      }
    }
    for (int i = 0; i < refs.size(); i++) {
      FeatureColumn.Builder column =
          out.addFeaturesBuilder()
              .setName(refs.get(i))
              .setViewVersion(1)
              .setView(i / Workload.FEATURES_PER_VIEW)
              .setType(ValueType.VALUE_TYPE_DOUBLE);
      for (int row = 0; row < rows; row++) {
        column.addDoubleValues(Math.random()).addStatuses(FeatureStatus.PRESENT);
      }
    }
    return out.build();
  }
}
