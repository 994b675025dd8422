package io.quiver.export.plan;

import io.quiver.common.registry.ProjectCatalog;
import io.quiver.common.registry.ResolvedFeature;
import io.quiver.common.registry.ViewVersion;
import io.quiver.core.model.Aggregation;
import io.quiver.core.model.DataSource;
import io.quiver.core.model.Durations;
import io.quiver.core.model.FeatureView;
import io.quiver.core.model.Field;
import io.quiver.core.model.ValueType;
import io.quiver.core.model.Window;
import io.quiver.export.engine.BadExportInputException;
import io.quiver.offline.Column;
import io.quiver.offline.IcebergOfflineStore;
import io.quiver.offline.TableNames;
import io.quiver.offline.TablePlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Turns a request's features into a manifest draft: resolves the references with the registry's
 * catalog (the serving version unless pinned), and pins each view version's current Iceberg
 * snapshot (and its source's curated snapshot for aggregation views).
 */
public final class ManifestPlanner {
  private final IcebergOfflineStore store;
  private final String engine;

  public ManifestPlanner(IcebergOfflineStore store, String engine) {
    this.store = store;
    this.engine = engine;
  }

  /**
   * @param joinKeyMap the feature service's (view join key → entity column), empty for a list
   */
  public Manifest plan(
      ProjectCatalog catalog,
      List<ResolvedFeature> features,
      Map<String, String> joinKeyMap,
      String format,
      boolean guard) {
    Map<String, List<ResolvedFeature>> byView = new LinkedHashMap<>();
    List<Manifest.ManifestColumn> columns = new ArrayList<>();
    for (ResolvedFeature f : features) {
      ViewVersion v = f.view();
      byView.computeIfAbsent(v.view() + "@" + v.version(), k -> new ArrayList<>()).add(f);
      columns.add(
          new Manifest.ManifestColumn(
              f.ref(),
              v.view(),
              v.version(),
              f.feature().name(),
              f.columnName(),
              f.feature().type()));
    }
    requireDistinct(columns);
    List<Manifest.ManifestView> views = new ArrayList<>();
    for (List<ResolvedFeature> group : byView.values()) {
      views.add(view(catalog, group));
    }
    return new Manifest(
        Manifest.FORMAT_VERSION,
        catalog.project(),
        engine,
        format,
        guard,
        joinKeyMap,
        columns,
        views,
        null,
        null);
  }

  private Manifest.ManifestView view(ProjectCatalog catalog, List<ResolvedFeature> group) {
    ViewVersion v = group.get(0).view();
    FeatureView def = v.definition();
    TableIdentifier table = TableNames.feature(catalog.project(), v.view(), v.version());
    Long snapshot = snapshot(table, v.view() + " version " + v.version());
    if (!def.isAggregation()) {
      return new Manifest.ManifestView(
          v.view(),
          v.version(),
          v.revision(),
          catalog.joinKeys(def),
          def.maxAge(),
          table.toString(),
          snapshot,
          null,
          null,
          List.of());
    }
    DataSource source =
        catalog
            .source(def.source())
            .orElseThrow(
                () ->
                    new BadExportInputException("features", "view " + v.view() + " has no source"));
    TableIdentifier curated = TableNames.curated(catalog.project(), source.name());
    Long curatedSnapshot = snapshot(curated, "source " + source.name());
    TablePlan curatedPlan = store.plan(curated, curatedSnapshot);
    List<Manifest.ManifestAggregation> aggs = new ArrayList<>();
    for (ResolvedFeature f : group) {
      Aggregation a =
          def.aggregations().stream()
              .filter(x -> x.name().equals(f.feature().name()))
              .findFirst()
              .orElseThrow();
      aggs.add(aggregation(def, source, curatedPlan, a));
    }
    return new Manifest.ManifestView(
        v.view(),
        v.version(),
        v.revision(),
        catalog.joinKeys(def),
        def.maxAge(),
        table.toString(),
        snapshot,
        curated.toString(),
        curatedSnapshot,
        aggs);
  }

  private static Manifest.ManifestAggregation aggregation(
      FeatureView def, DataSource source, TablePlan curated, Aggregation a) {
    ValueType type = source.column(a.column()).map(Field::type).orElse(ValueType.INT64);
    boolean inCurated = curated.columns().stream().map(Column::name).anyMatch(a.column()::equals);
    String curatedColumn =
        !inCurated && a.column().equals(source.timestampField()) ? "event_timestamp" : a.column();
    if (a.column().equals(source.timestampField())) {
      type = ValueType.TIMESTAMP;
    }
    Window w = def.window(a);
    return new Manifest.ManifestAggregation(
        a.name(),
        a.function(),
        a.column(),
        type,
        curatedColumn,
        w.wireName(),
        Durations.format(w.hop()));
  }

  /** The table's current snapshot (null when never written); a missing table is refused. */
  private Long snapshot(TableIdentifier table, String what) {
    if (!store.catalog().tableExists(table)) {
      throw new BadExportInputException(
          "features", what + " has no offline table " + table + " yet: materialize it first");
    }
    TablePlan plan = store.plan(table, null);
    return plan.snapshotId().isPresent() ? plan.snapshotId().getAsLong() : null;
  }

  private static void requireDistinct(List<Manifest.ManifestColumn> columns) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Manifest.ManifestColumn c : columns) {
      if (!seen.add(c.column())) {
        throw new BadExportInputException(
            "features", "column " + c.column() + " is requested twice (" + c.ref() + ")");
      }
    }
  }
}
