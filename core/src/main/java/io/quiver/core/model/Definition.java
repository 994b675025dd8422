package io.quiver.core.model;

import java.util.Map;

/** What every registered object has: a kind, a name unique per kind in a project, and metadata. */
public sealed interface Definition permits Entity, DataSource, FeatureView, FeatureService {
  String name();

  String description();

  Map<String, String> tags();

  String owner();

  Kind kind();
}
