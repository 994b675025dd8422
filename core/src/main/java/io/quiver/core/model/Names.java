package io.quiver.core.model;

import java.util.regex.Pattern;

/** SPEC's name grammar for projects, objects, features and columns. */
public final class Names {
  static final String PATTERN = "[a-z][a-z0-9_]{0,62}";
  private static final Pattern NAME = Pattern.compile(PATTERN);

  private Names() {}

  public static boolean isValid(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** Why {@code name} is not a valid name, for error messages. */
  public static String rule() {
    return "must match [a-z][a-z0-9_]{0,62}: a lower-case letter, then up to 62 lower-case"
        + " letters, digits or underscores";
  }
}
