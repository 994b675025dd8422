package io.quiver.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quiver.proto.serving.v1.FeatureColumn;
import io.quiver.proto.serving.v1.FeatureStatus;
import io.quiver.proto.serving.v1.GetOnlineFeaturesResponse;
import io.quiver.serving.OnlineOfflineDefs.Kind;
import io.quiver.serving.UserEventHistory.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Online equals offline: for 200 random (entity, t), the value online serving gives at t (the
 * injected {@link TestClock}) equals the value the offline export gives for t, for a select view
 * and two aggregation views (sliding windows with a 5-minute hop; the seed's lifetime aggregates).
 * The whole path is real: CSV files → the packaged materializer → Redis and Iceberg → this serving
 * app (Redis) and the packaged export (Iceberg, over REST).
 *
 * <p><b>Which t.</b> Online holds what has been materialized, so "served at t" means served by a
 * store that holds exactly the events created by t. The history arrives in {@value #BATCHES}
 * batches ({@link UserEventHistory}); after batch k is materialized, that is the case for every t
 * in [last created time of batches 1..k, first created time of batch k+1), and the {@value
 * #PAIRS_PER_BATCH} pairs of phase k take their t there (some exactly at the first bound, some
 * within 10 minutes of it, some exactly at or just before an entity's newest event + maxAge, the
 * last phase up to 10 h on, past every maxAge and window) and are served right after the batch's
 * runs. The export runs once at the end over all batches, so for each t it must leave out what
 * later batches brought (events whose event time is ≤ t but created after t, tiles recomputed after
 * t): the leakage guard, the head hop and the recomputed tiles are all on the path. Late events
 * (created 5–15 h after they happened), corrections, null values and users without history (13, 14;
 * and newcomers in early phases) are in the data.
 *
 * <p><b>The rule</b> turning a served value into the export's value (null = empty CSV field):
 *
 * <ul>
 *   <li>select view: {@code PRESENT} and {@code NULL_VALUE} → the value sent; {@code
 *       OUTSIDE_MAX_AGE} → null (online flags t − event time ≥ maxAge, the export takes no row with
 *       event time ≤ t − maxAge: the same rows); {@code NOT_FOUND} → null.
 *   <li>aggregation views: {@code PRESENT}, {@code NULL_VALUE} and {@code OUTSIDE_MAX_AGE} → the
 *       value sent (SPEC gives aggregation values no maxAge rule; the status only flags staleness);
 *       {@code NOT_FOUND} → null.
 *   <li>{@code UNREADABLE} never matches. Values are compared exactly: INT64 as long, DOUBLE bit
 *       for bit (durations are multiples of 0.25, so sums are exact and a mean is the same division
 *       on both paths), TIMESTAMP to the microsecond, STRING by equality.
 * </ul>
 *
 * <p>Code both paths share (core's window ranges, aggregators, codecs) is beyond this test's reach:
 * the brute-force oracle tests cover it. Another seed: {@code -Dquiver.online-offline.seed=N};
 * every failure message names the seed.
 */
@QuarkusTest
@WithTestResource(ServingTestResource.class)
class OnlineEqualsOfflineTest extends ServingTestBase {
  static final int BATCHES = 4;
  static final int PAIRS_PER_BATCH = 50;
  static final Duration SELECT_MAX_AGE = Duration.ofHours(3);
  static final long SEED = Long.getLong("quiver.online-offline.seed", 20260301L);

  /** Every feature compared, in request order: ref → type. */
  static final Map<String, Kind> FEATURES = OnlineOfflineDefs.features();

  @ConfigProperty(name = "quiver.redis-url")
  String redisUrl;

  /** One (entity, t) and what online serving answered for it, feature by feature. */
  record Pair(int phase, long user, Instant t, List<FeatureStatus> statuses, List<Object> values) {}

  @Test
  void servedValueAtTEqualsTheExportedValueForT() throws Exception {
    Path dir = Files.createTempDirectory("quiver-online-offline-events");
    registry.apply(p, OnlineOfflineDefs.objects(dir + "/*.csv"));
    Random random = new Random(SEED);
    UserEventHistory history = new UserEventHistory(random, BATCHES, 30);
    List<Pair> pairs = new ArrayList<>();
    Timings timings = new Timings();
    try (BatchServices services = BatchServices.start(registryUrl, redisUrl)) {
      timings.lap("start services");
      for (int k = 1; k <= BATCHES; k++) {
        history.writeCsv(k, dir);
        for (String view : OnlineOfflineDefs.VIEWS) {
          services.materialize(p, view);
        }
        timings.lap("materialize");
        if (k == 1) {
          // The catalog serving caches refreshes every 300 ms: wait until it knows the views.
          await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> serve(1L) != null);
        }
        for (int i = 0; i < PAIRS_PER_BATCH; i++) {
          long user = 1 + random.nextInt(UserEventHistory.USERS + 2);
          Instant t = pickT(random, history, k, user);
          clock.set(t);
          pairs.add(served(k, user, t, serve(user)));
        }
        timings.lap("serve");
      }
      List<List<String>> dataset =
          services.exportCsv(p, List.copyOf(FEATURES.keySet()), entityRows(pairs));
      timings.lap("export");
      compare(pairs, dataset);
    }
    System.out.println("OnlineEqualsOfflineTest seconds: " + timings);
    coverage(pairs, history);
  }

  /** Where the test's time goes, printed with its summary (it runs in every CI build). */
  static final class Timings {
    private final Map<String, Double> seconds = new java.util.LinkedHashMap<>();
    private long last = System.nanoTime();

    void lap(String stage) {
      long now = System.nanoTime();
      seconds.merge(stage, (now - last) / 1e9, Double::sum);
      last = now;
    }

    @Override
    public String toString() {
      return seconds.toString();
    }
  }

  private GetOnlineFeaturesResponse serve(long user) {
    return refs(List.copyOf(FEATURES.keySet()), userRow(user));
  }

  /** A t of phase k: where the online store holds exactly the events created by t. */
  private static Instant pickT(Random random, UserEventHistory history, int k, long user) {
    Instant from = history.lastCreated(k);
    Instant next = history.firstCreated(k + 1);
    Instant to = next != null ? next : from.plus(Duration.ofHours(10));
    long span = Duration.between(from, to).toNanos() / 1000;
    int choice = random.nextInt(10);
    Instant t = from.plusNanos(1000 * random.nextLong(span));
    if (choice == 0) {
      t = from;
    } else if (choice <= 3) {
      t = from.plusNanos(1000 * random.nextLong(Duration.ofMinutes(10).toNanos() / 1000));
    } else if (choice <= 5) {
      Instant edge = newestEventTime(history.upTo(k), user);
      edge = edge == null ? null : edge.plus(SELECT_MAX_AGE).minusNanos(random.nextInt(2) * 1000);
      t = edge != null && !edge.isBefore(from) && edge.isBefore(to) ? edge : t;
    }
    assertThat(t).as("seed %d: t of phase %d", SEED, k).isBetween(from, to.minusNanos(1000));
    return t;
  }

  private static Instant newestEventTime(List<Event> events, long user) {
    return events.stream()
        .filter(e -> e.user() == user)
        .map(Event::eventTime)
        .max(Instant::compareTo)
        .orElse(null);
  }

  private static Pair served(int phase, long user, Instant t, GetOnlineFeaturesResponse r) {
    List<FeatureStatus> statuses = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    for (FeatureColumn column : r.getFeaturesList()) {
      statuses.add(column.getStatuses(0));
      values.add(OnlineResponses.value(column, 0));
    }
    return new Pair(phase, user, t, statuses, values);
  }

  private static String entityRows(List<Pair> pairs) {
    StringBuilder rows = new StringBuilder("[");
    for (Pair pair : pairs) {
      rows.append(rows.length() == 1 ? "" : ", ")
          .append("{\"user_id\": ")
          .append(pair.user())
          .append(", \"event_timestamp\": \"")
          .append(pair.t())
          .append("\"}");
    }
    return rows.append(']').toString();
  }

  /** The rule of the class comment, value by value; all mismatches are reported. */
  private static void compare(List<Pair> pairs, List<List<String>> dataset) {
    List<String> header = dataset.get(0);
    assertThat(dataset).as("seed %d: one record per entity row", SEED).hasSize(pairs.size() + 1);
    List<String> refs = List.copyOf(FEATURES.keySet());
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i++) {
      Pair pair = pairs.get(i);
      List<String> record = dataset.get(i + 1);
      assertThat(record.get(header.indexOf("user_id"))).isEqualTo(Long.toString(pair.user()));
      for (int f = 0; f < refs.size(); f++) {
        String ref = refs.get(f);
        Object online = asExported(ref, pair.statuses().get(f), pair.values().get(f));
        String cell = record.get(header.indexOf(ref.replace(":", "__")));
        Object exported = parse(FEATURES.get(ref), cell);
        if (!Objects.equals(online, exported)) {
          mismatches.add(
              "user %d at %s (phase %d), %s: online %s (%s, sent %s) ≠ export %s"
                  .formatted(
                      pair.user(),
                      pair.t(),
                      pair.phase(),
                      ref,
                      online,
                      pair.statuses().get(f),
                      pair.values().get(f),
                      cell));
        }
      }
    }
    assertThat(mismatches)
        .as(
            "seed %d: %d of %d values differ; first ones:%n%s",
            SEED,
            mismatches.size(),
            pairs.size() * refs.size(),
            String.join("\n", mismatches.subList(0, Math.min(25, mismatches.size()))))
        .isEmpty();
  }

  /** What the export must give, judging by what online serving answered (the class's rule). */
  static Object asExported(String ref, FeatureStatus status, Object sent) {
    boolean select = ref.startsWith(OnlineOfflineDefs.SELECT_VIEW + ":");
    return switch (status) {
      case PRESENT, NULL_VALUE -> sent;
      case OUTSIDE_MAX_AGE -> select ? null : sent;
      case NOT_FOUND -> null;
      default -> "<" + status + ">"; // UNREADABLE or unset: equals no exported value
    };
  }

  private static Object parse(Kind kind, String cell) {
    if (cell == null) {
      return null;
    }
    return switch (kind) {
      case INT64 -> Long.parseLong(cell);
      case DOUBLE -> Double.parseDouble(cell);
      case STRING -> cell;
      case TIMESTAMP -> Instant.parse(cell);
    };
  }

  /**
   * The comparison above would pass vacuously if every answer were null: check the pairs reached
   * every status and that the export had later data to leave out.
   */
  private static void coverage(List<Pair> pairs, UserEventHistory history) {
    List<Event> all = history.upTo(BATCHES);
    Map<FeatureStatus, Integer> select = new EnumMap<>(FeatureStatus.class);
    Map<FeatureStatus, Integer> windows = new EnumMap<>(FeatureStatus.class);
    int withLaterData = 0;
    int atMaxAge = 0;
    for (Pair pair : pairs) {
      Instant newest = newestEventTime(history.upTo(pair.phase()), pair.user());
      Duration age = newest == null ? null : Duration.between(newest, pair.t());
      atMaxAge += SELECT_MAX_AGE.equals(age) || SELECT_MAX_AGE.minusNanos(1000).equals(age) ? 1 : 0;
      select.merge(pair.statuses().get(0), 1, Integer::sum);
      pair.statuses().stream()
          .skip(2)
          .limit(OnlineOfflineDefs.WINDOW_FEATURES)
          .forEach(s -> windows.merge(s, 1, Integer::sum));
      boolean later =
          all.stream()
              .anyMatch(
                  e ->
                      e.user() == pair.user()
                          && !e.eventTime().isAfter(pair.t())
                          && e.created().isAfter(pair.t()));
      withLaterData += later ? 1 : 0;
    }
    String summary =
        ("seed %d: select %s, windows %s, pairs with events created after t: %d, pairs at"
                + " (or 1 µs before) newest event + maxAge: %d")
            .formatted(SEED, select, windows, withLaterData, atMaxAge);
    System.out.println("OnlineEqualsOfflineTest " + summary);
    assertThat(select.keySet())
        .as(summary)
        .contains(
            FeatureStatus.PRESENT,
            FeatureStatus.NULL_VALUE,
            FeatureStatus.OUTSIDE_MAX_AGE,
            FeatureStatus.NOT_FOUND);
    assertThat(windows.keySet())
        .as(summary)
        .contains(FeatureStatus.PRESENT, FeatureStatus.NULL_VALUE, FeatureStatus.NOT_FOUND);
    assertThat(withLaterData).as(summary).isGreaterThan(20);
    assertThat(atMaxAge).as(summary).isPositive();
  }
}
