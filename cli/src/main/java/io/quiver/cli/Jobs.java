package io.quiver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Set;

/**
 * Waits for an asynchronous job of a service (a materialization, an export): polls its status
 * resource until SUCCEEDED or FAILED, showing progress; a FAILED job is a {@link CliException}
 * carrying the job's error.
 */
public final class Jobs {
  private static final Set<String> DONE = Set.of("SUCCEEDED", "FAILED");

  private Jobs() {}

  public static JsonNode await(
      ServiceClient service, String path, String what, Duration timeout, Progress progress) {
    long begin = System.nanoTime();
    while (true) {
      JsonNode job = service.get(path);
      String status = job.path("status").asText();
      if (DONE.contains(status)) {
        progress.clear();
        if (status.equals("FAILED")) {
          String error = job.path("error").asText("no error given");
          throw new CliException(what + " failed: " + error);
        }
        return job;
      }
      if (System.nanoTime() - begin > timeout.toNanos()) {
        progress.clear();
        throw new CliException(what + " still " + status + " after " + timeout.toSeconds() + " s");
      }
      progress.update(what + ": " + status.toLowerCase(java.util.Locale.ROOT) + detail(job), begin);
      sleep(200);
    }
  }

  private static String detail(JsonNode job) {
    JsonNode p = job.path("progress");
    return p.isMissingNode() || p.isNull() ? "" : " " + p;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    }
  }
}
