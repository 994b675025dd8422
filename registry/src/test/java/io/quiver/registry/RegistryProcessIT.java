package io.quiver.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.devstack.Component;
import io.quiver.devstack.DevStack;
import io.quiver.devstack.DevStackOptions;
import io.quiver.devstack.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The packaged registry starts on its own against the devstack, serves, and stops for good. */
class RegistryProcessIT {

  @Test
  void packagedRegistryServesAndLeavesNoProcessBehind() throws Exception {
    try (DevStack stack = DevStack.start(DevStackOptions.of(EnumSet.of(Component.POSTGRES)))) {
      ProcessHandle handle;
      try (ServiceProcess registry = ServiceProcess.start("registry", stack.endpoints().toEnv())) {
        handle = registry.handle();
        HttpClient http = HttpClient.newHttpClient();
        URI entity = registry.url().resolve("/api/v1/projects/demo/entities/user");
        HttpResponse<String> put =
            http.send(
                HttpRequest.newBuilder(entity)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(Fixtures.USER))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        HttpResponse<String> get =
            http.send(HttpRequest.newBuilder(entity).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.body()).contains("\"user_id\"").contains("\"revision\":1");
      }
      assertThat(handle.isAlive()).isFalse();
    }
  }
}
