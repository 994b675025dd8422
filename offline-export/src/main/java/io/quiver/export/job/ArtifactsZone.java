package io.quiver.export.job;

import io.quiver.export.ExportConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.file.Path;

/**
 * Where exports live. Datasets: the ML-artifacts zone of the warehouse, {@code
 * <warehouse>/artifacts/<project>/exports/<id>/part-0.<format>} with {@code manifest.json} beside
 * it. Local state under {@code QUIVER_HOME} (default {@code ~/.quiver}): inline entity rows ({@code
 * export/inputs/<id>.json}) and DuckDB's spill files ({@code export/spill}).
 */
@ApplicationScoped
public class ArtifactsZone {
  private final Path warehouse;
  private final Path home;

  public ArtifactsZone(ExportConfig config) {
    String w = config.warehouse();
    this.warehouse = w.startsWith("file:") ? Path.of(URI.create(w)) : Path.of(w);
    this.home = Path.of(config.home().orElse(System.getProperty("user.home") + "/.quiver"));
  }

  public Path exportDir(String project, String id) {
    return warehouse.resolve("artifacts").resolve(project).resolve("exports").resolve(id);
  }

  public Path inlineInput(String id) {
    return home.resolve("export").resolve("inputs").resolve(id + ".json");
  }

  public Path spill() {
    return home.resolve("export").resolve("spill");
  }
}
