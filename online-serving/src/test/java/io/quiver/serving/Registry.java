package io.quiver.serving;

import io.quiver.common.registry.RegistryClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

/** Definitions registered over the real registry's REST API. */
final class Registry {
  private final URI base;
  private final HttpClient http = HttpClient.newHttpClient();

  Registry(URI base) {
    this.base = base;
  }

  static String newProject() {
    return "p_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  void apply(String project, String... objects) {
    send(
        "POST",
        "/api/v1/projects/" + project + "/apply",
        "{\"prune\": false, \"objects\": [" + String.join(",", objects) + "]}");
  }

  void put(String project, String kind, String name, String json) {
    send("PUT", "/api/v1/projects/" + project + "/" + kind + "/" + name, json);
  }

  void backfillComplete(String project, String view, int version) {
    new RegistryClient(base).setBackfillState(project, view, version, "COMPLETE");
  }

  private void send(String method, String path, String json) {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json))
            .build();
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() >= 300) {
        throw new IllegalStateException(
            method + " " + path + " → " + r.statusCode() + " " + r.body());
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
