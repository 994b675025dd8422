package io.quiver.materializer.run;

/**
 * A run failed for a reason a retry cannot fix (bad input, a blocking quality check): the run is
 * FAILED at once, with this message as its error.
 */
public class RunFailure extends RuntimeException {
  private final RunOutcome partial;

  public RunFailure(String message, RunOutcome partial) {
    super(message);
    this.partial = partial;
  }

  public RunOutcome partial() {
    return partial;
  }
}
