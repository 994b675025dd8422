package io.quiver.materializer.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quiver.materializer.run.RunRecord;
import java.time.Instant;

/** A run as the REST API shows it; quality report and stage timings as JSON objects. */
public record RunView(
    String id,
    String project,
    String view,
    Integer version,
    String mode,
    Instant start,
    Instant end,
    String trigger,
    String status,
    int attempts,
    long rowsRead,
    long rowsWritten,
    long rowsRejected,
    JsonNode quality,
    JsonNode stageMillis,
    String error,
    String worker,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static RunView of(RunRecord r) {
    return new RunView(
        r.id().toString(),
        r.project(),
        r.view(),
        r.version(),
        r.mode(),
        r.start(),
        r.end(),
        r.trigger(),
        r.status().name(),
        r.attempts(),
        r.rowsRead(),
        r.rowsWritten(),
        r.rowsRejected(),
        tree(r.quality()),
        tree(r.stages()),
        r.error(),
        r.worker(),
        r.createdAt(),
        r.startedAt(),
        r.finishedAt());
  }

  private static JsonNode tree(String json) {
    try {
      return json == null ? null : JSON.readTree(json);
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
