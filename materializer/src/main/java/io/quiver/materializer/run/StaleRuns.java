package io.quiver.materializer.run;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * At startup, a run still RUNNING whose view lock is free belonged to a process that died (a
 * running run always holds its view's lock): it is marked FAILED so its status tells the truth. Its
 * batch stays pending and the next run of the view completes it.
 */
@ApplicationScoped
public class StaleRuns {
  private static final Logger LOG = Logger.getLogger(StaleRuns.class);

  void onStart(@Observes StartupEvent e, RunStore runs, ViewLocks locks) {
    for (RunRecord r : runs.running()) {
      Optional<ViewLocks.Held> lock = locks.tryLock(r.project(), r.view());
      if (lock.isPresent()) {
        try (ViewLocks.Held held = lock.get()) {
          runs.failed(
              r.id(), "interrupted: the process running it (" + r.worker() + ") stopped", null);
          LOG.warnf(
              "run %s of %s/%s was interrupted by a process stop", r.id(), r.project(), r.view());
        }
      }
    }
  }
}
