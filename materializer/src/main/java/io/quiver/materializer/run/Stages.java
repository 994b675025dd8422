package io.quiver.materializer.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Wall time per pipeline stage of one run, in milliseconds, in stage order. */
public final class Stages {
  private final Map<String, Long> millis = new LinkedHashMap<>();

  public <T> T time(String stage, Supplier<T> work) {
    long t0 = System.nanoTime();
    try {
      return work.get();
    } finally {
      millis.merge(stage, (System.nanoTime() - t0) / 1_000_000, Long::sum);
    }
  }

  public void time(String stage, Runnable work) {
    time(
        stage,
        () -> {
          work.run();
          return null;
        });
  }

  /** Adds {@code ms} to a stage, e.g. a sub-batch's time to its run's. */
  public void add(String stage, long ms) {
    millis.merge(stage, ms, Long::sum);
  }

  public Map<String, Long> millis() {
    return Map.copyOf(millis);
  }

  public Map<String, Long> ordered() {
    return new LinkedHashMap<>(millis);
  }
}
