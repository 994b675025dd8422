package io.quiver.serving.app;

import io.quiver.common.registry.ProjectCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link ServingShape}s of recent request shapes, per project, for the project's current
 * catalog instance: a refreshed catalog (a new instance) replaces the project's whole cache, and
 * each project keeps at most {@link #MAX_PER_PROJECT} shapes (least recently used out). Only shapes
 * that resolved are kept, so only existing projects get an entry.
 */
final class ServingShapes {
  static final int MAX_PER_PROJECT = 1_024;

  private record Key(String service, List<String> refs) {}

  private static final class PerCatalog {
    final ProjectCatalog catalog;
    final Map<Key, ServingShape> shapes =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, ServingShape> eldest) {
            return size() > MAX_PER_PROJECT;
          }
        };

    PerCatalog(ProjectCatalog catalog) {
      this.catalog = catalog;
    }
  }

  private final Map<String, PerCatalog> byProject = new ConcurrentHashMap<>();

  ServingShape shape(ProjectCatalog catalog, OnlineFeaturesQuery query) {
    String service = query.byService() ? query.featureService() : null;
    Key key = new Key(service, service == null ? query.refs() : List.of());
    PerCatalog cache = byProject.get(catalog.project());
    if (cache != null && cache.catalog == catalog) {
      ServingShape found;
      synchronized (cache) {
        found = cache.shapes.get(key);
      }
      if (found != null) {
        return found;
      }
    }
    ServingShape shape = ServingShape.of(catalog, service, query.refs()); // throws when invalid
    if (cache == null || cache.catalog != catalog) {
      PerCatalog fresh = new PerCatalog(catalog);
      cache =
          byProject.compute(
              catalog.project(), (p, old) -> old != null && old.catalog == catalog ? old : fresh);
    }
    if (cache.catalog == catalog) {
      synchronized (cache) {
        cache.shapes.put(key, shape);
      }
    }
    return shape;
  }

  int size(String project) {
    PerCatalog cache = byProject.get(Objects.requireNonNull(project));
    if (cache == null) {
      return 0;
    }
    synchronized (cache) {
      return cache.shapes.size();
    }
  }
}
