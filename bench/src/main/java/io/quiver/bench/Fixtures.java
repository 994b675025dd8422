package io.quiver.bench;

import io.quiver.common.registry.ProjectCatalog;
import io.quiver.core.online.OnlineSchema;
import io.quiver.core.online.RedisCommand;
import io.quiver.core.online.ScriptCall;
import io.quiver.core.online.SelectPut;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** Registers the bench project and fills Redis with the layout's own write script. */
final class Fixtures {
  private Fixtures() {}

  static void register(URI registry) throws IOException, InterruptedException {
    String body =
        "{\"prune\": false, \"objects\": [" + String.join(",", Workload.definitions()) + "]}";
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        registry.resolve("/api/v1/projects/" + Workload.PROJECT + "/apply"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("apply failed: " + r.statusCode() + " " + r.body());
    }
  }

  static void fill(Redis redis, ProjectCatalog catalog, int entities) throws Exception {
    Random random = new Random(7);
    long now = Instant.now().getEpochSecond() * 1_000_000;
    List<Request> batch = new ArrayList<>();
    boolean first = true;
    for (int v = 0; v < Workload.VIEWS; v++) {
      OnlineSchema schema = Workload.schema(catalog, v);
      SelectPut put =
          new SelectPut(Workload.PROJECT, Workload.view(v), 1, schema, Duration.ofDays(7));
      for (long id = 0; id < entities; id++) {
        List<Object> values = new ArrayList<>();
        for (int f = 0; f < Workload.FEATURES_PER_VIEW; f++) {
          values.add(random.nextDouble());
        }
        ScriptCall call = put.call(Workload.entity(id), now, now, values);
        batch.add(request(first ? call.eval() : call.evalsha()));
        first = false;
        if (batch.size() == 2000) {
          send(redis, batch);
        }
      }
    }
    send(redis, batch);
  }

  private static void send(Redis redis, List<Request> batch) throws Exception {
    if (!batch.isEmpty()) {
      redis
          .batch(new ArrayList<>(batch))
          .toCompletionStage()
          .toCompletableFuture()
          .get(60, TimeUnit.SECONDS);
      batch.clear();
    }
  }

  private static Request request(RedisCommand c) {
    Request r = Request.cmd(Command.create(c.name()));
    c.args().subList(1, c.args().size()).forEach(r::arg);
    return r;
  }
}
