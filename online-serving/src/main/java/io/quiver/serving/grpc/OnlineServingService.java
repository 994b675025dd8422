package io.quiver.serving.grpc;

import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.quiver.proto.serving.v1.GetOnlineFeaturesRequest;
import io.quiver.proto.serving.v1.GetOnlineFeaturesResponse;
import io.quiver.proto.serving.v1.OnlineServingGrpc;
import io.quiver.serving.app.OnlineFeatureReader;
import jakarta.inject.Inject;

/**
 * {@code quiver.serving.v1.OnlineServing} on the event loop: maps, calls the reader, maps back.
 *
 * <p>A plain grpc-java service (not the Mutiny flavour): the reader's stage completes on the Redis
 * connection's event loop and the answer is written from there, with no Uni, no context propagation
 * and no hop to another thread on the way.
 */
@GrpcService
public class OnlineServingService extends OnlineServingGrpc.OnlineServingImplBase {
  @Inject OnlineFeatureReader reader;

  @Override
  public void getOnlineFeatures(
      GetOnlineFeaturesRequest request, StreamObserver<GetOnlineFeaturesResponse> answer) {
    try {
      reader
          .read(ProtoMapping.query(request))
          .whenComplete(
              (columns, error) -> {
                GetOnlineFeaturesResponse response;
                try {
                  if (error != null) {
                    throw error;
                  }
                  response = ProtoMapping.response(columns);
                } catch (Throwable e) {
                  answer.onError(GrpcErrors.toStatus(e));
                  return;
                }
                answer.onNext(response);
                answer.onCompleted();
              });
    } catch (RuntimeException e) {
      answer.onError(GrpcErrors.toStatus(e));
    }
  }
}
