package io.quiver.export.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** {@code GET .../exports/{id}}: the job's state and, once SUCCEEDED, its output and manifest. */
public record ExportView(
    String id,
    String project,
    String status,
    double progress,
    String outputUri,
    JsonNode manifest,
    String error,
    Instant createdAt,
    Instant updatedAt) {}
