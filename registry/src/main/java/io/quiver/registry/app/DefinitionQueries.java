package io.quiver.registry.app;

import io.quiver.core.model.Kind;
import io.quiver.core.plan.NotFoundException;
import io.quiver.registry.store.DefinitionRow;
import io.quiver.registry.store.ViewVersionRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/** Reads of the registry, and the one write the materializer makes: a finished backfill. */
@ApplicationScoped
public class DefinitionQueries {

  @Transactional
  public DefinitionRow get(String project, Kind kind, String name) {
    DefinitionRow row = DefinitionRow.find(project, kind.wireName(), name);
    if (row == null) {
      throw new NotFoundException(kind, name);
    }
    return row;
  }

  @Transactional
  public List<DefinitionRow> list(String project, Kind kind) {
    return DefinitionRow.ofKind(project, kind.wireName());
  }

  @Transactional
  public List<DefinitionRow> all(String project) {
    return DefinitionRow.ofProject(project);
  }

  @Transactional
  public List<ViewVersionRow> versions(String project, String view) {
    List<ViewVersionRow> versions = ViewVersionRow.ofView(project, view);
    if (versions.isEmpty()) {
      throw new NotFoundException(Kind.FEATURE_VIEW, view);
    }
    return versions;
  }

  @Transactional
  public List<ViewVersionRow> allVersions(String project) {
    return ViewVersionRow.ofProject(project);
  }

  /** Records a version's backfill state; serving resolves unpinned refs to complete versions. */
  @Transactional
  public ViewVersionRow setBackfillState(String project, String view, int version, String state) {
    ViewVersionRow row = ViewVersionRow.find(project, view, version);
    if (row == null) {
      throw new NotFoundException("FeatureView '" + view + "' has no version " + version);
    }
    row.backfillState = state;
    row.updatedAt = Instant.now();
    return row;
  }
}
