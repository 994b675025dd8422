package io.quiver.cli.repo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** Prints the registry's plan answer as a diff: one line per object, its consequences below. */
public final class PlanReport {
  private enum Action {
    CREATE("+", "create"),
    UPDATE("~", "update"),
    NEW_VERSION("!", "new version"),
    DELETE("-", "delete"),
    UNCHANGED("=", "unchanged"),
    INCOMPATIBLE("x", "incompatible");

    final String mark;
    final String label;

    Action(String mark, String label) {
      this.mark = mark;
      this.label = label;
    }
  }

  private PlanReport() {}

  /** Prints the changes and a summary line; returns whether the plan can be applied. */
  public static boolean print(JsonNode plan, PrintWriter out) {
    Map<Action, Integer> counts = new EnumMap<>(Action.class);
    for (JsonNode change : plan.path("changes")) {
      Action action = Action.valueOf(change.path("action").asText("UNCHANGED"));
      counts.merge(action, 1, Integer::sum);
      out.printf(
          Locale.ROOT,
          "  %s %-15s %-28s %s%s%n",
          action.mark,
          change.path("kind").asText(),
          change.path("name").asText(),
          action.label,
          revisions(change));
      change.path("reasons").forEach(r -> out.println("      why: " + r.asText()));
      change.path("consequences").forEach(c -> out.println("      then: " + c.asText()));
    }
    out.println(summary(counts));
    boolean applicable = plan.path("applicable").asBoolean(true);
    if (!applicable) {
      out.println("This plan cannot be applied: fix the objects marked x.");
    }
    out.flush();
    return applicable;
  }

  private static String revisions(JsonNode c) {
    StringBuilder s = new StringBuilder();
    if (c.has("fromVersion") && c.has("toVersion")) {
      s.append(" v").append(c.get("fromVersion").asLong()).append(" -> v");
      s.append(c.get("toVersion").asLong());
    }
    if (c.has("toRevision")) {
      s.append(" (revision ");
      if (c.has("fromRevision")) {
        s.append(c.get("fromRevision").asLong()).append(" -> ");
      }
      s.append(c.get("toRevision").asLong()).append(')');
    }
    return s.toString();
  }

  private static String summary(Map<Action, Integer> counts) {
    return String.format(
        Locale.ROOT,
        "%d to create, %d to update, %d new versions, %d to delete, %d unchanged%s.",
        counts.getOrDefault(Action.CREATE, 0),
        counts.getOrDefault(Action.UPDATE, 0),
        counts.getOrDefault(Action.NEW_VERSION, 0),
        counts.getOrDefault(Action.DELETE, 0),
        counts.getOrDefault(Action.UNCHANGED, 0),
        counts.containsKey(Action.INCOMPATIBLE)
            ? ", " + counts.get(Action.INCOMPATIBLE) + " incompatible"
            : "");
  }
}
