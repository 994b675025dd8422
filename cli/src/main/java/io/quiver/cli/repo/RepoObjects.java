package io.quiver.cli.repo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The objects of a feature repo in file order, each with where it came from ({@code file.yaml} or
 * {@code file.yaml#2} for the second document), so the registry's {@code objects[i]} errors can
 * name the file.
 */
public record RepoObjects(List<JsonNode> objects, List<String> origins) {
  private static final Pattern INDEX = Pattern.compile("objects\\[(\\d+)]\\.?");

  public RepoObjects {
    objects = List.copyOf(objects);
    origins = List.copyOf(origins);
  }

  /** The plan/apply body: {@code {"objects": [...], "prune": prune}}. */
  public ObjectNode body(boolean prune) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ArrayNode list = body.putArray("objects");
    objects.forEach(list::add);
    body.put("prune", prune);
    return body;
  }

  /**
   * {@code objects[2].features[0].type: ...} becomes {@code views.yaml#2: features[0].type: ...}.
   */
  public String locate(String line) {
    Matcher m = INDEX.matcher(line);
    if (!m.find()) {
      return line;
    }
    int i = Integer.parseInt(m.group(1));
    if (i >= origins.size()) {
      return line;
    }
    String rest = line.substring(m.end());
    return line.substring(0, m.start())
        + origins.get(i)
        + (rest.startsWith(":") ? "" : ": ")
        + rest;
  }
}
