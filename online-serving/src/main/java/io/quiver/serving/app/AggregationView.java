package io.quiver.serving.app;

import io.quiver.common.registry.ViewVersion;
import io.quiver.core.aggregate.Aggregator;
import io.quiver.core.aggregate.PartialAggregate;
import io.quiver.core.aggregate.ServingAggregation;
import io.quiver.core.aggregate.Tile;
import io.quiver.core.aggregate.TilePayloadCodec;
import io.quiver.core.model.Aggregation;
import io.quiver.core.model.DataSource;
import io.quiver.core.model.FeatureView;
import io.quiver.core.model.Field;
import io.quiver.core.model.ValueType;
import io.quiver.core.model.Window;
import io.quiver.core.value.EpochMicros;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The aggregations of one view version, and their values at t from the stored tiles of one entity.
 * Each tile's payload is decoded with the feature list of the schema id it carries, so tiles
 * written before an aggregation was added still count for the others.
 */
final class AggregationView {
  private final List<String> names;
  private final List<Aggregator> aggregators;
  private final List<Window> windows;
  private final Map<String, Aggregator> byName = new HashMap<>();
  private final Map<Integer, List<Field>> schemas;

  AggregationView(ViewVersion version, DataSource source) {
    FeatureView def = version.definition();
    this.names = new ArrayList<>();
    this.aggregators = new ArrayList<>();
    this.windows = new ArrayList<>();
    for (Aggregation a : def.aggregations()) {
      ValueType column =
          source == null
              ? ValueType.INT64
              : source.column(a.column()).map(Field::type).orElse(ValueType.INT64);
      Aggregator aggregator = Aggregator.of(a.parsedFunction(), column);
      names.add(a.name());
      aggregators.add(aggregator);
      windows.add(def.window(a));
      byName.put(a.name(), aggregator);
    }
    this.schemas = version.schemas();
  }

  /** Position of a feature among the aggregations. */
  int indexOf(String feature) {
    return names.indexOf(feature);
  }

  /**
   * Every aggregation's value at {@code t}, in {@link #indexOf} order.
   *
   * @throws IllegalArgumentException when a tile's schema id is unknown or its payload bad
   */
  Object[] valuesAt(List<io.quiver.core.online.Tile> stored, Instant t) {
    List<List<Tile>> perAggregation = new ArrayList<>(names.size());
    names.forEach(n -> perAggregation.add(new ArrayList<>(stored.size())));
    for (io.quiver.core.online.Tile tile : stored) {
      List<Field> fields = schemas.get(tile.schemaId());
      if (fields == null) {
        throw new IllegalArgumentException("unknown tile schema id " + tile.schemaId());
      }
      List<PartialAggregate> partials =
          TilePayloadCodec.decode(tile.payload(), aggregators(fields));
      Instant start = EpochMicros.toInstant(tile.startMicros());
      Instant created = EpochMicros.toInstant(tile.createdTimeMicros());
      for (int i = 0; i < fields.size(); i++) {
        int at = names.indexOf(fields.get(i).name());
        if (at >= 0) {
          perAggregation.get(at).add(new Tile(start, created, partials.get(i)));
        }
      }
    }
    Object[] values = new Object[names.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] =
          ServingAggregation.valueAt(aggregators.get(i), windows.get(i), perAggregation.get(i), t);
    }
    return values;
  }

  private List<Aggregator> aggregators(List<Field> fields) {
    List<Aggregator> out = new ArrayList<>(fields.size());
    for (Field f : fields) {
      Aggregator a = byName.get(f.name());
      if (a == null) {
        throw new IllegalArgumentException("tile holds unknown aggregation '" + f.name() + "'");
      }
      out.add(a);
    }
    return out;
  }
}
