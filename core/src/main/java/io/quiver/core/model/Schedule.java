package io.quiver.core.model;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * When a view materializes: {@code every 15m}, {@code @hourly}, {@code @daily}, or a cron
 * expression of five fields (minute hour day-of-month month day-of-week) or six (seconds first).
 * {@link #interval()} is set for the first three forms; {@link #cron()} for all, in the six-field
 * Quartz form a scheduler can run.
 */
public record Schedule(String text, Duration interval, String cron) {
  private static final Pattern CRON_FIELD = Pattern.compile("[0-9A-Za-z*?,/#LW-]+");

  public static Schedule parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a schedule is required");
    }
    String t = text.trim();
    if (t.startsWith("every ")) {
      Duration every = Durations.parse(t.substring("every ".length()).trim());
      return new Schedule(t, every, null);
    }
    if (t.equals("@hourly")) {
      return new Schedule(t, Duration.ofHours(1), "0 0 * * * ?");
    }
    if (t.equals("@daily")) {
      return new Schedule(t, Duration.ofDays(1), "0 0 0 * * ?");
    }
    String[] fields = t.split("\\s+");
    if (fields.length < 5 || fields.length > 6) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a schedule: expected 'every 15m', @hourly, @daily or a cron"
              + " expression of 5 or 6 fields");
    }
    for (String f : fields) {
      if (!CRON_FIELD.matcher(f).matches()) {
        throw new IllegalArgumentException(
            "'" + text + "' is not a cron expression: bad field '" + f + "'");
      }
    }
    return new Schedule(t, null, fields.length == 6 ? t : "0 " + t);
  }
}
