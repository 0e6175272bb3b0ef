/**
 * The HTTP client Salvo owns: Jetty's {@code HttpClient}, configured so that it sends exactly
 * what a test asked ({@code ClientSettings}), its TLS trust, literal-address resolution, and the
 * named threads and bounded shutdown of what Salvo starts. May call {@code wire} and
 * {@code text}. Not API.
 */
package dev.salvo.internal.client;
