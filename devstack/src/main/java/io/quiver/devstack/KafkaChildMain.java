package io.quiver.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Entry point of the Kafka child JVM; never loaded in the parent, whose classpath lacks Kafka's
 * server jars. It halts when its stdin closes, so the broker dies with the JVM that started it, and
 * writes a marker file once a real client can talk to the broker.
 *
 * <p>Arguments: ready-marker path, bootstrap address, server.properties path.
 */
public final class KafkaChildMain {
  private KafkaChildMain() {}

  public static void main(String[] args) {
    daemon("quiver-parent-watch", KafkaChildMain::haltWhenParentGoes);
    daemon("quiver-ready-probe", () -> markWhenReady(Path.of(args[0]), args[1]));
    kafka.Kafka.main(new String[] {args[2]});
  }

  private static void haltWhenParentGoes() {
    try {
      while (System.in.read() >= 0) {
        // The parent never writes; any byte is ignored.
      }
    } catch (java.io.IOException e) {
      // A broken pipe means the same as EOF: the parent is gone.
    }
    Runtime.getRuntime().halt(0);
  }

  private static void markWhenReady(Path marker, String bootstrap) {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
    try (Admin admin = Admin.create(config)) {
      while (true) {
        try {
          if (!admin.describeCluster().nodes().get().isEmpty()) {
            Files.writeString(marker, "ready\n");
            return;
          }
        } catch (Exception notYet) {
          Thread.sleep(100);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
  }
}
