package io.quiver.common.registry;

import io.quiver.core.model.DataSource;
import io.quiver.core.model.DefinitionSet;
import io.quiver.core.model.Entity;
import io.quiver.core.model.FeatureRef;
import io.quiver.core.model.FeatureService;
import io.quiver.core.model.FeatureView;
import io.quiver.core.model.Field;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A project's definitions at one moment, as the registry's {@code /catalog} returned them:
 * immutable, so a cached instance can be shared by concurrent requests.
 */
public final class ProjectCatalog {
  private final String project;
  private final DefinitionSet definitions;
  private final Map<String, List<ViewVersion>> versions;

  public ProjectCatalog(
      String project, DefinitionSet definitions, Map<String, List<ViewVersion>> versions) {
    this.project = project;
    this.definitions = definitions;
    this.versions = versions;
  }

  public String project() {
    return project;
  }

  public DefinitionSet definitions() {
    return definitions;
  }

  public Optional<FeatureView> view(String name) {
    return definitions.view(name);
  }

  public Optional<DataSource> source(String name) {
    return definitions.source(name);
  }

  public Optional<Entity> entity(String name) {
    return definitions.entity(name);
  }

  public Optional<FeatureService> service(String name) {
    return definitions.services().stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** Every version of a view, oldest first (also of a deleted view, while its versions exist). */
  public List<ViewVersion> versions(String view) {
    return versions.getOrDefault(view, List.of());
  }

  public Optional<ViewVersion> version(String view, int version) {
    return versions(view).stream().filter(v -> v.version() == version).findFirst();
  }

  /** The newest version of a live view. */
  public Optional<ViewVersion> currentVersion(String view) {
    if (view(view).isEmpty()) {
      return Optional.empty();
    }
    return versions(view).stream().max(Comparator.comparingInt(ViewVersion::version));
  }

  /**
   * The version an unpinned {@code view:feature} serves: the newest whose backfill finished, so
   * serving switches only when a new version is ready; before any finished, the oldest version.
   */
  public Optional<ViewVersion> servingVersion(String view) {
    if (view(view).isEmpty()) {
      return Optional.empty();
    }
    List<ViewVersion> all = versions(view);
    return all.stream()
        .filter(ViewVersion::isBackfillComplete)
        .max(Comparator.comparingInt(ViewVersion::version))
        .or(() -> all.stream().min(Comparator.comparingInt(ViewVersion::version)));
  }

  /** The join keys of a view's entities, in declaration order. */
  public List<Field> joinKeys(FeatureView view) {
    List<Field> keys = new ArrayList<>();
    for (String e : view.entities()) {
      entity(e).ifPresent(x -> keys.addAll(x.joinKeys()));
    }
    return keys;
  }

  /** Resolves {@code view:feature}, {@code view:*} and {@code view@N:feature} references. */
  public List<ResolvedFeature> resolve(List<String> refs) {
    List<ResolvedFeature> out = new ArrayList<>();
    for (String text : refs) {
      FeatureRef ref;
      try {
        ref = FeatureRef.parse(text);
      } catch (IllegalArgumentException e) {
        throw new UnknownDefinitionException(e.getMessage());
      }
      ViewVersion v = versionFor(ref);
      if (ref.isWildcard()) {
        v.features().forEach(f -> out.add(new ResolvedFeature(ref.view() + ":" + f.name(), v, f)));
      } else {
        Field f =
            v.feature(ref.feature())
                .orElseThrow(
                    () ->
                        new UnknownDefinitionException(
                            "feature view '"
                                + ref.view()
                                + "' (version "
                                + v.version()
                                + ") has no feature '"
                                + ref.feature()
                                + "'"));
        out.add(new ResolvedFeature(text, v, f));
      }
    }
    return out;
  }

  /** The features of a feature service, resolved. */
  public List<ResolvedFeature> resolveService(String name) {
    FeatureService s =
        service(name)
            .orElseThrow(
                () ->
                    new UnknownDefinitionException(
                        "project '" + project + "' has no feature service '" + name + "'"));
    return resolve(s.features());
  }

  private ViewVersion versionFor(FeatureRef ref) {
    if (ref.version() != null) {
      return version(ref.view(), ref.version())
          .orElseThrow(
              () ->
                  new UnknownDefinitionException(
                      "feature view '" + ref.view() + "' has no version " + ref.version()));
    }
    return servingVersion(ref.view())
        .orElseThrow(
            () ->
                new UnknownDefinitionException(
                    "project '" + project + "' has no feature view '" + ref.view() + "'"));
  }
}
