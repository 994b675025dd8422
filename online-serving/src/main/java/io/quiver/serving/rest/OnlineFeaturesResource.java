package io.quiver.serving.rest;

import io.quiver.serving.app.FeatureColumn;
import io.quiver.serving.app.OnlineFeatureReader;
import io.quiver.serving.app.OnlineFeaturesQuery;
import io.quiver.serving.app.ValueStatus;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The REST twin of GetOnlineFeatures for callers without gRPC: {@code POST
 * /api/v1/projects/{p}/online-features} with {@code {"featureService": ...}} or {@code {"features":
 * [refs]}} and {@code "entities": [{joinKey: value}]}; the same columnar answer as JSON.
 */
@Path("/api/v1/projects/{project}/online-features")
public class OnlineFeaturesResource {
  /** The request body. */
  public record Body(
      String featureService, List<String> features, List<Map<String, Object>> entities) {}

  /** One feature over every entity row (timestamps as ISO-8601, bytes as base64). */
  public record Column(
      String name,
      int viewVersion,
      List<Object> values,
      List<ValueStatus> statuses,
      List<Long> eventTimeMicros,
      List<Long> ageMicros) {}

  /** The answer. */
  public record Answer(List<Column> features) {}

  @Inject OnlineFeatureReader reader;

  @POST
  public CompletionStage<Answer> read(@PathParam("project") String project, Body body) {
    Body b = body == null ? new Body(null, null, null) : body;
    return reader
        .read(new OnlineFeaturesQuery(project, b.featureService(), b.features(), b.entities()))
        .thenApply(OnlineFeaturesResource::answer);
  }

  private static Answer answer(List<FeatureColumn> columns) {
    List<Column> out = new ArrayList<>(columns.size());
    for (FeatureColumn c : columns) {
      List<Object> values = new ArrayList<>(c.size());
      List<ValueStatus> statuses = new ArrayList<>(c.size());
      List<Long> events = new ArrayList<>(c.size());
      List<Long> ages = new ArrayList<>(c.size());
      for (int row = 0; row < c.size(); row++) {
        values.add(c.value(row));
        statuses.add(c.status(row));
        events.add(c.eventTimeMicros(row));
        ages.add(c.ageMicros(row));
      }
      out.add(new Column(c.name(), c.viewVersion(), values, statuses, events, ages));
    }
    return new Answer(out);
  }
}
