package io.quiver.core.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reference to a feature: {@code view:feature}, {@code view:*} (every feature of the view) or
 * {@code view@N:feature} (pinned to version N). {@code version} is null when unpinned.
 */
public record FeatureRef(String view, Integer version, String feature) {
  private static final Pattern GRAMMAR =
      Pattern.compile("(" + Names.PATTERN + ")(?:@([1-9][0-9]{0,8}))?:(\\*|" + Names.PATTERN + ")");

  public static FeatureRef parse(String text) {
    Matcher m = GRAMMAR.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a feature reference: expected view:feature, view:* or view@N:feature");
    }
    Integer version = m.group(2) == null ? null : Integer.valueOf(m.group(2));
    return new FeatureRef(m.group(1), version, m.group(3));
  }

  public boolean isWildcard() {
    return "*".equals(feature);
  }

  @Override
  public String toString() {
    return view + (version == null ? "" : "@" + version) + ":" + feature;
  }
}
