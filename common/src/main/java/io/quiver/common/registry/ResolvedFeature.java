package io.quiver.common.registry;

import io.quiver.core.model.Field;

/**
 * A feature reference resolved to the view version that serves it: {@code ref} as the caller wrote
 * it (after {@code view:*} expansion), and the output column name {@code view__feature}.
 */
public record ResolvedFeature(String ref, ViewVersion view, Field feature) {

  public String columnName() {
    return view.view() + "__" + feature.name();
  }
}
