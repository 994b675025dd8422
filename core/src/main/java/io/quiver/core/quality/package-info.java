/**
 * The materializer's quality gate: a view's {@link io.quiver.core.model.Expectation}s checked over
 * one batch in one streaming pass, Deequ-style but without Spark. Feed rows to a {@link
 * io.quiver.core.quality.QualityProfiler}, then take its {@link
 * io.quiver.core.quality.QualityReport}: one {@link io.quiver.core.quality.CheckResult} per
 * expectation, {@code blocking()} when an {@code error} expectation failed. See
 * docs/ARCHITECTURE.md, "Quality checks".
 */
package io.quiver.core.quality;
