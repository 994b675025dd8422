package io.quiver.serving;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** Replaces the serving clock in tests: the system clock until {@link #set} serves "as of" t. */
@Singleton
public class TestClock extends Clock {
  private final AtomicReference<Instant> fixed = new AtomicReference<>();

  public void set(Instant t) {
    fixed.set(t);
  }

  public void reset() {
    fixed.set(null);
  }

  @Override
  public Instant instant() {
    Instant t = fixed.get();
    return t != null ? t : Instant.now();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
