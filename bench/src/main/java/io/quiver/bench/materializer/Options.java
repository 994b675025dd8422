package io.quiver.bench.materializer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line options, {@code --name value}: the data set (events, users, hours of event time,
 * files), the materializer's heap, the Redis pipeline size (the service's default 2000) and the
 * number of interleaved Redis repetitions and of untimed warm-up rounds before them, where to write
 * a flight recording of the materializer JVM ({@code --jfr file}, none by default) and its garbage
 * collector ({@code --gc Parallel}, {@code Serial} or {@code G1}), and how many end-to-end runs to
 * time ({@code --runs}, each a fresh project over the same files in the same materializer JVM).
 */
record Options(
    long events,
    int users,
    int hours,
    int files,
    String materializerHeap,
    int pipeline,
    int reps,
    int warmup,
    String jfr,
    String gc,
    int runs) {
  static Options parse(String[] argv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < argv.length; i++) {
      if (!argv[i].startsWith("--") || i + 1 == argv.length) {
        throw new IllegalArgumentException("expected --name value pairs, got " + argv[i]);
      }
      m.put(argv[i].substring(2), argv[++i]);
    }
    Options o =
        new Options(
            Long.parseLong(m.getOrDefault("events", "5000000")),
            Integer.parseInt(m.getOrDefault("users", "50000")),
            Integer.parseInt(m.getOrDefault("hours", "24")),
            Integer.parseInt(m.getOrDefault("files", "10")),
            m.getOrDefault("materializer-heap", "4g"),
            Integer.parseInt(m.getOrDefault("pipeline", "2000")),
            Integer.parseInt(m.getOrDefault("reps", "7")),
            Integer.parseInt(m.getOrDefault("warmup", "3")),
            m.getOrDefault("jfr", ""),
            m.getOrDefault("gc", "Parallel"),
            Integer.parseInt(m.getOrDefault("runs", "3")));
    m.keySet()
        .removeAll(
            java.util.Set.of(
                "events",
                "users",
                "hours",
                "files",
                "materializer-heap",
                "pipeline",
                "reps",
                "warmup",
                "jfr",
                "gc",
                "runs"));
    if (!m.isEmpty()) {
      throw new IllegalArgumentException("unknown options " + m.keySet());
    }
    if (o.reps() < 5) {
      throw new IllegalArgumentException("--reps must be at least 5 (SPEC: median of >= 5)");
    }
    if (o.runs() < 1) {
      throw new IllegalArgumentException("--runs must be at least 1");
    }
    return o;
  }

  /**
   * The materializer JVM's flags. The parallel collector by default: a batch run keeps its rows
   * live, and the serial collector spent seconds copying them (a quarter of a run in one profile).
   */
  String[] jvmArgs() {
    List<String> args =
        new ArrayList<>(
            List.of("-Xmx" + materializerHeap, "-Xms" + materializerHeap, "-XX:+Use" + gc + "GC"));
    if (!jfr.isEmpty()) {
      // without it the profile pins inlined frames to the nearest safepoint, not where time goes
      args.add("-XX:+UnlockDiagnosticVMOptions");
      args.add("-XX:+DebugNonSafepoints");
      args.add("-XX:StartFlightRecording=settings=profile,filename=" + jfr);
    }
    return args.toArray(String[]::new);
  }
}
