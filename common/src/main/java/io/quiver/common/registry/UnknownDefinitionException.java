package io.quiver.common.registry;

/** A project, view, feature or service that the registry does not know, named in the message. */
public class UnknownDefinitionException extends RuntimeException {
  public UnknownDefinitionException(String message) {
    super(message);
  }
}
