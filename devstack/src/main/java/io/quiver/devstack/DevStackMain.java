package io.quiver.devstack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * Local mode: {@code start [postgres,redis,kafka]} runs the stack, writes its endpoints to {@code
 * $QUIVER_HOME/dev/stack.env}, and stays up until killed or its stdin closes (so a parent such as
 * the CLI can hold it on a pipe). Exit codes: 0 ok, 1 failed, 2 bad usage.
 */
public final class DevStackMain {
  private DevStackMain() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2 || !args[0].equals("start")) {
      System.err.println("usage: DevStackMain start [postgres,redis,kafka]");
      System.exit(2);
    }
    Set<Component> components =
        args.length == 2 ? Component.parseList(args[1]) : EnumSet.allOf(Component.class);
    DevStackOptions options = DevStackOptions.of(components);
    Path stackEnv = Path.of(options.home(), "dev", "stack.env");
    try (DevStack stack = DevStack.start(options)) {
      stack.endpoints().write(stackEnv);
      // Killed rather than closed: the stack's own hook stops the servers, this one the file.
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stackEnv.toFile().delete()));
      stack
          .startupTimes()
          .forEach((c, d) -> System.out.println(c + " ready in " + d.toMillis() + " ms"));
      System.out.println("wrote " + stackEnv);
      System.in.transferTo(java.io.OutputStream.nullOutputStream());
    }
  }
}
