package io.quiver.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "get", mixinStandardHelpOptions = true, description = "Online features over gRPC.")
public final class GetCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new CliException("not built yet");
  }
}
