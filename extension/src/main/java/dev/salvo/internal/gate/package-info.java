/**
 * The write gate behind {@code dev.salvo.jdbc.WriteGate}: the wrapped {@code DataSource},
 * connections and statements ({@code GatedDataSource}, {@code GatedConnection},
 * {@code GatedStatement}), what a statement does ({@code SqlKind}), which threads are a burst's
 * ({@code BurstThreads}), the hold of one burst ({@code BurstGate}) and the JVM's turn between
 * bursts ({@code Gates}). The engine takes, arms and closes a burst's gate; this package calls
 * nothing of the engine's and knows no HTTP client. Not API.
 */
package dev.salvo.internal.gate;
