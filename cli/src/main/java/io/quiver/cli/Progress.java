package io.quiver.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress on long work: on a terminal a spinner line redrawn in place with the elapsed time; in a
 * pipe or a log, only the finished steps (one line each), so output stays readable.
 */
public final class Progress {
  private static final String SPIN = "|/-\\";
  private final PrintWriter out;
  private final boolean live;
  private int tick;
  private int drawn;

  public Progress(PrintWriter out) {
    this(out, System.console() != null && System.getenv("QUIVER_NO_PROGRESS") == null);
  }

  Progress(PrintWriter out, boolean live) {
    this.out = out;
    this.live = live;
  }

  /** Redraws the current step's line (terminal only). */
  public void update(String step, long startNanos) {
    if (!live) {
      return;
    }
    String line =
        String.format(
            Locale.ROOT,
            "%c %s (%s)",
            SPIN.charAt(tick++ % SPIN.length()),
            step,
            seconds(System.nanoTime() - startNanos));
    out.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
    drawn = line.length();
    out.flush();
  }

  /** Ends a step with a line of its own. */
  public void done(String line) {
    clear();
    out.println(line);
    out.flush();
  }

  public void clear() {
    if (live && drawn > 0) {
      out.print("\r" + " ".repeat(drawn) + "\r");
      drawn = 0;
    }
  }

  public static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
  }
}
