package io.quiver.export.plan;

import io.quiver.core.model.Field;
import io.quiver.core.model.ValueType;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to produce a dataset again, byte for byte: the feature columns in output order,
 * per view version the Iceberg snapshots read (tagged {@code export-<id>} so expiry keeps them) and
 * the definition parameters the rule used, the entity input's digest, and once written the output's
 * digest. Re-exporting with a manifest reads these snapshots with these parameters and needs
 * nothing from the registry. {@code joinKeyMap} is the feature service's (view join key name → the
 * entity input's column; empty for a list of features or a manifest written before it existed).
 */
public record Manifest(
    int formatVersion,
    String project,
    String engine,
    String format,
    boolean leakageGuard,
    Map<String, String> joinKeyMap,
    List<ManifestColumn> columns,
    List<ManifestView> views,
    Digest input,
    Digest output) {
  public static final int FORMAT_VERSION = 1;

  public Manifest {
    joinKeyMap = joinKeyMap == null ? Map.of() : Map.copyOf(joinKeyMap);
  }

  public Manifest withDigests(Digest input, Digest output) {
    return new Manifest(
        formatVersion,
        project,
        engine,
        format,
        leakageGuard,
        joinKeyMap,
        columns,
        views,
        input,
        output);
  }

  /** One output column {@code view__feature}: the reference as requested, resolved. */
  public record ManifestColumn(
      String ref, String view, int version, String feature, String column, ValueType type) {}

  /**
   * One view version: its definition revision, join keys and maxAge, the feature table and its
   * snapshot (null: the table was empty), and for aggregation views the curated table, its snapshot
   * and the aggregations.
   */
  public record ManifestView(
      String view,
      int version,
      long revision,
      List<Field> joinKeys,
      String maxAge,
      String table,
      Long snapshotId,
      String curatedTable,
      Long curatedSnapshotId,
      List<ManifestAggregation> aggregations) {}

  /** An aggregation feature: function over a source column of a type, window and hop. */
  public record ManifestAggregation(
      String name,
      String function,
      String column,
      ValueType columnType,
      String curatedColumn,
      String window,
      String hop) {}

  /** SHA-256 (hex) of a file's bytes, its row count, and for the output its file name. */
  public record Digest(String file, String sha256, long rows) {}
}
