package io.quiver.core.model;

import java.util.List;
import java.util.Map;

/** The thing features describe (a user, a merchant), identified by its join keys. */
public record Entity(
    String name, String description, Map<String, String> tags, String owner, List<Field> joinKeys)
    implements Definition {

  public Entity {
    tags = Defaults.tags(tags);
    joinKeys = Defaults.list(joinKeys);
  }

  @Override
  public Kind kind() {
    return Kind.ENTITY;
  }
}
