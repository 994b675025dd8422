package io.quiver.core.online;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One view version to read for every entity row of a request: the entity key bytes per row ({@link
 * EntityKeyCodec}, after mapping the row's join keys to the view's), and for a select view the
 * schema to decode into (its current features) and the lookup of every schema id its stored records
 * may carry (ids are per view version, so each view brings its own); null {@code schema} marks an
 * aggregation view, read as tiles.
 */
public record ViewRead(
    String project,
    String view,
    int version,
    OnlineSchema schema,
    SchemaLookup schemas,
    List<byte[]> entityKeys) {
  public ViewRead {
    OnlineKeys.versionPattern(project, view, version); // validates the names
    entityKeys = Collections.unmodifiableList(new ArrayList<>(entityKeys));
  }

  /** A select view whose stored records all carry {@code schema}'s id. */
  public static ViewRead select(
      String project, String view, int version, OnlineSchema schema, List<byte[]> entityKeys) {
    return select(project, view, version, schema, SchemaLookup.of(schema), entityKeys);
  }

  public static ViewRead select(
      String project,
      String view,
      int version,
      OnlineSchema schema,
      SchemaLookup schemas,
      List<byte[]> entityKeys) {
    return new ViewRead(
        project,
        view,
        version,
        Objects.requireNonNull(schema, "schema"),
        Objects.requireNonNull(schemas, "schemas"),
        entityKeys);
  }

  public static ViewRead tiles(String project, String view, int version, List<byte[]> entityKeys) {
    return new ViewRead(project, view, version, null, null, entityKeys);
  }

  public boolean tiled() {
    return schema == null;
  }
}
