package io.quiver.export.engine;

/**
 * The request or its entity input cannot be exported as it is: {@code field} names what is wrong
 * (e.g. {@code entities.uri}, {@code event_timestamp}, {@code features[2]}). A client error.
 */
public class BadExportInputException extends RuntimeException {
  private final String field;

  public BadExportInputException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
