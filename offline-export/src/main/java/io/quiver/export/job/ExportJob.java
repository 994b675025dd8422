package io.quiver.export.job;

import java.time.Instant;

/**
 * One export as stored: the manifest draft it runs ({@code plan}, JSON), the entity file, and its
 * state. {@code manifest} (JSON) and {@code outputUri} are set once it SUCCEEDED.
 */
public record ExportJob(
    String id,
    String project,
    ExportStatus status,
    double progress,
    String entitiesPath,
    String entitiesFormat,
    String plan,
    String outputUri,
    String manifest,
    String error,
    Instant createdAt,
    Instant updatedAt) {}
