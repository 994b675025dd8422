package io.quiver.serving.app;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One GetOnlineFeatures request in domain terms: a project, either a feature service or a list of
 * feature refs, and the entity rows (join key name → canonical value: {@link String} or {@link
 * Long}; any other value is refused as mistyped, naming the key).
 */
public record OnlineFeaturesQuery(
    String project, String featureService, List<String> refs, List<Map<String, Object>> rows) {

  public OnlineFeaturesQuery {
    refs = refs == null ? List.of() : List.copyOf(refs);
    rows = Collections.unmodifiableList(new ArrayList<>(rows == null ? List.of() : rows));
    if (project == null || project.isBlank()) {
      throw new InvalidRequestException("project is required");
    }
    boolean byService = featureService != null && !featureService.isBlank();
    if (byService == !refs.isEmpty()) {
      throw new InvalidRequestException(
          "give either a feature service or a list of feature refs, not "
              + (byService ? "both" : "neither"));
    }
  }

  public static OnlineFeaturesQuery ofService(
      String project, String service, List<Map<String, Object>> rows) {
    return new OnlineFeaturesQuery(project, service, List.of(), rows);
  }

  public static OnlineFeaturesQuery ofRefs(
      String project, List<String> refs, List<Map<String, Object>> rows) {
    return new OnlineFeaturesQuery(project, null, refs, rows);
  }

  public boolean byService() {
    return featureService != null && !featureService.isBlank();
  }
}
