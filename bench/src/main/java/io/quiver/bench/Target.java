package io.quiver.bench;

import java.util.concurrent.CompletionStage;

/** One request of a shape, sent asynchronously; {@code i} picks which prebuilt variant. */
interface Target {
  String name();

  CompletionStage<?> call(int i);

  /** The process serving these calls besides Redis (for its CPU per request), or -1 for none. */
  default long serverPid() {
    return -1;
  }
}
