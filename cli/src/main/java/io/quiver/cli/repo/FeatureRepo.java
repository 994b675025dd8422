package io.quiver.cli.repo;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quiver.cli.CliException;
import io.quiver.cli.UsageException;
import io.quiver.common.json.DefinitionJson;
import io.quiver.core.model.Definition;
import io.quiver.core.validation.DefinitionValidator;
import io.quiver.core.validation.ValidationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A feature repo: a folder of {@code *.yaml}/{@code *.yml} files (searched recursively, in path
 * order), each holding one or more definitions separated by {@code ---}, in the registry's REST
 * shapes with {@code kind}. Each object is checked here first, so a typo is reported with its file
 * before anything is sent.
 */
public final class FeatureRepo {
  private static final YAMLMapper YAML = new YAMLMapper();

  private FeatureRepo() {}

  /** Loads and checks every object; all problems of all files are reported together. */
  public static RepoObjects load(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new UsageException("not a folder: " + dir);
    }
    List<Path> files = yamlFiles(dir);
    if (files.isEmpty()) {
      throw new UsageException("no .yaml or .yml files in " + dir);
    }
    List<JsonNode> objects = new ArrayList<>();
    List<String> origins = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Path file : files) {
      String name = dir.relativize(file).toString();
      List<JsonNode> documents = read(file, name, problems);
      for (int i = 0; i < documents.size(); i++) {
        String origin = documents.size() == 1 ? name : name + "#" + (i + 1);
        check(documents.get(i), origin, problems);
        objects.add(documents.get(i));
        origins.add(origin);
      }
    }
    checkUnique(objects, origins, problems);
    if (!problems.isEmpty()) {
      throw new CliException(
          "the feature repo " + dir + " has " + count(problems.size(), "problem"), problems);
    }
    return new RepoObjects(objects, origins);
  }

  private static List<Path> yamlFiles(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().matches("[^.].*\\.ya?ml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** The non-empty documents of one file; a syntax error is reported with line and column. */
  private static List<JsonNode> read(Path file, String name, List<String> problems) {
    List<JsonNode> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
      while (it.hasNextValue()) {
        JsonNode doc = it.nextValue();
        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          documents.add(doc);
        }
      }
    } catch (JsonProcessingException e) {
      problems.add(name + where(e.getLocation()) + ": not valid YAML: " + e.getOriginalMessage());
    } catch (IOException | RuntimeException e) {
      Throwable cause = e.getCause() instanceof JsonProcessingException j ? j : e;
      String message =
          cause instanceof JsonProcessingException j
              ? where(j.getLocation()) + ": not valid YAML: " + j.getOriginalMessage()
              : ": cannot read: " + e.getMessage();
      problems.add(name + message);
    }
    return documents;
  }

  private static void check(JsonNode doc, String origin, List<String> problems) {
    if (!doc.isObject()) {
      problems.add(
          origin + ": must be a mapping with kind, name, ... (found " + doc.getNodeType() + ")");
      return;
    }
    try {
      Definition definition = DefinitionJson.readAnyKind(doc, "");
      DefinitionJson.expectedRevision(doc, "");
      // References are left to the registry: they may name objects not in this folder.
      DefinitionValidator.validate(definition).forEach(v -> problems.add(origin + ": " + v));
    } catch (ValidationException e) {
      e.violations().forEach(v -> problems.add(origin + ": " + v));
    }
  }

  private static void checkUnique(
      List<JsonNode> objects, List<String> origins, List<String> problems) {
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < objects.size(); i++) {
      JsonNode o = objects.get(i);
      String key = o.path("kind").asText() + " '" + o.path("name").asText() + "'";
      String first = seen.putIfAbsent(key, origins.get(i));
      if (first != null && o.hasNonNull("name")) {
        problems.add(origins.get(i) + ": name: " + key + " is also defined in " + first);
      }
    }
  }

  private static String where(JsonLocation location) {
    return location == null || location.getLineNr() < 0
        ? ""
        : ":" + location.getLineNr() + ":" + location.getColumnNr();
  }

  static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** For callers that need the typed definitions (e.g. the demo reading its own repo). */
  public static Definition definition(JsonNode object) {
    return DefinitionJson.readAnyKind(object, "");
  }
}
