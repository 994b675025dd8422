package io.quiver.core.plan;

import java.util.List;

/** The diff between a project's definitions and a desired set, with its consequences. */
public record Plan(List<Change> changes) {

  public boolean isApplicable() {
    return changes.stream().noneMatch(c -> c.action() == Action.INCOMPATIBLE);
  }

  public List<Change> effective() {
    return changes.stream().filter(c -> c.action() != Action.UNCHANGED).toList();
  }
}
