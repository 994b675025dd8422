package io.quiver.serving.app;

import io.quiver.common.registry.ViewVersion;
import io.quiver.core.model.DataSource;
import io.quiver.core.model.FeatureView;
import io.quiver.core.model.Field;
import io.quiver.core.online.OnlineSchema;
import io.quiver.core.online.ReadResult;
import io.quiver.core.online.SchemaLookup;
import io.quiver.core.online.Tile;
import io.quiver.core.online.ViewRead;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One view version of a request: how to read it for the request's entity rows, and what each row
 * read gives (its values in feature order and their event time).
 */
final class ViewGroup {
  /** One entity's read: a status when nothing usable is stored, else event time and values. */
  record Row(ValueStatus absent, long eventTimeMicros, List<?> values) {
    static final Row NOT_FOUND = new Row(ValueStatus.NOT_FOUND, 0, null);
    static final Row UNREADABLE = new Row(ValueStatus.UNREADABLE, 0, null);
  }

  private final ViewVersion version;
  private final long maxAgeMicros;
  private final OnlineSchema schema;
  private final SchemaLookup schemas;
  private final AggregationView aggregations;

  ViewGroup(ViewVersion version, DataSource source) {
    FeatureView def = version.definition();
    this.version = version;
    Duration maxAge = def.maxAgeOrNull();
    this.maxAgeMicros = maxAge == null ? 0 : maxAge.toNanos() / 1_000;
    if (def.isAggregation()) {
      this.schema = null;
      this.schemas = null;
      this.aggregations = new AggregationView(version, source);
    } else {
      this.schema = new OnlineSchema(version.schemaId(), version.features());
      this.schemas = lookup(version.schemas());
      this.aggregations = null;
    }
  }

  ViewVersion version() {
    return version;
  }

  long maxAgeMicros() {
    return maxAgeMicros;
  }

  int featureIndex(String feature) {
    return aggregations != null ? aggregations.indexOf(feature) : schema.indexOf(feature);
  }

  ViewRead read(String project, List<byte[]> entityKeys) {
    return aggregations != null
        ? ViewRead.tiles(project, version.view(), version.version(), entityKeys)
        : ViewRead.select(project, version.view(), version.version(), schema, schemas, entityKeys);
  }

  Row row(ReadResult result, int view, int row, long nowMicros, Instant now) {
    if (result.unreadable(view, row).isPresent()) {
      return Row.UNREADABLE;
    }
    if (aggregations == null) {
      var record = result.select(view, row);
      return record == null
          ? Row.NOT_FOUND
          : new Row(null, record.eventTimeMicros(), record.values());
    }
    return tiledRow(result.tiles(view, row), nowMicros, now);
  }

  /**
   * An aggregation's event time is the greatest created time among the stored tiles up to now:
   * tiles keep no event times, and for a source without a created-time field the two are equal.
   */
  private Row tiledRow(List<Tile> tiles, long nowMicros, Instant now) {
    long newest = Long.MIN_VALUE;
    for (Tile t : tiles) {
      if (t.startMicros() <= nowMicros) {
        newest = Math.max(newest, t.createdTimeMicros());
      }
    }
    if (newest == Long.MIN_VALUE) {
      return Row.NOT_FOUND;
    }
    try {
      return new Row(null, newest, Arrays.asList(aggregations.valuesAt(tiles, now)));
    } catch (IllegalArgumentException e) {
      return Row.UNREADABLE;
    }
  }

  private static SchemaLookup lookup(Map<Integer, List<Field>> all) {
    Map<Integer, OnlineSchema> byId = new HashMap<>();
    all.forEach((id, fields) -> byId.put(id, new OnlineSchema(id, fields)));
    return byId::get;
  }
}
