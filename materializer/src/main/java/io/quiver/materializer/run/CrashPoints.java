package io.quiver.materializer.run;

import io.quiver.materializer.config.MaterializerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Test-only crash injection: with {@code quiver.test-halt-at=<point>} the JVM halts ({@code
 * Runtime.halt}, no shutdown hooks, like {@code kill -9}) when a run reaches that point. Points:
 * {@code after-curated-commit}, {@code after-iceberg-commit}, {@code after-redis-write}.
 */
@ApplicationScoped
public class CrashPoints {
  private static final Logger LOG = Logger.getLogger(CrashPoints.class);
  private final String haltAt;

  public CrashPoints(MaterializerConfig config) {
    this.haltAt = config.testHaltAt().orElse(null);
  }

  public void reach(String point) {
    if (point.equals(haltAt)) {
      LOG.warnf("halting at %s (quiver.test-halt-at)", point);
      Runtime.getRuntime().halt(137);
    }
  }
}
