package io.quiver.materializer.api;

/** A request field that is missing, unknown or malformed: 400, naming the field. */
public class BadRequestException extends RuntimeException {
  private final String field;

  public BadRequestException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
