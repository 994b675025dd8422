package io.quiver.devstack;

import java.nio.file.Path;
import java.util.List;

/** A server process this JVM started. Closing stops it and removes its files. */
interface LocalServer extends AutoCloseable {

  /** The operating-system processes serving, so tests can prove none outlives the stack. */
  List<ProcessHandle> processes();

  /** The server's own temporary folder, deleted on close. */
  Path dir();

  @Override
  void close();
}
