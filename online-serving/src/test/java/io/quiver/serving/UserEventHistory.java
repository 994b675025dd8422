package io.quiver.serving;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded user_events history that arrives in batches, the way files land in a source folder:
 * batch k arrives at {@code arrival(k)}, and every event in it has a created time in {@code
 * (arrival(k) − SPREAD, arrival(k)]} (the first one exactly at the arrival). Most events happened
 * shortly before they were created; some are late (created 5 to 15 hours after they happened) and
 * some correct an earlier event (same user and event time, later created time, new values). Event
 * types and durations are sometimes null; durations are multiples of 0.25, so every sum of them is
 * exact in binary floating point and a mean is the same division on any path.
 */
final class UserEventHistory {
  static final Instant T0 = Instant.parse("2024-06-01T00:00:00Z");
  static final Duration ARRIVAL_EVERY = Duration.ofHours(2);
  static final Duration SPREAD = Duration.ofMinutes(40);
  static final int USERS = 12;
  private static final String[] TYPES = {"click", "view", "purchase", "search"};

  /** One source record; eventType and duration may be null. */
  record Event(long user, Instant eventTime, Instant created, String eventType, Double duration) {}

  private final List<List<Event>> batches = new ArrayList<>();

  /** {@code batches} batches of {@code perBatch} events each. */
  UserEventHistory(Random random, int batches, int perBatch) {
    for (int k = 1; k <= batches; k++) {
      this.batches.add(batch(random, k, perBatch));
    }
  }

  static Instant arrival(int batch) {
    return T0.plus(ARRIVAL_EVERY.multipliedBy(batch));
  }

  /** Batch k (1-based). */
  List<Event> batch(int k) {
    return batches.get(k - 1);
  }

  /** Every event of batches 1..k. */
  List<Event> upTo(int k) {
    List<Event> all = new ArrayList<>();
    batches.subList(0, k).forEach(all::addAll);
    return all;
  }

  /** The first created time of batch k (null for a batch that does not exist). */
  Instant firstCreated(int k) {
    if (k > batches.size()) {
      return null;
    }
    return batch(k).stream().map(Event::created).min(Instant::compareTo).orElseThrow();
  }

  /** The last created time of batches 1..k. */
  Instant lastCreated(int k) {
    return upTo(k).stream().map(Event::created).max(Instant::compareTo).orElseThrow();
  }

  private List<Event> batch(Random random, int k, int n) {
    List<Event> events = new ArrayList<>();
    // Users 1..4 from the start, four more with each batch: newcomers have no history before.
    int activeUsers = Math.min(USERS, 4 * k);
    for (int i = 0; i < n; i++) {
      Instant created = i == 0 ? arrival(k) : arrival(k).minus(micros(random, SPREAD));
      List<Event> earlier = upTo(k - 1);
      int kind = random.nextInt(100);
      if (kind < 8 && !earlier.isEmpty()) {
        Event old = earlier.get(random.nextInt(earlier.size()));
        events.add(new Event(old.user(), old.eventTime(), created, type(random), duration(random)));
        continue;
      }
      Duration before =
          kind < 20
              ? Duration.ofHours(5).plus(micros(random, Duration.ofHours(10)))
              : micros(random, Duration.ofMinutes(80));
      long user = 1 + random.nextInt(activeUsers);
      events.add(new Event(user, created.minus(before), created, type(random), duration(random)));
    }
    return events;
  }

  private static Duration micros(Random random, Duration below) {
    return Duration.of(random.nextLong(below.toNanos() / 1000), ChronoUnit.MICROS);
  }

  private static String type(Random random) {
    return random.nextInt(10) == 0 ? null : TYPES[random.nextInt(TYPES.length)];
  }

  private static Double duration(Random random) {
    return random.nextInt(7) == 0 ? null : random.nextInt(400) * 0.25;
  }

  /** Writes batch k as one CSV file (empty field for null), as a source would deliver it. */
  void writeCsv(int k, Path dir) {
    StringBuilder b =
        new StringBuilder("user_id,event_time,created_at,event_type,session_duration\n");
    for (Event e : batch(k)) {
      b.append(e.user()).append(',').append(e.eventTime()).append(',').append(e.created());
      b.append(',').append(e.eventType() == null ? "" : e.eventType());
      b.append(',').append(e.duration() == null ? "" : e.duration()).append('\n');
    }
    try {
      Files.writeString(dir.resolve("batch-" + k + ".csv"), b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
