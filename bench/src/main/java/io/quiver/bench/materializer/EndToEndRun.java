package io.quiver.bench.materializer;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One materialization run started over REST and polled until it ends; its duration is the run's own
 * {@code finishedAt - startedAt} (what the worker spent, excluding queueing and polling).
 */
record EndToEndRun(
    String status,
    int version,
    long rowsRead,
    long rowsWritten,
    Duration duration,
    Map<String, Long> stageMillis,
    String error) {

  static EndToEndRun trigger(Rest rest, URI materializer, String project, String view) {
    URI runs =
        materializer.resolve(
            "/api/v1/projects/" + project + "/feature-views/" + view + "/materializations");
    String id = rest.post(runs, "{\"mode\":\"incremental\"}", 202).get("id").asText();
    URI status = URI.create(runs + "/" + id);
    while (true) {
      JsonNode run = rest.get(status);
      String s = run.get("status").asText();
      if (s.equals("SUCCEEDED") || s.equals("FAILED")) {
        return of(run);
      }
      sleep(500);
    }
  }

  private static EndToEndRun of(JsonNode run) {
    Map<String, Long> stages = new LinkedHashMap<>();
    run.path("stageMillis")
        .fields()
        .forEachRemaining(e -> stages.put(e.getKey(), e.getValue().asLong()));
    Duration d =
        Duration.between(
            Instant.parse(run.get("startedAt").asText()),
            Instant.parse(run.get("finishedAt").asText()));
    return new EndToEndRun(
        run.get("status").asText(),
        run.path("version").asInt(),
        run.path("rowsRead").asLong(),
        run.path("rowsWritten").asLong(),
        d,
        stages,
        run.path("error").isNull() ? null : run.path("error").asText());
  }

  double rowsPerSecond() {
    return rowsRead / (duration.toNanos() / 1e9);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
