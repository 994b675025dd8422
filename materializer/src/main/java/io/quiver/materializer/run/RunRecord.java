package io.quiver.materializer.run;

import java.time.Instant;
import java.util.UUID;

/** A run as stored: request, status, counts, quality report and stage timings (JSON text). */
public record RunRecord(
    UUID id,
    String project,
    String view,
    Integer version,
    String mode,
    Instant start,
    Instant end,
    String trigger,
    RunStatus status,
    int attempts,
    long rowsRead,
    long rowsWritten,
    long rowsRejected,
    String quality,
    String stages,
    String error,
    String worker,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt) {}
