package io.quiver.registry.api;

import io.quiver.core.model.Kind;
import io.quiver.core.model.Names;
import io.quiver.core.validation.ValidationException;

/** Validation of path parameters, so a bad project or kind gets the same problem+json as a body. */
final class Paths {
  static final String KINDS = "entities|data-sources|feature-views|feature-services";

  private Paths() {}

  static String project(String project) {
    if (!Names.isValid(project)) {
      throw new ValidationException("project", project, Names.rule());
    }
    return project;
  }

  static Kind kind(String segment) {
    return Kind.fromPathSegment(segment);
  }

  static String name(String name) {
    if (!Names.isValid(name)) {
      throw new ValidationException("name", name, Names.rule());
    }
    return name;
  }
}
