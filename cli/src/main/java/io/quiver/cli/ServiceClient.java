package io.quiver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON over HTTP to one Quiver service. A problem+json answer becomes a {@link CliException}
 * carrying the service's one-line detail and one line per field error; an unreachable service says
 * where it was looked for.
 */
public final class ServiceClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String service;
  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public ServiceClient(String service, URI base) {
    this.service = service;
    this.base = base;
  }

  public static ObjectMapper json() {
    return JSON;
  }

  public JsonNode get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  public JsonNode post(String path, JsonNode body) {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  private JsonNode send(HttpRequest.Builder request) {
    HttpResponse<String> response;
    try {
      response =
          http.send(
              request.timeout(Duration.ofMinutes(2)).header("Accept", "application/json").build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException | HttpConnectTimeoutException e) {
      throw new CliException(
          "cannot reach the "
              + service
              + " at "
              + base
              + " (is it running? see './quiver dev status')");
    } catch (IOException e) {
      throw new CliException("the " + service + " at " + base + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted while waiting for the " + service, e);
    }
    JsonNode body = parse(response.body());
    if (response.statusCode() >= 400) {
      throw problem(response.statusCode(), body, response.body());
    }
    return body;
  }

  private CliException problem(int status, JsonNode body, String raw) {
    if (body == null || !body.isObject()) {
      String text = raw == null || raw.isBlank() ? "" : ": " + firstLine(raw);
      return new CliException(service + " answered " + status + text);
    }
    String detail = body.path("detail").asText(body.path("title").asText("HTTP " + status));
    List<String> lines = new ArrayList<>();
    for (JsonNode e : body.path("errors")) {
      String value = e.hasNonNull("value") ? " (was '" + e.get("value").asText() + "')" : "";
      lines.add(e.path("field").asText() + ": " + e.path("message").asText() + value);
    }
    if (lines.size() == 1 && detail.contains(lines.get(0).split(":")[0])) {
      lines.clear(); // the detail already says it
    }
    return new CliException(service + ": " + firstLine(detail), lines);
  }

  private static JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return JSON.nullNode();
    }
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return null;
    }
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }
}
