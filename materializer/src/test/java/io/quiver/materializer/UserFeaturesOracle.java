package io.quiver.materializer;

import io.quiver.materializer.TestData.UserEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The seed's user_features computed by brute force in plain Java (nothing from {@code core}): per
 * user, lifetime max(event_time), count, mean and sum of session_duration; and random user_events.
 */
final class UserFeaturesOracle {
  private UserFeaturesOracle() {}

  /** The oracle's answer for one user: SPEC's lifetime aggregates over distinct events. */
  record Expected(Instant lastActivity, Long eventCount, Double avgSession, Double totalSession) {}

  static List<UserEvent> events(Random r, int n, Instant from, Duration span) {
    List<UserEvent> out = new ArrayList<>();
    String[] types = {"click", "view", "purchase"};
    for (int i = 0; i < n; i++) {
      long offsetMicros = (long) (r.nextDouble() * span.toSeconds() * 1_000_000L);
      Instant t = from.plusNanos(offsetMicros * 1000);
      Double session = r.nextInt(50) == 0 ? null : Math.round(r.nextDouble() * 6000) / 10.0;
      out.add(new UserEvent(1 + r.nextInt(25), t, types[r.nextInt(3)], session));
    }
    return out;
  }

  /** Brute force, in plain Java: per user over distinct events, max/count/mean/sum. */
  static Map<Long, Expected> oracle(List<UserEvent> events) {
    return oracleOverEach(new ArrayList<>(new LinkedHashSet<>(events)));
  }

  /** The same, counting every event given (the caller decided what is distinct). */
  static Map<Long, Expected> oracleOverEach(List<UserEvent> events) {
    Map<Long, Expected> out = new TreeMap<>();
    Map<Long, List<UserEvent>> byUser = new HashMap<>();
    for (UserEvent e : events) {
      byUser.computeIfAbsent(e.userId(), k -> new ArrayList<>()).add(e);
    }
    byUser.forEach(
        (user, list) -> {
          Instant last =
              list.stream().map(UserEvent::eventTime).max(Comparator.naturalOrder()).orElseThrow();
          List<Double> sessions =
              list.stream().map(UserEvent::sessionDuration).filter(d -> d != null).toList();
          double sum = 0;
          for (double d : sessions) {
            sum += d;
          }
          out.put(
              user,
              new Expected(
                  last,
                  (long) list.size(),
                  sessions.isEmpty() ? null : sum / sessions.size(),
                  sessions.isEmpty() ? null : sum));
        });
    return out;
  }

  /** Doubles to 6 decimals: the stores may sum in another order than the oracle. */
  static Map<Long, Expected> rounded(Map<Long, Expected> values) {
    Map<Long, Expected> out = new TreeMap<>();
    values.forEach(
        (k, v) ->
            out.put(
                k,
                new Expected(
                    v.lastActivity(),
                    v.eventCount(),
                    round(v.avgSession()),
                    round(v.totalSession()))));
    return out;
  }

  static Double round(Double d) {
    return d == null ? null : Math.round(d * 1e6) / 1e6;
  }
}
