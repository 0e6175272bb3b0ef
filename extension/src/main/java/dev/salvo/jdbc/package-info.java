/**
 * The write gate, {@link dev.salvo.jdbc.WriteGate}: holds each request of a burst at its first
 * database write until every request of the burst has read, for services running in the test's
 * JVM. Needs nothing beyond the JDK's {@code java.sql}.
 *
 * @since 0.1.0
 */
package dev.salvo.jdbc;
