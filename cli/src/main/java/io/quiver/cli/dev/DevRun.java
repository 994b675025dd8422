package io.quiver.cli.dev;

import io.quiver.cli.Endpoints;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The supervisor's own entry point, started detached by {@code dev up}; runs until SIGTERM. */
@Command(name = "run", hidden = true, description = "Runs the local stack in the foreground.")
final class DevRun implements Callable<Integer> {
  @Override
  public Integer call() throws InterruptedException {
    LocalStack stack = new LocalStack(Endpoints.home(System.getenv()), System.getenv());
    Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "quiver-dev-stop"));
    try {
      stack.start();
    } catch (RuntimeException e) {
      stack.failed(e);
      e.printStackTrace();
      return 1; // main's System.exit runs the hook, which stops what did start
    }
    System.out.println("local stack ready");
    Thread.currentThread().join(); // until SIGTERM: the hook stops everything
    return 0;
  }
}
