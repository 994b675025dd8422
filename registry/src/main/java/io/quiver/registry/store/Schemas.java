package io.quiver.registry.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.common.json.DefinitionJson;
import io.quiver.core.model.Field;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The online schema history of a view version: {@code {"<id>": [{name, type}, ...]}}. A new id (the
 * revision that made the change) is added only when the feature list changes, so records in Redis
 * keep decoding after a view gains a feature.
 */
final class Schemas {
  private Schemas() {}

  static String withFeatures(String json, long revision, List<Field> features) {
    try {
      ObjectNode all = (ObjectNode) DefinitionJson.mapper().readTree(json);
      String latest = null;
      for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = all.fields();
          it.hasNext(); ) {
        Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e = it.next();
        if (latest == null || Long.parseLong(e.getKey()) > Long.parseLong(latest)) {
          latest = e.getKey();
        }
      }
      com.fasterxml.jackson.databind.JsonNode now = DefinitionJson.mapper().valueToTree(features);
      if (latest == null || !all.get(latest).equals(now)) {
        all.set(Long.toString(revision), now);
      }
      return all.toString();
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
