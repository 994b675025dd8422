package io.quiver.registry.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.common.json.DefinitionJson;
import io.quiver.core.plan.Change;
import io.quiver.core.plan.Plan;
import io.quiver.registry.store.DefinitionRow;
import io.quiver.registry.store.ProjectStore;
import io.quiver.registry.store.ViewVersionRow;
import java.util.List;

/** The response shapes of the registry (documented in docs/ARCHITECTURE.md). */
final class RegistryJson {
  private RegistryJson() {}

  static ObjectNode object(DefinitionRow row) {
    ObjectNode out = DefinitionJson.write(ProjectStore.parse(row));
    out.put("project", row.project);
    out.put("revision", row.revision);
    if (row.version != null) {
      out.put("version", row.version);
    }
    out.put("createdAt", row.createdAt.toString());
    out.put("updatedAt", row.updatedAt.toString());
    return out;
  }

  static ArrayNode objects(List<DefinitionRow> rows) {
    ArrayNode out = DefinitionJson.mapper().createArrayNode();
    rows.forEach(r -> out.add(object(r)));
    return out;
  }

  static ObjectNode version(ViewVersionRow v) {
    ObjectNode out = DefinitionJson.mapper().createObjectNode();
    out.put("name", v.name);
    out.put("version", v.version);
    out.put("revision", v.revision);
    out.put("backfillState", v.backfillState);
    out.set("schemas", readTree(v.schemas));
    out.put("createdAt", v.createdAt.toString());
    out.put("updatedAt", v.updatedAt.toString());
    out.set(
        "definition",
        DefinitionJson.write(ProjectStore.parse(io.quiver.core.model.Kind.FEATURE_VIEW, v.spec)));
    return out;
  }

  private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
    try {
      return DefinitionJson.mapper().readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static ArrayNode versions(List<ViewVersionRow> rows) {
    ArrayNode out = DefinitionJson.mapper().createArrayNode();
    rows.forEach(r -> out.add(version(r)));
    return out;
  }

  static ObjectNode plan(Plan plan, boolean applied) {
    ObjectNode out = DefinitionJson.mapper().createObjectNode();
    out.put("applicable", plan.isApplicable());
    out.put("applied", applied);
    ArrayNode changes = out.putArray("changes");
    for (Change c : plan.changes()) {
      ObjectNode n = changes.addObject();
      n.put("kind", c.kind().wireName());
      n.put("name", c.name());
      n.put("action", c.action().name());
      putIfSet(n, "fromRevision", c.fromRevision());
      putIfSet(n, "toRevision", c.toRevision());
      putIfSet(n, "fromVersion", c.fromVersion());
      putIfSet(n, "toVersion", c.toVersion());
      c.reasons().forEach(n.putArray("reasons")::add);
      c.consequences().forEach(n.putArray("consequences")::add);
    }
    return out;
  }

  private static void putIfSet(ObjectNode n, String field, Number value) {
    if (value != null) {
      n.put(field, value.longValue());
    }
  }
}
