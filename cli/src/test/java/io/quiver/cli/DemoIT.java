package io.quiver.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./quiver demo} as a user runs it, checked against a brute-force computation over the
 * events it wrote: the online values it prints and the dataset it exported. The events are read
 * back with DuckDB, the aggregation is written here; nothing comes from Quiver's own code.
 */
class DemoIT {
  private static final Pattern ONLINE =
      Pattern.compile("^\\s+user_id=(\\d+) \\|(.*)$", Pattern.MULTILINE);
  private static final Pattern FEATURE = Pattern.compile("(\\w+)=(\\S+)");

  record Event(long user, Instant time, Double duration) {}

  /** The four lifetime aggregates of one user's events with event time <= t; null when none. */
  record Expected(Instant last, Long count, Double mean, Double sum) {
    static Expected of(List<Event> events, long user, Instant t) {
      Instant last = null;
      long count = 0;
      long withDuration = 0;
      double sum = 0;
      for (Event e : events) {
        if (e.user() == user && !e.time().isAfter(t)) {
          count++;
          last = last == null || e.time().isAfter(last) ? e.time() : last;
          if (e.duration() != null) {
            withDuration++;
            sum += e.duration();
          }
        }
      }
      return count == 0
          ? new Expected(null, null, null, null)
          : new Expected(
              last,
              count,
              withDuration == 0 ? null : sum / withDuration,
              withDuration == 0 ? null : sum);
    }
  }

  @TempDir Path home;

  @Test
  void demoPrintsOnlineValuesAndExportsADatasetThatMatchItsEvents() throws Exception {
    Map<String, String> env = Map.of("QUIVER_HOME", home.toString(), "QUIVER_NO_BUILD", "1");

    CliProcess demo =
        CliProcess.launcher(env, Duration.ofMinutes(15), "demo", "--seed=42", "--users=8");

    assertThat(demo.exit()).as(demo.toString()).isZero();
    assertThat(demo.out())
        .contains("Demo finished:")
        .contains("materialize user_features (2nd run)");
    List<Event> events = readEvents(home.resolve("raw/user_events"));
    assertThat(events).hasSize(540);
    Instant latest = events.stream().map(Event::time).max(Instant::compareTo).orElseThrow();

    Matcher rows = ONLINE.matcher(demo.out());
    int users = 0;
    while (rows.find()) {
      long user = Long.parseLong(rows.group(1));
      Map<String, String> values = new HashMap<>();
      Matcher f = FEATURE.matcher(rows.group(2));
      while (f.find()) {
        values.put(f.group(1), f.group(2));
      }
      check("online user " + user, Expected.of(events, user, latest), values);
      users++;
    }
    assertThat(users).as(demo.out()).isEqualTo(5);

    Path dataset = datasetPath(demo.out());
    List<String> lines = Files.readAllLines(dataset);
    List<String> header = List.of(lines.get(0).split(",", -1));
    assertThat(header).startsWith("user_id", "event_timestamp");
    assertThat(lines).hasSize(11);
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      Map<String, String> values = new HashMap<>();
      for (int i = 2; i < cells.length; i++) {
        values.put(header.get(i).substring(header.get(i).indexOf("__") + 2), cells[i]);
      }
      long user = Long.parseLong(cells[0]);
      Instant t = Instant.parse(cells[1]);
      check("export " + line, Expected.of(events, user, t), values);
    }
  }

  private static void check(String what, Expected expected, Map<String, String> actual) {
    assertThat(actual)
        .as(what)
        .containsKeys("last_activity", "event_count", "avg_session_duration", "total_session_time");
    if (expected.count() == null) {
      assertThat(actual.values()).as(what).allMatch(v -> v.isEmpty() || v.equals("null"));
      return;
    }
    assertThat(Long.parseLong(actual.get("event_count"))).as(what).isEqualTo(expected.count());
    assertThat(Instant.parse(actual.get("last_activity"))).as(what).isEqualTo(expected.last());
    assertThat(Double.parseDouble(actual.get("total_session_time")))
        .as(what)
        .isCloseTo(expected.sum(), within(1e-6));
    assertThat(Double.parseDouble(actual.get("avg_session_duration")))
        .as(what)
        .isCloseTo(expected.mean(), within(1e-9));
  }

  private static List<Event> readEvents(Path folder) throws Exception {
    List<Event> events = new ArrayList<>();
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = duck.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT user_id, epoch_us(event_time), session_duration FROM read_parquet('"
                    + folder
                    + "/*.parquet')")) {
      while (r.next()) {
        long micros = r.getLong(2);
        Double duration = r.getObject(3) == null ? null : r.getDouble(3);
        events.add(new Event(r.getLong(1), Instant.EPOCH.plusNanos(micros * 1000), duration));
      }
    }
    return events;
  }

  private static Path datasetPath(String out) {
    Matcher m = Pattern.compile("dataset:\\s+(\\S+)").matcher(out);
    assertThat(m.find()).as(out).isTrue();
    String uri = m.group(1);
    return uri.startsWith("file:") ? Path.of(java.net.URI.create(uri)) : Path.of(uri);
  }
}
