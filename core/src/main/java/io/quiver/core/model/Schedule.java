package io.quiver.core.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * When a view materializes: {@code every 15m}, {@code @hourly}, {@code @daily}, or a cron
 * expression of five fields (Unix: minute hour day-of-month month day-of-week, Sunday 0 or 7) or
 * six (Quartz: seconds first, Sunday 1). {@link #interval()} is set for the first three forms;
 * {@link #cron()} for all but {@code every}, as a six-field Quartz expression: exactly one of
 * day-of-month and day-of-week is {@code ?}, as Quartz requires.
 */
public record Schedule(String text, Duration interval, String cron) {
  private static final Pattern CRON_FIELD = Pattern.compile("[0-9A-Za-z*?,/#LW-]+");
  private static final Pattern UNIX_DAY_OF_WEEK = Pattern.compile("[0-7]");

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
    List<String> quartz = new ArrayList<>(List.of(fields));
    if (fields.length == 5) {
      quartz.add(0, "0");
      quartz.set(5, quartzDayOfWeek(text, fields[4]));
    }
    return new Schedule(t, null, String.join(" ", daysQuestionMarked(text, quartz)));
  }

  /**
   * Quartz cannot say "this day of the month or this weekday" (Unix cron's meaning when both are
   * restricted), so one of them must be unrestricted, and becomes {@code ?}.
   */
  private static List<String> daysQuestionMarked(String text, List<String> f) {
    boolean anyDay = isAny(f.get(3));
    boolean anyWeekday = isAny(f.get(5));
    if (!anyDay && !anyWeekday) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' restricts both day-of-month and day-of-week; Quartz runs only one of them:"
              + " use * (or ?) in one");
    }
    if (anyWeekday) {
      f.set(5, "?");
      f.set(3, f.get(3).equals("?") ? "*" : f.get(3));
    } else {
      f.set(3, "?");
    }
    return f;
  }

  private static boolean isAny(String field) {
    return field.equals("*") || field.equals("?");
  }

  /** Unix numbers Sunday 0 (or 7) to Saturday 6; Quartz 1 (Sunday) to 7. Names stay as they are. */
  private static String quartzDayOfWeek(String text, String field) {
    if (isAny(field) || field.chars().noneMatch(Character::isDigit)) {
      return field;
    }
    List<String> out = new ArrayList<>();
    for (String part : field.split(",")) {
      String[] stepped = part.split("/", 2);
      String step = stepped.length == 2 ? "/" + stepped[1] : "";
      String[] range = stepped[0].split("-", 2);
      if (range.length == 1) {
        out.add((range[0].equals("*") ? "*" : quartzDay(text, range[0])) + step);
      } else if (range[1].equals("7") && step.isEmpty()) {
        String from = quartzDay(text, range[0]);
        out.add(from.equals("1") ? "1-7" : from + "-7,1"); // Saturday .. Sunday wraps
      } else {
        out.add(quartzDay(text, range[0]) + "-" + quartzDay(text, range[1]) + step);
      }
    }
    return String.join(",", out);
  }

  private static String quartzDay(String text, String unixDay) {
    if (!UNIX_DAY_OF_WEEK.matcher(unixDay).matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a cron expression: day-of-week '" + unixDay + "' is not 0-7");
    }
    return Integer.toString(Integer.parseInt(unixDay) % 7 + 1);
  }
}
