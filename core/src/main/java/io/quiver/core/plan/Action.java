package io.quiver.core.plan;

/** What a plan does to one object. */
public enum Action {
  CREATE,
  UPDATE,
  NEW_VERSION,
  DELETE,
  UNCHANGED,
  /** A change that cannot be applied as asked (the reasons say why); apply refuses the plan. */
  INCOMPATIBLE
}
