package io.quiver.export.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.quiver.export.plan.Manifest;
import java.util.List;

/**
 * {@code POST /api/v1/projects/{p}/exports}: {@code features} or {@code featureService}, the {@code
 * entities} ({@code uri} of a Parquet/CSV file, or inline {@code rows}), {@code format}
 * (parquet|csv, default parquet), optional {@code manifest} (re-export: features, format and
 * snapshots come from it), optional {@code leakageGuard} (default true).
 */
public record ExportRequest(
    List<String> features,
    String featureService,
    Entities entities,
    String format,
    Manifest manifest,
    Boolean leakageGuard) {

  /** Exactly one of {@code uri} and {@code rows}. */
  public record Entities(String uri, ArrayNode rows) {}
}
