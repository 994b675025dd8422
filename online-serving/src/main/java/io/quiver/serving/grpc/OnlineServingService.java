package io.quiver.serving.grpc;

import io.grpc.BindableService;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.quiver.proto.serving.v1.GetOnlineFeaturesRequest;
import io.quiver.proto.serving.v1.OnlineServingGrpc;
import io.quiver.serving.app.OnlineFeatureReader;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * {@code quiver.serving.v1.OnlineServing} on the event loop: maps, calls the reader, maps back.
 *
 * <p>A plain grpc-java service (not the Mutiny flavour): the reader's stage completes on the event
 * loop that received the call and the answer is written from there, with no Uni, no context
 * propagation and no hop to another thread. The method is bound with the generated descriptor's
 * name, request marshaller and schema (so reflection and every client see the generated service),
 * but its response marshaller takes the bytes {@link ResponseEncoder} wrote: the wire format of
 * {@code GetOnlineFeaturesResponse}, without building the message.
 */
@GrpcService
public class OnlineServingService implements BindableService {
  @Inject OnlineFeatureReader reader;

  /** An encoded {@code GetOnlineFeaturesResponse}. */
  record EncodedResponse(byte[] bytes) {}

  @Override
  public ServerServiceDefinition bindService() {
    MethodDescriptor<GetOnlineFeaturesRequest, EncodedResponse> method =
        OnlineServingGrpc.getGetOnlineFeaturesMethod().toBuilder(
                ProtoUtils.marshaller(GetOnlineFeaturesRequest.getDefaultInstance()),
                new EncodedMarshaller())
            .build();
    ServiceDescriptor generated = OnlineServingGrpc.getServiceDescriptor();
    ServiceDescriptor service =
        ServiceDescriptor.newBuilder(generated.getName())
            .setSchemaDescriptor(generated.getSchemaDescriptor())
            .addMethod(method)
            .build();
    return ServerServiceDefinition.builder(service)
        .addMethod(method, ServerCalls.asyncUnaryCall(this::getOnlineFeatures))
        .build();
  }

  void getOnlineFeatures(GetOnlineFeaturesRequest request, StreamObserver<EncodedResponse> answer) {
    try {
      reader
          .read(ProtoMapping.query(request))
          .whenComplete(
              (columns, error) -> {
                EncodedResponse response;
                try {
                  if (error != null) {
                    throw error;
                  }
                  response = new EncodedResponse(ResponseEncoder.encode(columns));
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

  /** Writes the encoded bytes as they are; this server never parses a response. */
  private static final class EncodedMarshaller
      implements MethodDescriptor.Marshaller<EncodedResponse> {
    @Override
    public InputStream stream(EncodedResponse value) {
      return new Encoded(value.bytes());
    }

    @Override
    public EncodedResponse parse(InputStream stream) {
      try {
        return new EncodedResponse(stream.readAllBytes());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Known length and drainable, so grpc-java copies the bytes once into its frame buffer. */
  private static final class Encoded extends ByteArrayInputStream
      implements KnownLength, Drainable {
    Encoded(byte[] bytes) {
      super(bytes);
    }

    @Override
    public int drainTo(OutputStream target) throws IOException {
      int n = count - pos;
      target.write(buf, pos, n);
      pos = count;
      return n;
    }
  }
}
