package io.quiver.cli.demo;

import io.quiver.cli.Progress;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** The demo's steps: a numbered header for each, its duration, and a closing summary. */
final class Steps {
  private record Done(String name, long nanos, boolean ok) {}

  private final PrintWriter out;
  private final List<Done> done = new ArrayList<>();

  Steps(PrintWriter out) {
    this.out = out;
  }

  <T> T run(String name, Supplier<T> step) {
    out.printf(Locale.ROOT, "%n[%d] %s%n", done.size() + 1, name);
    out.flush();
    long begin = System.nanoTime();
    boolean ok = false;
    try {
      T result = step.get();
      ok = true;
      return result;
    } finally {
      long nanos = System.nanoTime() - begin;
      done.add(new Done(name, nanos, ok));
      out.println("    " + (ok ? "done" : "FAILED") + " in " + Progress.seconds(nanos));
      out.flush();
    }
  }

  void run(String name, Runnable step) {
    run(
        name,
        () -> {
          step.run();
          return null;
        });
  }

  void summary(String title) {
    out.printf(Locale.ROOT, "%n%s%n", title);
    long total = 0;
    for (Done d : done) {
      out.printf(
          Locale.ROOT,
          "  %-44s %9s%s%n",
          d.name(),
          Progress.seconds(d.nanos()),
          d.ok() ? "" : "  FAILED");
      total += d.nanos();
    }
    out.printf(Locale.ROOT, "  %-44s %9s%n", "total", Progress.seconds(total));
    out.flush();
  }
}
