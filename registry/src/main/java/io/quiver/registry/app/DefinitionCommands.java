package io.quiver.registry.app;

import io.quiver.core.model.Kind;
import io.quiver.core.plan.DesiredDefinition;
import io.quiver.core.plan.Plan;
import io.quiver.core.plan.RevisionConflictException;
import io.quiver.registry.store.ProjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every change to a project's definitions goes through here: one transaction, the project locked,
 * the plan computed against the locked state, then written whole or not at all.
 */
@ApplicationScoped
public class DefinitionCommands {
  private final ProjectStore store;

  DefinitionCommands(ProjectStore store) {
    this.store = store;
  }

  /** The plan, changing nothing. */
  @Transactional
  public Plan plan(String project, List<DesiredDefinition> desired, boolean prune) {
    return store.planner(project).plan(desired, prune);
  }

  /** Applies the plan for {@code desired} atomically; refuses it whole if any part can't apply. */
  @Transactional
  public Plan apply(String project, List<DesiredDefinition> desired, boolean prune) {
    store.lock(project);
    Plan plan = store.planner(project).plan(desired, prune);
    if (!plan.isApplicable()) {
      String why =
          plan.changes().stream()
              .filter(c -> !c.reasons().isEmpty() && c.toRevision() == null)
              .map(
                  c ->
                      c.kind().wireName()
                          + " '"
                          + c.name()
                          + "': "
                          + String.join("; ", c.reasons()))
              .collect(Collectors.joining(" | "));
      throw new RevisionConflictException("objects", "the plan cannot be applied: " + why);
    }
    store.write(project, plan.effective());
    return plan;
  }

  @Transactional
  public Plan delete(String project, Kind kind, String name) {
    store.lock(project);
    Plan plan = store.planner(project).delete(kind, name);
    store.write(project, plan.effective());
    return plan;
  }
}
