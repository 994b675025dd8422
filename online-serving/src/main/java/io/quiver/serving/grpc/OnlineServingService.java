package io.quiver.serving.grpc;

import io.quarkus.grpc.GrpcService;
import io.quiver.proto.serving.v1.GetOnlineFeaturesRequest;
import io.quiver.proto.serving.v1.GetOnlineFeaturesResponse;
import io.quiver.proto.serving.v1.OnlineServing;
import io.quiver.serving.app.OnlineFeatureReader;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;

/** {@code quiver.serving.v1.OnlineServing} on the event loop: maps, calls the reader, maps back. */
@GrpcService
public class OnlineServingService implements OnlineServing {
  @Inject OnlineFeatureReader reader;

  @Override
  public Uni<GetOnlineFeaturesResponse> getOnlineFeatures(GetOnlineFeaturesRequest request) {
    return Uni.createFrom()
        .completionStage(() -> reader.read(ProtoMapping.query(request)))
        .map(ProtoMapping::response)
        .onFailure()
        .transform(GrpcErrors::toStatus);
  }
}
