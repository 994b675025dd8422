package io.quiver.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "demo", mixinStandardHelpOptions = true, description = "The user_features demo.")
public final class DemoCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new CliException("not built yet");
  }
}
