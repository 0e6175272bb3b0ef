/**
 * The HTML, SVG and JSON reports of bursts, built from a plan and its {@code Responses}. Knows
 * neither JUnit (the glue in {@code junit} feeds it) nor the engine: it depends on the public
 * value types, {@code plan} and {@code text} only. Not API.
 */
package dev.salvo.internal.report;
