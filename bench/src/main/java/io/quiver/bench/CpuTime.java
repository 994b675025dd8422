package io.quiver.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time a process has used so far (all its threads, user + system), from Linux's {@code
 * /proc/<pid>/task/<tid>/schedstat} (nanoseconds on CPU). Divided by the requests of a run it gives
 * the CPU each side spends per request, a figure that, unlike throughput, hardly moves when other
 * work on the machine takes CPU away. NaN where /proc is missing.
 */
final class CpuTime {
  private CpuTime() {}

  /** Nanoseconds on CPU, or -1 when unknown (pid gone, not Linux). */
  static long nanos(long pid) {
    if (pid <= 0) {
      return -1;
    }
    long total = 0;
    try (DirectoryStream<Path> tasks =
        Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : tasks) {
        try {
          String s = Files.readString(task.resolve("schedstat"));
          total += Long.parseLong(s.substring(0, s.indexOf(' ')));
        } catch (IOException | RuntimeException e) {
          // a thread that ended meanwhile: its time is lost for this sample
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return total;
  }

  /** The pid of the {@code redis-server} listening on {@code port}, or -1. */
  static long redisServer(int port) {
    return ProcessHandle.allProcesses()
        .filter(
            p -> {
              String line = cmdline(p.pid()); // Redis rewrites it to "<binary> <host>:<port>"
              return line.contains("redis-server") && line.contains(":" + port);
            })
        .mapToLong(ProcessHandle::pid)
        .findFirst()
        .orElse(-1);
  }

  private static String cmdline(long pid) {
    try {
      return Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
