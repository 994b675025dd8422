package io.quiver.core.plan;

import io.quiver.core.model.Definition;
import io.quiver.core.model.DefinitionSet;
import io.quiver.core.model.Entity;
import io.quiver.core.model.FeatureView;
import io.quiver.core.model.Kind;
import io.quiver.core.model.ViewCompatibility;
import io.quiver.core.validation.DefinitionValidator;
import io.quiver.core.validation.ReferenceValidator;
import io.quiver.core.validation.Violations;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes the plan that takes a project from its stored definitions to a desired set: validates
 * every object on its own and against the state the plan would produce, checks expected revisions,
 * and classifies each change. Pure: it changes nothing, so plan and apply share it.
 */
public final class Planner {
  private final Map<String, StoredDefinition> current;
  private final Map<String, Integer> highestVersions;

  /**
   * @param current the project's stored definitions, keyed by {@link #key}
   * @param highestVersions per view, the highest version it ever had (also for deleted views, so a
   *     re-created view does not reuse a version whose tables still exist)
   */
  public Planner(Map<String, StoredDefinition> current, Map<String, Integer> highestVersions) {
    this.current = current;
    this.highestVersions = highestVersions;
  }

  public static String key(Kind kind, String name) {
    return kind.wireName() + "/" + name;
  }

  /** The plan for {@code desired}; objects absent from it are deleted only when {@code prune}. */
  public Plan plan(List<DesiredDefinition> desired, boolean prune) {
    Violations v = new Violations();
    Set<String> named = new HashSet<>();
    for (DesiredDefinition d : desired) {
      v.addAll(d.field(), DefinitionValidator.validate(d.definition()));
      if (!named.add(key(d.definition().kind(), d.definition().name()))) {
        v.add(d.field() + ".name", d.definition().name(), "appears twice in this request");
      }
    }
    v.throwIfAny();
    DefinitionSet after = target(desired, prune, named);
    for (DesiredDefinition d : desired) {
      v.addAll(d.field(), ReferenceValidator.validate(d.definition(), after));
    }
    v.throwIfAny();
    List<Change> changes = new ArrayList<>();
    desired.forEach(d -> changes.add(change(d, after)));
    if (prune) {
      deletions(named, after, changes);
    }
    return new Plan(changes);
  }

  /** The plan that deletes one object, refused while another object references it. */
  public Plan delete(Kind kind, String name) {
    StoredDefinition old = current.get(key(kind, name));
    if (old == null) {
      throw new NotFoundException(kind, name);
    }
    DefinitionSet after = currentSet().without(kind, name);
    List<String> referrers = ReferenceValidator.referrers(kind, name, after);
    if (!referrers.isEmpty()) {
      throw new RevisionConflictException(
          "name",
          kind.wireName()
              + " '"
              + name
              + "' is still referenced by "
              + String.join(", ", referrers));
    }
    return new Plan(List.of(deleteChange(old)));
  }

  private DefinitionSet target(List<DesiredDefinition> desired, boolean prune, Set<String> named) {
    DefinitionSet set = currentSet();
    if (prune) {
      for (StoredDefinition s : current.values()) {
        Definition d = s.definition();
        if (!named.contains(key(d.kind(), d.name()))) {
          set = set.without(d.kind(), d.name());
        }
      }
    }
    for (DesiredDefinition d : desired) {
      set = set.with(d.definition());
    }
    return set;
  }

  private DefinitionSet currentSet() {
    return DefinitionSet.of(
        current.values().stream().map(StoredDefinition::definition).toList(),
        (view, version) -> version >= 1 && version <= highestVersions.getOrDefault(view, 0));
  }

  private Change change(DesiredDefinition d, DefinitionSet after) {
    Definition def = d.definition();
    StoredDefinition old = current.get(key(def.kind(), def.name()));
    checkRevision(d, old);
    if (old == null) {
      Integer version =
          def instanceof FeatureView ? highestVersions.getOrDefault(def.name(), 0) + 1 : null;
      return new Change(
          def.kind(),
          def.name(),
          Action.CREATE,
          null,
          1L,
          null,
          version,
          List.of(),
          Consequences.ofCreate(def, version),
          def);
    }
    if (old.definition().equals(def)) {
      return new Change(
          def.kind(),
          def.name(),
          Action.UNCHANGED,
          old.revision(),
          old.revision(),
          old.version(),
          old.version(),
          List.of(),
          List.of(),
          def);
    }
    return update(old, def, after);
  }

  private Change update(StoredDefinition old, Definition def, DefinitionSet after) {
    long rev = old.revision() + 1;
    if (def instanceof FeatureView view) {
      List<String> breaking =
          ViewCompatibility.breakingChanges((FeatureView) old.definition(), view);
      if (!breaking.isEmpty()) {
        int version = highestVersions.getOrDefault(def.name(), old.version()) + 1;
        return new Change(
            def.kind(),
            def.name(),
            Action.NEW_VERSION,
            old.revision(),
            rev,
            old.version(),
            version,
            breaking,
            Consequences.ofNewVersion(view, version),
            def);
      }
    }
    if (def instanceof Entity e && !((Entity) old.definition()).joinKeys().equals(e.joinKeys())) {
      List<String> users = ReferenceValidator.referrers(Kind.ENTITY, def.name(), after);
      if (!users.isEmpty()) {
        return new Change(
            def.kind(),
            def.name(),
            Action.INCOMPATIBLE,
            old.revision(),
            null,
            null,
            null,
            List.of(
                "join keys changed while used by "
                    + String.join(", ", users)
                    + ": create a new entity and new views instead"),
            List.of(),
            def);
      }
    }
    return new Change(
        def.kind(),
        def.name(),
        Action.UPDATE,
        old.revision(),
        rev,
        old.version(),
        old.version(),
        List.of(),
        Consequences.ofUpdate(old.definition(), def, after),
        def);
  }

  private void checkRevision(DesiredDefinition d, StoredDefinition old) {
    Long expected = d.expectedRevision();
    if (expected == null) {
      return;
    }
    long actual = old == null ? 0 : old.revision();
    if (expected != actual) {
      throw new RevisionConflictException(
          d.field() + ".expectedRevision",
          d.definition().kind().wireName()
              + " '"
              + d.definition().name()
              + "' is at revision "
              + actual
              + ", not the expected "
              + expected
              + ": read it again and retry");
    }
  }

  private void deletions(Set<String> named, DefinitionSet after, List<Change> changes) {
    for (StoredDefinition s : current.values()) {
      Definition d = s.definition();
      if (!named.contains(key(d.kind(), d.name()))) {
        changes.add(deleteChange(s));
      }
    }
  }

  private static Change deleteChange(StoredDefinition old) {
    Definition d = old.definition();
    return new Change(
        d.kind(),
        d.name(),
        Action.DELETE,
        old.revision(),
        null,
        old.version(),
        null,
        List.of(),
        Consequences.ofDelete(d),
        null);
  }
}
