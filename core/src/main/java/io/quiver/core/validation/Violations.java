package io.quiver.core.validation;

import io.quiver.core.model.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Collects violations while a validator walks an input; throws them all at the end. */
public final class Violations {
  private final List<Violation> found = new ArrayList<>();

  public void add(String field, Object value, String message) {
    found.add(new Violation(field, value, message));
  }

  public void addAll(String prefix, List<Violation> more) {
    more.forEach(v -> found.add(v.prefixed(prefix)));
  }

  /** Records a violation when {@code parse} throws IllegalArgumentException, using its message. */
  public void tryParse(String field, Object value, Consumer<Object> parse) {
    try {
      parse.accept(value);
    } catch (IllegalArgumentException e) {
      add(field, value, e.getMessage());
    }
  }

  public void requireName(String field, String value) {
    if (value == null) {
      add(field, null, "is required");
    } else if (!Names.isValid(value)) {
      add(field, value, Names.rule());
    }
  }

  public void require(String field, Object value) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      add(field, value, "is required");
    }
  }

  public void forbid(String field, Object value, String why) {
    if (value != null) {
      add(field, value, "is not allowed " + why);
    }
  }

  public List<Violation> list() {
    return List.copyOf(found);
  }

  public boolean isEmpty() {
    return found.isEmpty();
  }

  public void throwIfAny() {
    if (!found.isEmpty()) {
      throw new ValidationException(found);
    }
  }
}
