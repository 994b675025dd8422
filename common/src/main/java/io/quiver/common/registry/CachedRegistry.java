package io.quiver.common.registry;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Catalogs kept in memory and refreshed in the background, so a request never waits on the registry
 * after a project's first load, and a registry outage keeps the last known definitions.
 */
public final class CachedRegistry implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(CachedRegistry.class.getName());
  private final Function<String, ProjectCatalog> fetch;
  private final Map<String, ProjectCatalog> catalogs = new ConcurrentHashMap<>();
  private final ScheduledExecutorService refresher;

  public CachedRegistry(RegistryClient client, Duration refreshEvery) {
    this(client::fetch, refreshEvery);
  }

  /** With any source of catalogs (tests hand in a registry client of their own). */
  public CachedRegistry(Function<String, ProjectCatalog> fetch, Duration refreshEvery) {
    this.fetch = fetch;
    this.refresher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "quiver-registry-refresh");
              t.setDaemon(true);
              return t;
            });
    long ms = refreshEvery.toMillis();
    refresher.scheduleWithFixedDelay(this::refreshAll, ms, ms, TimeUnit.MILLISECONDS);
  }

  /**
   * The project's catalog: loaded on first use (the only call that can wait on, or fail because of,
   * the registry), afterwards the cached one.
   */
  public ProjectCatalog catalog(String project) {
    ProjectCatalog c = catalogs.get(project);
    return c != null ? c : catalogs.computeIfAbsent(project, fetch);
  }

  /** Reloads one project now, e.g. after this process changed it. */
  public ProjectCatalog refresh(String project) {
    ProjectCatalog c = fetch.apply(project);
    catalogs.put(project, c);
    return c;
  }

  private void refreshAll() {
    for (String project : catalogs.keySet()) {
      try {
        catalogs.put(project, fetch.apply(project));
      } catch (RuntimeException e) {
        LOG.log(
            Level.FINE, "registry refresh of " + project + " failed; keeping the last catalog", e);
      }
    }
  }

  @Override
  public void close() {
    refresher.shutdownNow();
  }
}
