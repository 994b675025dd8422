package io.quiver.core.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The definitions of one project at one moment, by kind and name, plus a test for which versions of
 * each view exist. Immutable; {@link #with} and {@link #without} give changed copies, which is how
 * a plan checks references against the state it would produce.
 */
public final class DefinitionSet {
  private final Map<Kind, Map<String, Definition>> byKind;
  private final java.util.function.BiPredicate<String, Integer> versionExists;

  private DefinitionSet(
      Map<Kind, Map<String, Definition>> byKind,
      java.util.function.BiPredicate<String, Integer> versionExists) {
    this.byKind = byKind;
    this.versionExists = versionExists;
  }

  public static DefinitionSet of(
      Collection<? extends Definition> definitions,
      java.util.function.BiPredicate<String, Integer> versionExists) {
    Map<Kind, Map<String, Definition>> map = emptyMap();
    definitions.forEach(d -> map.get(d.kind()).put(d.name(), d));
    return new DefinitionSet(map, versionExists);
  }

  private static Map<Kind, Map<String, Definition>> emptyMap() {
    Map<Kind, Map<String, Definition>> map = new LinkedHashMap<>();
    for (Kind k : Kind.values()) {
      map.put(k, new LinkedHashMap<>());
    }
    return map;
  }

  public DefinitionSet with(Definition d) {
    Map<Kind, Map<String, Definition>> copy = copy();
    copy.get(d.kind()).put(d.name(), d);
    return new DefinitionSet(copy, versionExists);
  }

  public DefinitionSet without(Kind kind, String name) {
    Map<Kind, Map<String, Definition>> copy = copy();
    copy.get(kind).remove(name);
    return new DefinitionSet(copy, versionExists);
  }

  private Map<Kind, Map<String, Definition>> copy() {
    Map<Kind, Map<String, Definition>> copy = emptyMap();
    byKind.forEach((k, m) -> copy.get(k).putAll(m));
    return copy;
  }

  public Optional<Definition> get(Kind kind, String name) {
    return Optional.ofNullable(byKind.get(kind).get(name));
  }

  public List<Definition> all() {
    List<Definition> out = new ArrayList<>();
    byKind.values().forEach(m -> out.addAll(m.values()));
    return out;
  }

  public Optional<Entity> entity(String name) {
    return get(Kind.ENTITY, name).map(Entity.class::cast);
  }

  public Optional<DataSource> source(String name) {
    return get(Kind.DATA_SOURCE, name).map(DataSource.class::cast);
  }

  public Optional<FeatureView> view(String name) {
    return get(Kind.FEATURE_VIEW, name).map(FeatureView.class::cast);
  }

  public List<FeatureView> views() {
    return byKind.get(Kind.FEATURE_VIEW).values().stream().map(FeatureView.class::cast).toList();
  }

  public List<FeatureService> services() {
    return byKind.get(Kind.FEATURE_SERVICE).values().stream()
        .map(FeatureService.class::cast)
        .toList();
  }

  /** Whether {@code view} has a feature of that name, resolving aggregation features. */
  public boolean hasFeature(FeatureView view, String feature) {
    if (view.isAggregation()) {
      return view.aggregations().stream().anyMatch(a -> a.name().equals(feature));
    }
    return view.features().stream().anyMatch(f -> f.name().equals(feature));
  }

  public boolean hasVersion(String view, int version) {
    return versionExists.test(view, version);
  }
}
