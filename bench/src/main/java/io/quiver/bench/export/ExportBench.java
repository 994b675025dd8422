package io.quiver.bench.export;

import io.quiver.core.model.Field;
import io.quiver.core.model.ValueType;
import io.quiver.devstack.Component;
import io.quiver.devstack.DevStack;
import io.quiver.devstack.DevStackOptions;
import io.quiver.export.engine.DuckDbPointInTimeEngine;
import io.quiver.export.engine.DuckDbSettings;
import io.quiver.export.engine.EntityFormat;
import io.quiver.export.engine.FeatureRead;
import io.quiver.export.engine.OutputFormat;
import io.quiver.export.engine.PointInTimeQuery;
import io.quiver.export.engine.ViewRead;
import io.quiver.offline.Column;
import io.quiver.offline.FeatureTableSpec;
import io.quiver.offline.IcebergOfflineStore;
import io.quiver.offline.TablePlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Export benchmark (SPEC: 1 M entity rows against 3 views of 10 M rows each in at most 30 s, within
 * 1.3x of a hand-written DuckDB query over the same files applying the same rule). Writes the views
 * through offline-store into a real Iceberg catalog, checks both outputs equal, then runs Quiver's
 * engine and the hand-written query interleaved (which goes first alternates); prints time, CPU
 * time, peak RSS during each run, the machine's load average, the medians and their ratio. Linux
 * only (it reads /proc).
 *
 * <p>Args: [entity rows] [rows per view] [repetitions], default 1000000 10000000 5.
 */
public final class ExportBench {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private static final int DAYS = 30;
  private static final String[] VIEWS = {"clicks", "orders", "profile"};
  private static final Duration[] MAX_AGE = {Duration.ofDays(7), null, Duration.ofDays(1)};
  private static final Path LOADAVG = Path.of("/proc/loadavg");

  private ExportBench() {}

  public static void main(String[] args) throws Exception {
    long entities = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
    long perView = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000;
    int reps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    long users = entities;
    Path work = Files.createTempDirectory("quiver-export-bench");
    try (DevStack stack = DevStack.start(DevStackOptions.of(EnumSet.of(Component.POSTGRES)));
        IcebergOfflineStore store =
            IcebergOfflineStore.open(
                stack.endpoints().catalog().withCredentials(), work.resolve("wh").toString())) {
      List<ViewRead> views = new ArrayList<>();
      for (int v = 0; v < VIEWS.length; v++) {
        long start = System.nanoTime();
        views.add(writeView(store, v, perView, users));
        System.out.printf(
            "wrote %s: %d rows in %.1f s%n", VIEWS[v], perView, (System.nanoTime() - start) / 1e9);
      }
      Path input = work.resolve("entities.parquet");
      duck(
          "COPY (SELECT (hash(i * 31) % "
              + users
              + ")::BIGINT AS user_id, TIMESTAMPTZ '2024-01-01' + to_microseconds((hash(i * 17) % "
              + DAYS * 86_400_000_000L
              + ")::BIGINT) AS event_timestamp, i AS label FROM range("
              + entities
              + ") t(i)) TO '"
              + input
              + "' (FORMAT parquet)");
      List<String> columns = new ArrayList<>();
      for (String v : VIEWS) {
        columns.add(v + "__value");
        columns.add(v + "__n");
      }
      PointInTimeQuery q = new PointInTimeQuery(input, EntityFormat.PARQUET, views, columns, true);
      DuckDbSettings settings = new DuckDbSettings("1GB", 2, work.resolve("spill"));
      Path quiverOut = work.resolve("quiver.parquet");
      Path handOut = work.resolve("hand.parquet");
      Runnable quiver =
          () ->
              new DuckDbPointInTimeEngine(settings)
                  .export(q, OutputFormat.PARQUET, quiverOut, f -> {});
      Runnable hand = () -> handWritten(views, input, handOut, settings);
      quiver.run();
      hand.run();
      long diff = differences(quiverOut, handOut);
      System.out.printf("outputs compared: %d differing rows%n", diff);
      if (diff != 0) {
        throw new IllegalStateException("Quiver and the hand-written query disagree");
      }
      List<double[]> q1 = new ArrayList<>();
      List<double[]> h1 = new ArrayList<>();
      for (int i = 0; i < reps; i++) {
        boolean quiverFirst = i % 2 == 0;
        double[] first = measure(quiverFirst ? quiver : hand);
        double[] second = measure(quiverFirst ? hand : quiver);
        q1.add(quiverFirst ? first : second);
        h1.add(quiverFirst ? second : first);
        System.out.printf(
            "rep %d (%s first): quiver %s; hand-written %s; load average %s%n",
            i,
            quiverFirst ? "quiver" : "hand-written",
            describe(q1.get(i)),
            describe(h1.get(i)),
            loadAverage());
      }
      double mq = median(q1, 0);
      double mh = median(h1, 0);
      System.out.printf(
          "median of %d: quiver %.2f s (CPU %.1f s), hand-written %.2f s (CPU %.1f s), ratio %.2f"
              + " (CPU ratio %.2f); peak RSS quiver %.0f MB (+%.0f MB over the run's start),"
              + " hand-written %.0f MB (+%.0f MB)%n",
          reps,
          mq,
          median(q1, 1),
          mh,
          median(h1, 1),
          mq / mh,
          median(q1, 1) / median(h1, 1),
          median(q1, 2),
          median(q1, 3),
          median(h1, 2),
          median(h1, 3));
    }
  }

  private static String describe(double[] m) {
    return String.format("%.2f s, CPU %.1f s, peak RSS %.0f MB (+%.0f MB)", m[0], m[1], m[2], m[3]);
  }

  private static String loadAverage() {
    try {
      return String.join(" ", Arrays.copyOf(Files.readString(LOADAVG).split(" "), 3));
    } catch (Exception e) {
      return "?";
    }
  }

  private static ViewRead writeView(IcebergOfflineStore store, int v, long rows, long users) {
    FeatureTableSpec spec =
        FeatureTableSpec.select(
            "bench",
            VIEWS[v],
            1,
            List.of(Column.of("user_id", ValueType.INT64)),
            List.of(Column.of("value", ValueType.DOUBLE), Column.of("n", ValueType.INT64)));
    int batches = 10;
    for (int b = 0; b < batches; b++) {
      store.append(spec, VIEWS[v] + "-" + b, rows(v, b, batches, rows / batches, users));
    }
    TablePlan plan = store.plan(spec.identifier(), null);
    return new ViewRead(
        VIEWS[v],
        List.of(new Field("user_id", ValueType.INT64)),
        MAX_AGE[v],
        plan,
        null,
        List.of(
            new FeatureRead("value", VIEWS[v] + "__value", ValueType.DOUBLE, null),
            new FeatureRead("n", VIEWS[v] + "__n", ValueType.INT64, null)));
  }

  /** Rows of batch b: its share of the days, random users, created up to 2 h after the event. */
  private static Iterable<Object[]> rows(int view, int b, int batches, long n, long users) {
    long daysPer = DAYS / batches;
    long from = b * daysPer * 86_400_000_000L;
    long span = daysPer * 86_400_000_000L;
    return () ->
        new Iterator<>() {
          private final SplittableRandom rnd = new SplittableRandom(view * 1000L + b);
          private long i;

          @Override
          public boolean hasNext() {
            return i < n;
          }

          @Override
          public Object[] next() {
            i++;
            Instant e = T0.plusNanos((from + rnd.nextLong(span)) * 1000);
            Instant c = e.plusNanos(rnd.nextLong(7_200_000_000L) * 1000);
            return new Object[] {rnd.nextLong(users), e, c, rnd.nextDouble(), rnd.nextLong(1000)};
          }
        };
  }

  /** The same rule written the obvious way: join, filter, keep the newest per entity row. */
  private static void handWritten(
      List<ViewRead> views, Path input, Path out, DuckDbSettings settings) {
    StringBuilder sql =
        new StringBuilder(
            "COPY (WITH e AS (SELECT *, file_row_number AS rn FROM read_parquet('"
                + input
                + "', file_row_number=true))");
    for (int v = 0; v < views.size(); v++) {
      String age =
          MAX_AGE[v] == null
              ? ""
              : " AND f.event_timestamp > e.event_timestamp - INTERVAL '"
                  + MAX_AGE[v].toSeconds()
                  + " seconds'";
      sql.append(", j")
          .append(v)
          .append(" AS (SELECT e.rn, f.value, f.n FROM e JOIN ")
          .append(views.get(v).table().duckDbReadParquet())
          .append(
              " f ON f.user_id = e.user_id AND f.event_timestamp <= e.event_timestamp"
                  + " AND f.created_timestamp <= e.event_timestamp")
          .append(age)
          .append(
              " QUALIFY row_number() OVER (PARTITION BY e.rn"
                  + " ORDER BY f.event_timestamp DESC, f.created_timestamp DESC) = 1)");
    }
    sql.append(" SELECT e.* EXCLUDE (rn, file_row_number)");
    for (int v = 0; v < views.size(); v++) {
      sql.append(", j").append(v).append(".value AS ").append(VIEWS[v]).append("__value");
      sql.append(", j").append(v).append(".n AS ").append(VIEWS[v]).append("__n");
    }
    sql.append(" FROM e");
    for (int v = 0; v < views.size(); v++) {
      sql.append(" LEFT JOIN j").append(v).append(" USING (rn)");
    }
    sql.append(" ORDER BY e.rn) TO '")
        .append(out)
        .append("' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("SET TimeZone = 'UTC'");
      s.execute("SET memory_limit = '" + settings.memoryLimit() + "'");
      s.execute("SET threads = " + settings.threads());
      s.execute("SET temp_directory = '" + settings.tempDirectory() + "'");
      s.execute(sql.toString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static long differences(Path a, Path b) throws Exception {
    String read =
        "SELECT * EXCLUDE (file_row_number), file_row_number AS rn FROM read_parquet('%s',"
            + " file_row_number=true)";
    String sql =
        "SELECT count(*) FROM ("
            + String.format(read, a)
            + ") x FULL JOIN ("
            + String.format(read, b)
            + ") y USING (rn) WHERE x IS DISTINCT FROM y";
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  /**
   * Seconds, process CPU seconds (all threads: DuckDB's and the JVM's), the peak resident set while
   * {@code run} ran (MB; Linux's high-water mark, reset before the run through {@code
   * /proc/self/clear_refs}) and that peak less the resident set at the start (what the run itself
   * added on top of the JVM).
   */
  private static double[] measure(Runnable run) throws Exception {
    Files.writeString(Path.of("/proc/self/clear_refs"), "5");
    double rssBefore = status("VmRSS:") / 1024.0;
    double cpuBefore = cpuSeconds();
    long start = System.nanoTime();
    run.run();
    double seconds = (System.nanoTime() - start) / 1e9;
    double peak = status("VmHWM:") / 1024.0;
    return new double[] {seconds, cpuSeconds() - cpuBefore, peak, peak - rssBefore};
  }

  /** A kB figure of /proc/self/status. */
  private static long status(String field) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no " + field + " in /proc/self/status");
  }

  /** utime + stime of this process, from /proc/self/stat (clock ticks of 1/100 s). */
  private static double cpuSeconds() throws Exception {
    String stat = Files.readString(Path.of("/proc/self/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
  }

  private static double median(List<double[]> xs, int i) {
    double[] v = xs.stream().mapToDouble(x -> x[i]).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static void duck(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("SET TimeZone = 'UTC'");
      s.execute(sql);
    }
  }
}
