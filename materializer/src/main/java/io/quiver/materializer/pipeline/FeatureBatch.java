package io.quiver.materializer.pipeline;

import io.quiver.core.online.ScriptCall;
import java.time.Instant;
import java.util.List;

/**
 * A transform's output for one batch: the rows for the view version's Iceberg table (in its spec's
 * column order), the online writes, and the newest event time they carry (for freshness).
 */
public record FeatureBatch(
    List<Object[]> offlineRows, List<ScriptCall> onlineWrites, Instant newestEvent) {}
