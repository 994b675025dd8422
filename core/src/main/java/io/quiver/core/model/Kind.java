package io.quiver.core.model;

import java.util.Arrays;

/** The four kinds of definition, with their REST path segment. */
public enum Kind {
  ENTITY("Entity", "entities"),
  DATA_SOURCE("DataSource", "data-sources"),
  FEATURE_VIEW("FeatureView", "feature-views"),
  FEATURE_SERVICE("FeatureService", "feature-services");

  private final String wireName;
  private final String pathSegment;

  Kind(String wireName, String pathSegment) {
    this.wireName = wireName;
    this.pathSegment = pathSegment;
  }

  /** The value of the {@code kind} field in JSON and YAML, e.g. {@code FeatureView}. */
  public String wireName() {
    return wireName;
  }

  /** The REST collection name, e.g. {@code feature-views}. */
  public String pathSegment() {
    return pathSegment;
  }

  public static Kind fromWireName(String wire) {
    return Arrays.stream(values())
        .filter(k -> k.wireName.equals(wire))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown kind '"
                        + wire
                        + "' (expected Entity, DataSource, FeatureView or FeatureService)"));
  }

  public static Kind fromPathSegment(String segment) {
    return Arrays.stream(values())
        .filter(k -> k.pathSegment.equals(segment))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown collection '"
                        + segment
                        + "' (expected entities, data-sources, feature-views or"
                        + " feature-services)"));
  }
}
