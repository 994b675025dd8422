package io.quiver.cli.dev;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code dev up} started, in {@code $QUIVER_HOME/dev/state.json}: the supervisor process, each
 * component with where it listens and its process, and the temporary folders to remove. Written by
 * the supervisor as it goes, read by {@code up} (progress), {@code status} and {@code down}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DevState(
    long pid, String status, String error, List<Part> parts, List<String> folders) {
  public static final String STARTING = "starting";
  public static final String READY = "ready";
  public static final String FAILED = "failed";
  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

  /** One running piece: a server or a service, where it answers, its pid and start time. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Part(String name, String where, long pid, Instant processStart, long readyMillis) {
    /** The live process, if it is still the one we started (pids get reused). */
    public Optional<ProcessHandle> process() {
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(
              p ->
                  processStart == null
                      || p.info().startInstant().map(processStart::equals).orElse(true));
    }
  }

  public DevState {
    parts = List.copyOf(parts);
    folders = List.copyOf(folders);
  }

  static DevState starting(long pid) {
    return new DevState(pid, STARTING, null, List.of(), List.of());
  }

  DevState with(Part part) {
    List<Part> more = new ArrayList<>(parts);
    more.add(part);
    return new DevState(pid, status, error, more, folders);
  }

  DevState withFolders(List<String> newFolders) {
    return new DevState(pid, status, error, parts, newFolders);
  }

  DevState withStatus(String newStatus, String newError) {
    return new DevState(pid, newStatus, newError, parts, folders);
  }

  /** The supervisor, if it is still alive. */
  public Optional<ProcessHandle> supervisor() {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
  }

  public static Path file(Path home) {
    return home.resolve("dev").resolve("state.json");
  }

  public static Optional<DevState> read(Path home) {
    Path file = file(home);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), DevState.class));
    } catch (IOException e) {
      return Optional
          .empty(); // half-written files never happen (atomic move); a foreign one is ignored
    }
  }

  void write(Path home) {
    Path file = file(home);
    try {
      Files.createDirectories(file.getParent());
      Path partial = file.resolveSibling("state.json.tmp");
      JSON.writerWithDefaultPrettyPrinter().writeValue(partial.toFile(), this);
      Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
