package io.quiver.serving.app;

import io.quiver.common.registry.ProjectCatalog;
import io.quiver.common.registry.ResolvedFeature;
import io.quiver.common.registry.UnknownDefinitionException;
import io.quiver.common.registry.ViewVersion;
import io.quiver.core.model.FeatureView;
import io.quiver.core.model.Field;
import io.quiver.core.model.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a request shape (a feature service or a list of refs) resolves to against one catalog
 * snapshot, computed once and reused by every request of that shape until the catalog refreshes:
 * the requested features in order, the view versions that serve them (with their schemas and
 * aggregators built), and which join keys each view needs. Immutable, so shared across threads.
 */
final class ServingShape {
  /** One requested feature: its view group and position in the group's values. */
  record Column(String name, int group, int index, ValueType type) {}

  final String project;
  final ViewGroup[] groups;
  final Column[] columns;

  /** Distinct join-key lists, and for each one the view named in its error messages. */
  final List<List<Field>> keySets;

  final String[] keySetView;

  /** Index into {@link #keySets} per group. */
  final int[] keySetOfGroup;

  final Map<String, String> keyMap;

  private ServingShape(
      String project,
      List<ViewGroup> groups,
      List<Column> columns,
      List<List<Field>> keySets,
      List<String> keySetView,
      List<Integer> keySetOfGroup,
      Map<String, String> keyMap) {
    this.project = project;
    this.groups = groups.toArray(new ViewGroup[0]);
    this.columns = columns.toArray(new Column[0]);
    this.keySets = List.copyOf(keySets);
    this.keySetView = keySetView.toArray(new String[0]);
    this.keySetOfGroup = new int[keySetOfGroup.size()];
    for (int i = 0; i < this.keySetOfGroup.length; i++) {
      this.keySetOfGroup[i] = keySetOfGroup.get(i);
    }
    this.keyMap = keyMap;
  }

  /**
   * @throws UnknownDefinitionException naming an unknown project, service, view, version or feature
   * @throws InvalidRequestException naming a view not served online
   */
  static ServingShape of(ProjectCatalog catalog, String featureService, List<String> refs) {
    if (catalog.definitions().all().isEmpty()) {
      throw new UnknownDefinitionException("project '" + catalog.project() + "' not found");
    }
    List<ResolvedFeature> features;
    Map<String, String> keyMap = Map.of();
    if (featureService != null) {
      features = catalog.resolveService(featureService);
      keyMap = Map.copyOf(catalog.service(featureService).orElseThrow().joinKeyMap());
    } else {
      features = catalog.resolve(refs);
    }
    Map<String, Integer> groupOf = new LinkedHashMap<>();
    Map<List<Field>, Integer> keySetOf = new HashMap<>();
    List<ViewGroup> groups = new ArrayList<>();
    List<Column> columns = new ArrayList<>(features.size());
    List<List<Field>> keySets = new ArrayList<>();
    List<String> keySetView = new ArrayList<>();
    List<Integer> keySetOfGroup = new ArrayList<>();
    for (ResolvedFeature f : features) {
      ViewVersion v = f.view();
      String id = v.view() + "@" + v.version();
      Integer g = groupOf.get(id);
      if (g == null) {
        FeatureView def = v.definition();
        if (!def.isOnline()) {
          throw new InvalidRequestException(
              "feature view '" + v.view() + "' is not served online (online: false)");
        }
        List<Field> joinKeys = List.copyOf(catalog.joinKeys(def));
        Integer ks = keySetOf.get(joinKeys);
        if (ks == null) {
          ks = keySets.size();
          keySetOf.put(joinKeys, ks);
          keySets.add(joinKeys);
          keySetView.add(v.view());
        }
        groups.add(new ViewGroup(v, catalog.source(def.source()).orElse(null)));
        keySetOfGroup.add(ks);
        g = groups.size() - 1;
        groupOf.put(id, g);
      }
      ViewGroup group = groups.get(g);
      columns.add(
          new Column(f.ref(), g, group.featureIndex(f.feature().name()), f.feature().type()));
    }
    return new ServingShape(
        catalog.project(), groups, columns, keySets, keySetView, keySetOfGroup, keyMap);
  }
}
