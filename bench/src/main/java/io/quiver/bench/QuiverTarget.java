package io.quiver.bench;

import io.grpc.stub.StreamObserver;
import io.quiver.proto.serving.v1.EntityRow;
import io.quiver.proto.serving.v1.FeatureList;
import io.quiver.proto.serving.v1.GetOnlineFeaturesRequest;
import io.quiver.proto.serving.v1.GetOnlineFeaturesResponse;
import io.quiver.proto.serving.v1.OnlineServingGrpc;
import io.quiver.proto.types.v1.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** GetOnlineFeatures over gRPC (one channel, Netty, direct executor), with prebuilt requests. */
final class QuiverTarget implements Target {
  private final String name;
  private final long serverPid;
  private final OnlineServingGrpc.OnlineServingStub stub;
  private final List<GetOnlineFeaturesRequest> requests = new ArrayList<>();

  /**
   * @param name {@code quiver} for online serving, {@code null-grpc} for {@link NullServingServer}
   */
  QuiverTarget(
      String name,
      long serverPid,
      OnlineServingGrpc.OnlineServingStub stub,
      Workload.Shape shape,
      List<long[]> sets) {
    this.name = name;
    this.serverPid = serverPid;
    this.stub = stub;
    for (long[] ids : sets) {
      GetOnlineFeaturesRequest.Builder b =
          GetOnlineFeaturesRequest.newBuilder()
              .setProject(Workload.PROJECT)
              .setFeatureList(FeatureList.newBuilder().addAllRefs(shape.refs()));
      for (long id : ids) {
        b.addEntityRows(
            EntityRow.newBuilder()
                .putJoinKeys("user_id", Value.newBuilder().setInt64Val(id).build()));
      }
      requests.add(b.build());
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long serverPid() {
    return serverPid;
  }

  @Override
  public CompletionStage<?> call(int i) {
    CompletableFuture<GetOnlineFeaturesResponse> f = new CompletableFuture<>();
    stub.getOnlineFeatures(
        requests.get(i % requests.size()),
        new StreamObserver<>() {
          @Override
          public void onNext(GetOnlineFeaturesResponse value) {
            f.complete(value);
          }

          @Override
          public void onError(Throwable t) {
            f.completeExceptionally(t);
          }

          @Override
          public void onCompleted() {}
        });
    return f;
  }
}
