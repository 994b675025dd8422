package io.quiver.materializer.pipeline;

import io.quiver.common.registry.ProjectCatalog;
import io.quiver.common.registry.ViewVersion;
import io.quiver.core.model.DataSource;
import io.quiver.core.model.FeatureView;
import io.quiver.core.model.Field;
import io.quiver.core.model.SourceType;
import io.quiver.core.model.ValueType;
import io.quiver.core.online.EntityKeyCodec;
import io.quiver.core.online.OnlineSchema;
import io.quiver.materializer.source.CuratedLayout;
import io.quiver.offline.Column;
import io.quiver.offline.FeatureTableSpec;
import java.util.List;

/**
 * Everything a run needs to know about the view version it materializes, resolved once from the
 * registry's catalog: definition, source, join keys and where they sit in a source row.
 */
public record ViewContext(
    String project,
    FeatureView view,
    ViewVersion version,
    DataSource source,
    List<Field> joinKeys,
    CuratedLayout layout,
    int[] keyIndexes) {

  /**
   * @throws IllegalArgumentException naming what is missing: the view, its source, a join key
   *     column in the source
   */
  public static ViewContext resolve(ProjectCatalog catalog, String viewName) {
    FeatureView view =
        catalog
            .view(viewName)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "project '"
                            + catalog.project()
                            + "' has no feature view '"
                            + viewName
                            + "'"));
    ViewVersion version = catalog.currentVersion(viewName).orElseThrow();
    String sourceName = view.batchSource() != null ? view.batchSource() : view.source();
    DataSource source =
        catalog
            .source(sourceName)
            .orElseThrow(
                () -> new IllegalArgumentException("source '" + sourceName + "' is unknown"));
    if (source.type() != SourceType.FILE && source.type() != SourceType.POSTGRES) {
      throw new IllegalArgumentException(
          "view '"
              + viewName
              + "' reads "
              + source.type()
              + " source '"
              + sourceName
              + "': batch runs read FILE and POSTGRES sources");
    }
    CuratedLayout layout = new CuratedLayout(source);
    List<Field> keys = catalog.joinKeys(view);
    int[] at = new int[keys.size()];
    for (int i = 0; i < at.length; i++) {
      at[i] = layout.indexOf(keys.get(i).name());
      if (at[i] < 0) {
        throw new IllegalArgumentException(
            "source '" + sourceName + "' has no column for join key '" + keys.get(i).name() + "'");
      }
    }
    return new ViewContext(catalog.project(), view, version, source, keys, layout, at);
  }

  public String viewName() {
    return view.name();
  }

  public int versionNumber() {
    return version.version();
  }

  public List<ValueType> keyTypes() {
    List<ValueType> types = new java.util.ArrayList<>(joinKeys.size());
    for (Field f : joinKeys) {
      types.add(f.type());
    }
    return types;
  }

  /** The entity-key bytes ({@code EntityKeyCodec}) of a source row. */
  public byte[] entityKey(Object[] row) {
    Object[] values = new Object[keyIndexes.length];
    for (int i = 0; i < values.length; i++) {
      Object v = row[keyIndexes[i]];
      values[i] = v instanceof Integer n ? Long.valueOf(n) : v;
    }
    return EntityKeyCodec.encode(keyTypes(), java.util.Arrays.asList(values));
  }

  public OnlineSchema onlineSchema() {
    return new OnlineSchema(version.schemaId(), version.features());
  }

  public FeatureTableSpec featureTable() {
    List<Column> keys = joinKeys.stream().map(f -> Column.of(f.name(), f.type())).toList();
    if (view.isAggregation()) {
      List<String> names = view.aggregations().stream().map(a -> a.name()).toList();
      return FeatureTableSpec.tiles(project, view.name(), versionNumber(), keys, names);
    }
    List<Column> features =
        version.features().stream().map(f -> Column.of(f.name(), f.type())).toList();
    return FeatureTableSpec.select(project, view.name(), versionNumber(), keys, features);
  }
}
