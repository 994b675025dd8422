package io.quiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The Dockerfiles and the compose file cannot be built here (no Docker engine), so they are checked
 * against the services' own configuration: ports, settings, and the files they copy.
 */
class ComposeFileTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path DOCKER = ROOT.resolve("src/main/docker");
  private static final Pattern METHOD =
      Pattern.compile("^\\s+[\\w<>, .]+\\s+(\\w+)\\(\\);", Pattern.MULTILINE);

  @ParameterizedTest
  @ValueSource(strings = {"registry", "materializer", "online-serving", "offline-export"})
  void eachServiceRunsFromItsDockerfileOnItsConfiguredPorts(String module) throws IOException {
    Map<String, Object> service = service(module);
    Properties props = applicationProperties(module);
    Map<String, Object> build = map(service.get("build"));
    assertThat(build.get("dockerfile")).isEqualTo("src/main/docker/Dockerfile." + module + ".jvm");
    assertThat(DOCKER.resolve((String) build.get("context")).normalize()).isEqualTo(ROOT);

    String dockerfile = Files.readString(DOCKER.resolve("Dockerfile." + module + ".jvm"));
    assertThat(dockerfile).contains("COPY --chown=185 " + module + "/target/quarkus-app/lib/");
    List<String> ports = list(service.get("ports"));
    String http = props.getProperty("quarkus.http.port");
    assertThat(ports).contains(http + ":" + http);
    assertThat(exposed(dockerfile)).contains(http);
    String grpc = props.getProperty("quarkus.grpc.server.port");
    if (grpc != null) {
      assertThat(ports).contains(grpc + ":" + grpc);
      assertThat(exposed(dockerfile)).contains(grpc);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"registry", "materializer", "online-serving", "offline-export"})
  void everyQuiverVariableIsOneTheServiceReads(String module) throws IOException {
    Map<String, Object> env = map(service(module).get("environment"));
    Set<String> known = settings(module);
    for (String variable : env.keySet()) {
      if (variable.startsWith("QUIVER_")) {
        assertThat(known)
            .as(module + " reads " + variable)
            .contains(normalize(variable.substring(7)));
      }
    }
    if (applicationProperties(module)
        .getProperty("quarkus.datasource.jdbc.url", "")
        .contains("quiver.postgres-url")) {
      assertThat(env).containsKey("QUIVER_POSTGRES_URL");
    }
    if (known.contains("registry_url")) {
      assertThat(env).containsEntry("QUIVER_REGISTRY_URL", "http://registry:8080");
    }
  }

  @Test
  void theStackHasPostgresRedisKafkaInKraftModeAndMinio() throws IOException {
    Map<String, Object> services = map(compose().get("services"));
    assertThat(services).containsKeys("postgres", "redis", "kafka", "minio");
    Map<String, Object> kafka = map(map(services.get("kafka")).get("environment"));
    assertThat(String.valueOf(kafka.get("KAFKA_PROCESS_ROLES"))).contains("controller");
    assertThat(Files.readString(DOCKER.resolve("postgres-init.sql")))
        .contains("CREATE DATABASE quiver_catalog");
  }

  @Test
  void everyComposeSettingIsDocumented() throws IOException {
    String doc = Files.readString(ROOT.resolve("README.md"));
    Map<String, Object> services = map(compose().get("services"));
    for (String module : List.of("registry", "materializer", "online-serving", "offline-export")) {
      for (String variable : map(map(services.get(module)).get("environment")).keySet()) {
        assertThat(doc).as(variable).contains("`" + variable + "`");
      }
    }
  }

  /** {@code quiver.*} keys of application.properties and the @ConfigMapping methods, normalized. */
  static Set<String> settings(String module) throws IOException {
    Set<String> names = new HashSet<>();
    applicationProperties(module).stringPropertyNames().stream()
        .filter(k -> k.startsWith("quiver."))
        .forEach(k -> names.add(normalize(k.substring(7))));
    try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String source = Files.readString(f);
        if (source.contains("@ConfigMapping(prefix = \"quiver\")")) {
          Matcher m = METHOD.matcher(source);
          while (m.find()) {
            names.add(normalize(m.group(1).replaceAll("([a-z0-9])([A-Z])", "$1_$2")));
          }
        }
      }
    }
    return names;
  }

  static String normalize(String name) {
    return name.toLowerCase(Locale.ROOT).replace('-', '_').replace('.', '_');
  }

  static Properties applicationProperties(String module) throws IOException {
    Properties props = new Properties();
    try (Reader r =
        Files.newBufferedReader(
            ROOT.resolve(module).resolve("src/main/resources/application.properties"))) {
      props.load(r);
    }
    return props;
  }

  private static List<String> exposed(String dockerfile) {
    return dockerfile
        .lines()
        .filter(l -> l.startsWith("EXPOSE "))
        .flatMap(l -> Stream.of(l.substring(7).trim().split("\\s+")))
        .toList();
  }

  static Map<String, Object> compose() throws IOException {
    try (Reader r = Files.newBufferedReader(DOCKER.resolve("compose.yaml"))) {
      return new Yaml().load(r);
    }
  }

  static Map<String, Object> service(String module) throws IOException {
    Map<String, Object> services = map(compose().get("services"));
    assertThat(services).containsKey(module);
    return map(services.get(module));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    assertThat(o).isInstanceOf(Map.class);
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<String> list(Object o) {
    assertThat(o).isInstanceOf(List.class);
    return ((List<Object>) o).stream().map(String::valueOf).toList();
  }
}
