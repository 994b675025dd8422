package io.quiver.common.json;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quiver.core.model.DataSource;
import io.quiver.core.model.Definition;
import io.quiver.core.model.Entity;
import io.quiver.core.model.FeatureService;
import io.quiver.core.model.FeatureView;
import io.quiver.core.model.Kind;
import io.quiver.core.validation.ValidationException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The JSON (and YAML) form of definitions, shared by the registry and every client so both read the
 * same shapes. Unknown fields are errors; read-only metadata a GET returns ({@link #READ_ONLY}) is
 * accepted on input and ignored, so a GET body can be PUT back.
 */
public final class DefinitionJson {
  /** Fields the registry adds to responses; ignored on input. */
  public static final List<String> READ_ONLY =
      List.of("project", "revision", "version", "createdAt", "updatedAt");

  public static final String EXPECTED_REVISION = "expectedRevision";

  private static final ObjectMapper MAPPER = newMapper();

  private DefinitionJson() {}

  /** The mapper for definitions: records by field, no getters, empty values left out. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  private static ObjectMapper newMapper() {
    ObjectMapper m = new ObjectMapper();
    m.registerModule(new JavaTimeModule());
    m.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    m.configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
    m.configure(
        com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
    m.setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE);
    m.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
    m.setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY);
    m.setSerializationInclusion(JsonInclude.Include.NON_EMPTY);
    return m;
  }

  /**
   * Reads one object of a known kind. {@code kind} in the body is optional but must match; {@code
   * path} prefixes field names in errors (e.g. {@code objects[2]}, or empty for a single body).
   */
  public static Definition read(Kind kind, JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw new ValidationException(path.isEmpty() ? "body" : path, null, "must be a JSON object");
    }
    ObjectNode body = ((ObjectNode) node).deepCopy();
    JsonNode declared = body.remove("kind");
    if (declared != null && !kind.wireName().equals(declared.asText())) {
      throw new ValidationException(
          field(path, "kind"), declared.asText(), "must be " + kind.wireName() + " here");
    }
    body.remove(READ_ONLY);
    body.remove(EXPECTED_REVISION);
    try {
      return MAPPER.treeToValue(body, type(kind));
    } catch (JsonProcessingException e) {
      throw translate(e, path);
    } catch (IllegalArgumentException e) {
      throw new ValidationException(path.isEmpty() ? "body" : path, null, e.getMessage());
    }
  }

  /** Reads one object whose {@code kind} field says what it is (plan, apply, YAML files). */
  public static Definition readAnyKind(JsonNode node, String path) {
    JsonNode kind = node == null ? null : node.get("kind");
    if (kind == null || !kind.isTextual()) {
      throw new ValidationException(
          field(path, "kind"),
          null,
          "is required: one of Entity, DataSource, FeatureView, FeatureService");
    }
    try {
      return read(Kind.fromWireName(kind.asText()), node, path);
    } catch (IllegalArgumentException e) {
      throw new ValidationException(field(path, "kind"), kind.asText(), e.getMessage());
    }
  }

  /** The {@code expectedRevision} of a body, or null when absent. */
  public static Long expectedRevision(JsonNode node, String path) {
    JsonNode r = node == null ? null : node.get(EXPECTED_REVISION);
    if (r == null || r.isNull()) {
      return null;
    }
    if (!r.canConvertToLong() || !r.isIntegralNumber() || r.asLong() < 0) {
      throw new ValidationException(
          field(path, EXPECTED_REVISION), r.toString(), "must be a non-negative whole number");
    }
    return r.asLong();
  }

  /** The JSON form of a definition, {@code kind} first. */
  public static ObjectNode write(Definition d) {
    ObjectNode out = MAPPER.createObjectNode();
    out.put("kind", d.kind().wireName());
    out.setAll((ObjectNode) MAPPER.valueToTree(d));
    return out;
  }

  public static Class<? extends Definition> type(Kind kind) {
    return switch (kind) {
      case ENTITY -> Entity.class;
      case DATA_SOURCE -> DataSource.class;
      case FEATURE_VIEW -> FeatureView.class;
      case FEATURE_SERVICE -> FeatureService.class;
    };
  }

  private static ValidationException translate(JsonProcessingException e, String path) {
    String at = e instanceof JsonMappingException jm ? pathOf(jm, path) : path;
    if (e instanceof UnrecognizedPropertyException u) {
      return new ValidationException(
          field(path, pathOf(u, "")), u.getPropertyName(), "is not a known field");
    }
    if (e instanceof InvalidFormatException f) {
      String allowed =
          f.getTargetType() != null && f.getTargetType().isEnum()
              ? ": must be one of "
                  + Arrays.stream(f.getTargetType().getEnumConstants())
                      .map(Object::toString)
                      .collect(Collectors.joining(", "))
              : ": must be a " + simpleType(f.getTargetType());
      return new ValidationException(at, f.getValue(), "has the wrong value" + allowed);
    }
    return new ValidationException(
        at, null, "has the wrong type or shape: " + e.getOriginalMessage());
  }

  private static String simpleType(Class<?> type) {
    return type == null ? "value" : type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }

  private static String pathOf(JsonMappingException e, String prefix) {
    StringBuilder sb = new StringBuilder(prefix);
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.length() == 0 ? "body" : sb.toString();
  }

  private static String field(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
