package io.quiver.registry.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.quiver.common.json.DefinitionJson;
import io.quiver.core.model.DataSource;
import io.quiver.core.model.Definition;
import io.quiver.core.model.FeatureView;
import io.quiver.core.model.Field;
import io.quiver.core.model.Kind;
import io.quiver.core.plan.Change;
import io.quiver.core.plan.Planner;
import io.quiver.core.plan.StoredDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a project's definitions for the planner and writes a plan's changes back. */
@ApplicationScoped
public class ProjectStore {
  private final EntityManager em;

  ProjectStore(EntityManager em) {
    this.em = em;
  }

  /**
   * Serializes writers of one project for the rest of the transaction, so a plan is computed and
   * applied against state nobody else changes meanwhile (and across registry replicas).
   */
  public void lock(String project) {
    em.createNativeQuery("select pg_advisory_xact_lock(hashtext(:p))")
        .setParameter("p", "quiver.registry." + project)
        .getSingleResult();
  }

  public Planner planner(String project) {
    Map<String, StoredDefinition> current = new LinkedHashMap<>();
    for (DefinitionRow row : DefinitionRow.ofProject(project)) {
      Definition d = parse(row);
      current.put(
          Planner.key(d.kind(), d.name()), new StoredDefinition(d, row.revision, row.version));
    }
    Map<String, Integer> highest = new HashMap<>();
    for (ViewVersionRow v : ViewVersionRow.ofProject(project)) {
      highest.merge(v.name, v.version, Math::max);
    }
    return new Planner(current, highest);
  }

  public static Definition parse(DefinitionRow row) {
    return parse(Kind.fromWireName(row.kind), row.spec);
  }

  public static Definition parse(Kind kind, String spec) {
    try {
      JsonNode node = DefinitionJson.mapper().readTree(spec);
      return DefinitionJson.read(kind, node, "");
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes every effective change of a plan; the caller's transaction makes it all or nothing. */
  public void write(String project, List<Change> changes) {
    Instant now = Instant.now();
    for (Change c : changes) {
      switch (c.action()) {
        case CREATE -> create(project, c, now);
        case UPDATE, NEW_VERSION ->
            fill(DefinitionRow.find(project, c.kind().wireName(), c.name()), c, now);
        case DELETE -> DefinitionRow.find(project, c.kind().wireName(), c.name()).delete();
        default -> {}
      }
    }
    // Versions last: an aggregation view's feature types depend on its source, which the same
    // plan may have just written.
    for (Change c : changes) {
      if (c.kind() == Kind.FEATURE_VIEW && c.toVersion() != null) {
        writeVersion(project, c, now);
      }
    }
  }

  private void create(String project, Change c, Instant now) {
    DefinitionRow row = new DefinitionRow();
    row.project = project;
    row.kind = c.kind().wireName();
    row.name = c.name();
    row.createdAt = now;
    fill(row, c, now);
    row.persist();
  }

  private void writeVersion(String project, Change c, Instant now) {
    FeatureView view = (FeatureView) c.after();
    DefinitionRow sourceRow =
        DefinitionRow.find(project, Kind.DATA_SOURCE.wireName(), view.source());
    List<Field> features = view.resolvedFeatures((DataSource) parse(sourceRow));
    ViewVersionRow v = ViewVersionRow.find(project, c.name(), c.toVersion());
    if (v == null) {
      v = new ViewVersionRow();
      v.project = project;
      v.name = c.name();
      v.version = c.toVersion();
      v.backfillState = ViewVersionRow.PENDING;
      v.createdAt = now;
      v.schemas = "{}";
    }
    v.revision = c.toRevision();
    v.spec = DefinitionJson.write(view).toString();
    v.schemas = Schemas.withFeatures(v.schemas, c.toRevision(), features);
    v.updatedAt = now;
    v.persist();
  }

  private static void fill(DefinitionRow row, Change c, Instant now) {
    row.revision = c.toRevision();
    row.version = c.toVersion();
    row.spec = DefinitionJson.write(c.after()).toString();
    row.updatedAt = now;
  }
}
