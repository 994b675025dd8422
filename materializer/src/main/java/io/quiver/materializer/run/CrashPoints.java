package io.quiver.materializer.run;

import io.quiver.materializer.config.MaterializerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Test-only crash injection: with {@code quiver.test-halt-at=<point>} the JVM halts ({@code
 * Runtime.halt}, no shutdown hooks, like {@code kill -9}) when a run reaches that point. Points:
 * {@code after-curated-commit}, {@code after-iceberg-commit}, {@code after-redis-write}; {@code
 * <point>#<n>} halts the n-th time the process reaches it (a later sub-batch of a run).
 */
@ApplicationScoped
public class CrashPoints {
  private static final Logger LOG = Logger.getLogger(CrashPoints.class);
  private final String haltAt;
  private final int haltAtCount;
  private final AtomicInteger reached = new AtomicInteger();

  public CrashPoints(MaterializerConfig config) {
    String at = config.testHaltAt().orElse("");
    int hash = at.indexOf('#');
    this.haltAt = hash < 0 ? at : at.substring(0, hash);
    this.haltAtCount = hash < 0 ? 1 : Integer.parseInt(at.substring(hash + 1));
  }

  public void reach(String point) {
    if (point.equals(haltAt) && reached.incrementAndGet() == haltAtCount) {
      LOG.warnf("halting at %s (quiver.test-halt-at)", point);
      Runtime.getRuntime().halt(137);
    }
  }
}
