package io.quiver.core.plan;

import io.quiver.core.model.Kind;

/** No object of that kind and name exists in the project. */
public class NotFoundException extends RuntimeException {
  public NotFoundException(Kind kind, String name) {
    super(kind.wireName() + " '" + name + "' does not exist");
  }

  public NotFoundException(String message) {
    super(message);
  }
}
