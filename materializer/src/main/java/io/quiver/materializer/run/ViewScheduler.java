package io.quiver.materializer.run;

import io.quarkus.scheduler.Scheduled;
import io.quiver.common.registry.ProjectCatalog;
import io.quiver.common.registry.RegistryClient;
import io.quiver.core.model.FeatureView;
import io.quiver.core.model.Schedule;
import io.quiver.materializer.config.MaterializerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Runs each view of the configured projects on its {@code schedule}. Every tick, a view's newest
 * due slot is claimed in PostgreSQL ({@link ScheduleSlots}: one process wins a slot; older missed
 * slots are never run, so nothing piles up), then run if no other run holds the view's lock.
 */
@ApplicationScoped
public class ViewScheduler {
  private static final Logger LOG = Logger.getLogger(ViewScheduler.class);
  private final MaterializerConfig config;
  private final RegistryClient registry;
  private final ScheduleSlots slots;
  private final RunExecutor executor;
  private final Set<String> running = ConcurrentHashMap.newKeySet();

  public ViewScheduler(
      MaterializerConfig config,
      RegistryClient registry,
      ScheduleSlots slots,
      RunExecutor executor) {
    this.config = config;
    this.registry = registry;
    this.slots = slots;
    this.executor = executor;
  }

  @Scheduled(
      every = "${quiver.scheduler.tick:15s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Disabled.class)
  void tick() {
    for (String project : config.scheduler().projects()) {
      try {
        ProjectCatalog catalog = registry.fetch(project);
        for (FeatureView view : catalog.definitions().views()) {
          runIfDue(project, view, Instant.now());
        }
      } catch (RuntimeException e) {
        LOG.warnf("scheduler: project %s skipped this tick: %s", project, e.getMessage());
      }
    }
  }

  void runIfDue(String project, FeatureView view, Instant now) {
    if (view.schedule() == null) {
      return;
    }
    Instant slot = ScheduleSlots.latestSlot(Schedule.parse(view.schedule()), now);
    String key = project + "/" + view.name();
    if (running.contains(key) || !slots.claim(project, view.name(), slot)) {
      return;
    }
    running.add(key);
    try {
      if (!executor.runIfFree(RunRequest.incremental(project, view.name(), "schedule"))) {
        LOG.infof("scheduler: %s slot %s skipped, a run of it is in progress", key, slot);
      }
    } finally {
      running.remove(key);
    }
  }

  /** Skips ticks when {@code quiver.scheduler.enabled=false}. */
  @ApplicationScoped
  public static class Disabled implements Scheduled.SkipPredicate {
    private final MaterializerConfig config;

    public Disabled(MaterializerConfig config) {
      this.config = config;
    }

    @Override
    public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
      return !config.scheduler().enabled();
    }
  }
}
