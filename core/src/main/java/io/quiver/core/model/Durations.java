package io.quiver.core.model;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** SPEC's duration grammar: a positive whole number and one unit of s, m, h or d ({@code 15m}). */
public final class Durations {
  private static final Pattern GRAMMAR = Pattern.compile("([0-9]{1,9})([smhd])");

  private Durations() {}

  /**
   * Parses {@code 30s}, {@code 15m}, {@code 2h} or {@code 7d}.
   *
   * @throws IllegalArgumentException naming the bad text when it is malformed, zero or negative
   */
  public static Duration parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("a duration is required (like 30s, 15m, 2h or 7d)");
    }
    Matcher m = GRAMMAR.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a duration: expected a positive number and s, m, h or d, like 15m");
    }
    long amount = Long.parseLong(m.group(1));
    if (amount == 0) {
      throw new IllegalArgumentException("'" + text + "' is not a positive duration");
    }
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }

  /** The shortest text in SPEC's grammar that {@link #parse} reads back as {@code d}. */
  public static String format(Duration d) {
    long s = d.getSeconds();
    if (s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    if (s % 3_600 == 0) {
      return s / 3_600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }
}
