package io.quiver.common.registry;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quiver.common.json.DefinitionJson;
import io.quiver.core.model.Definition;
import io.quiver.core.model.DefinitionSet;
import io.quiver.core.model.FeatureView;
import io.quiver.core.model.Field;
import io.quiver.core.model.Kind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one client through which services learn definitions: the registry's REST API ({@code
 * QUIVER_REGISTRY_URL}), read whole per project with {@code GET .../catalog}.
 */
public final class RegistryClient {
  private static final TypeReference<List<Field>> FIELDS = new TypeReference<>() {};
  private final URI base;
  private final HttpClient http;
  private final Duration timeout;

  public RegistryClient(URI base) {
    this(base, Duration.ofSeconds(5));
  }

  public RegistryClient(URI base, Duration timeout) {
    this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** Everything the project defines, with every view version and its schemas. */
  public ProjectCatalog fetch(String project) {
    JsonNode body = send(request("api/v1/projects/" + project + "/catalog").GET().build());
    List<Definition> defs = new ArrayList<>();
    for (JsonNode o : body.get("objects")) {
      defs.add(DefinitionJson.readAnyKind(o, "objects"));
    }
    Map<String, List<ViewVersion>> versions = new LinkedHashMap<>();
    for (JsonNode v : body.get("viewVersions")) {
      ViewVersion version = version(v);
      versions.computeIfAbsent(version.view(), k -> new ArrayList<>()).add(version);
    }
    DefinitionSet set =
        DefinitionSet.of(
            defs,
            (view, n) ->
                versions.getOrDefault(view, List.of()).stream().anyMatch(x -> x.version() == n));
    return new ProjectCatalog(project, set, versions);
  }

  /** Reports a version's backfill state ({@code COMPLETE} makes it the serving version). */
  public void setBackfillState(String project, String view, int version, String state) {
    String path =
        "api/v1/projects/"
            + project
            + "/feature-views/"
            + view
            + "/versions/"
            + version
            + "/backfill";
    String json = "{\"state\":\"" + state + "\"}";
    send(
        request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
  }

  private static ViewVersion version(JsonNode v) {
    ObjectMapper m = DefinitionJson.mapper();
    FeatureView def =
        (FeatureView) DefinitionJson.read(Kind.FEATURE_VIEW, v.get("definition"), "definition");
    Map<Integer, List<Field>> schemas = new LinkedHashMap<>();
    v.get("schemas")
        .fields()
        .forEachRemaining(
            e -> schemas.put(Integer.valueOf(e.getKey()), m.convertValue(e.getValue(), FIELDS)));
    return new ViewVersion(
        v.get("name").asText(),
        v.get("version").asInt(),
        v.get("revision").asLong(),
        v.get("backfillState").asText(),
        def,
        schemas);
  }

  private JsonNode send(HttpRequest request) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new RegistryUnavailableException("registry at " + base + " unreachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryUnavailableException("interrupted while calling the registry", e);
    }
    try {
      JsonNode body = DefinitionJson.mapper().readTree(response.body());
      if (response.statusCode() == 404) {
        throw new UnknownDefinitionException(body.path("detail").asText("not found"));
      }
      if (response.statusCode() >= 300) {
        throw new RegistryUnavailableException(
            "registry answered " + response.statusCode() + ": " + body.path("detail").asText(),
            null);
      }
      return body;
    } catch (IOException e) {
      throw new RegistryUnavailableException("registry sent a body that is not JSON", e);
    }
  }
}
