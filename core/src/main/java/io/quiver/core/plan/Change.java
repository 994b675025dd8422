package io.quiver.core.plan;

import io.quiver.core.model.Definition;
import io.quiver.core.model.Kind;
import java.util.List;

/**
 * One line of a plan: the object, what happens to it, its revision and version before and after,
 * why (for new versions and incompatible changes) and what follows (backfills, layout changes).
 * {@code after} is the definition to store (null for a delete).
 */
public record Change(
    Kind kind,
    String name,
    Action action,
    Long fromRevision,
    Long toRevision,
    Integer fromVersion,
    Integer toVersion,
    List<String> reasons,
    List<String> consequences,
    Definition after) {}
