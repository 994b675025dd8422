package io.quiver.export.plan;

import io.quiver.core.aggregate.Aggregator;
import io.quiver.core.model.AggregationFunction;
import io.quiver.core.model.Durations;
import io.quiver.core.model.Window;
import io.quiver.export.engine.AggregateRead;
import io.quiver.export.engine.EntityFormat;
import io.quiver.export.engine.FeatureRead;
import io.quiver.export.engine.PointInTimeQuery;
import io.quiver.export.engine.ViewRead;
import io.quiver.offline.IcebergOfflineStore;
import io.quiver.offline.TablePlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * A manifest as an engine query: each view's tables planned at the manifest's snapshots, so a first
 * export and a re-export go through the same code.
 */
public final class QueryBuilder {
  private final IcebergOfflineStore store;

  public QueryBuilder(IcebergOfflineStore store) {
    this.store = store;
  }

  public PointInTimeQuery query(Manifest m, Path entities, EntityFormat format) {
    List<ViewRead> views = new ArrayList<>();
    for (Manifest.ManifestView v : m.views()) {
      views.add(view(m, v));
    }
    List<String> out = m.columns().stream().map(Manifest.ManifestColumn::column).toList();
    return new PointInTimeQuery(entities, format, views, out, m.leakageGuard(), m.joinKeyMap());
  }

  private ViewRead view(Manifest m, Manifest.ManifestView v) {
    List<FeatureRead> features = new ArrayList<>();
    for (Manifest.ManifestColumn c : m.columns()) {
      if (c.view().equals(v.view()) && c.version() == v.version()) {
        features.add(new FeatureRead(c.feature(), c.column(), c.type(), aggregate(v, c.feature())));
      }
    }
    TablePlan curated =
        v.curatedTable() == null ? null : plan(v.curatedTable(), v.curatedSnapshotId());
    Map<String, Long> sequences =
        curated == null || v.snapshotId() == null
            ? Map.of()
            : DataSequenceNumbers.of(
                store.catalog(), TableIdentifier.parse(v.table()), v.snapshotId());
    return new ViewRead(
        v.view(),
        v.joinKeys(),
        v.maxAge() == null ? null : Durations.parse(v.maxAge()),
        plan(v.table(), v.snapshotId()),
        curated,
        features,
        sequences);
  }

  private static AggregateRead aggregate(Manifest.ManifestView v, String feature) {
    return v.aggregations().stream()
        .filter(a -> a.name().equals(feature))
        .findFirst()
        .map(
            a ->
                new AggregateRead(
                    Aggregator.of(AggregationFunction.parse(a.function()), a.columnType()),
                    Window.parse(a.window(), a.hop()),
                    a.curatedColumn()))
        .orElse(null);
  }

  /** The table at the snapshot; no snapshot means the table was empty: no files. */
  private TablePlan plan(String table, Long snapshotId) {
    TableIdentifier id = TableIdentifier.parse(table);
    if (snapshotId == null) {
      return new TablePlan(id, OptionalLong.empty(), List.of(), List.of());
    }
    return store.plan(id, snapshotId);
  }
}
