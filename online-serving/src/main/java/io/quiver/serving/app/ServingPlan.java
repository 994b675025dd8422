package io.quiver.serving.app;

import io.quiver.common.registry.ProjectCatalog;
import io.quiver.common.registry.ResolvedFeature;
import io.quiver.common.registry.UnknownDefinitionException;
import io.quiver.common.registry.ViewVersion;
import io.quiver.core.model.FeatureView;
import io.quiver.core.model.Field;
import io.quiver.core.online.ReadResult;
import io.quiver.core.online.ViewRead;
import io.quiver.core.value.EpochMicros;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request resolved against a catalog: the requested features in order, the view versions that
 * serve them, the reads to send (one per view version, every row), and the assembly of the answer
 * from what the store returned.
 */
final class ServingPlan {
  private record Column(ResolvedFeature feature, int group, int index) {}

  private final List<ViewGroup> groups = new ArrayList<>();
  private final List<ViewRead> reads = new ArrayList<>();
  private final List<Column> columns = new ArrayList<>();
  private final int rows;

  private ServingPlan(int rows) {
    this.rows = rows;
  }

  /**
   * @throws UnknownDefinitionException naming an unknown project, service, view, version or feature
   * @throws InvalidRequestException naming a missing or mistyped join key
   */
  static ServingPlan of(ProjectCatalog catalog, OnlineFeaturesQuery query) {
    if (catalog.definitions().all().isEmpty()) {
      throw new UnknownDefinitionException("project '" + catalog.project() + "' not found");
    }
    List<ResolvedFeature> features;
    Map<String, String> keyMap = Map.of();
    if (query.byService()) {
      features = catalog.resolveService(query.featureService());
      keyMap = catalog.service(query.featureService()).orElseThrow().joinKeyMap();
    } else {
      features = catalog.resolve(query.refs());
    }
    ServingPlan plan = new ServingPlan(query.rows().size());
    plan.add(catalog, features, keyMap, query.rows());
    return plan;
  }

  private void add(
      ProjectCatalog catalog,
      List<ResolvedFeature> features,
      Map<String, String> keyMap,
      List<Map<String, Object>> entityRows) {
    Map<String, Integer> groupOf = new LinkedHashMap<>();
    Map<List<Field>, List<byte[]>> keysByJoinKeys = new HashMap<>();
    for (ResolvedFeature f : features) {
      ViewVersion v = f.view();
      int g =
          groupOf.computeIfAbsent(
              v.view() + "@" + v.version(),
              k -> addGroup(catalog, v, keyMap, entityRows, keysByJoinKeys));
      columns.add(new Column(f, g, groups.get(g).featureIndex(f.feature().name())));
    }
  }

  private int addGroup(
      ProjectCatalog catalog,
      ViewVersion v,
      Map<String, String> keyMap,
      List<Map<String, Object>> entityRows,
      Map<List<Field>, List<byte[]>> keysByJoinKeys) {
    FeatureView def = v.definition();
    if (!def.isOnline()) {
      throw new InvalidRequestException(
          "feature view '" + v.view() + "' is not served online (online: false)");
    }
    List<Field> joinKeys = catalog.joinKeys(def);
    List<byte[]> keys =
        keysByJoinKeys.computeIfAbsent(
            joinKeys, k -> EntityKeys.encode(k, keyMap, entityRows, v.view()));
    ViewGroup group = new ViewGroup(v, catalog.source(def.source()).orElse(null));
    groups.add(group);
    reads.add(group.read(catalog.project(), keys));
    return groups.size() - 1;
  }

  List<ViewRead> reads() {
    return reads;
  }

  /** The answer, one column per requested feature, each with a value and status per row. */
  List<FeatureColumn> answer(ReadResult result, Instant now) {
    long nowMicros = EpochMicros.of(now);
    ViewGroup.Row[][] read = new ViewGroup.Row[groups.size()][rows];
    for (int g = 0; g < groups.size(); g++) {
      for (int row = 0; row < rows; row++) {
        read[g][row] = groups.get(g).row(result, g, row, now);
      }
    }
    List<FeatureColumn> out = new ArrayList<>(columns.size());
    for (Column c : columns) {
      ViewGroup group = groups.get(c.group());
      FeatureColumn column =
          new FeatureColumn(
              c.feature().ref(), group.version().version(), c.feature().feature().type(), rows);
      for (int row = 0; row < rows; row++) {
        fill(column, row, read[c.group()][row], c.index(), nowMicros, group.maxAgeMicros());
      }
      out.add(column);
    }
    return out;
  }

  private static void fill(
      FeatureColumn column, int row, ViewGroup.Row read, int index, long now, long maxAge) {
    if (read.absent() != null) {
      column.set(row, null, read.absent(), 0, 0);
      return;
    }
    Object value = read.values()[index];
    long age = now - read.eventTimeMicros();
    column.set(row, value, ValueStatus.of(value, age, maxAge), read.eventTimeMicros(), age);
  }
}
