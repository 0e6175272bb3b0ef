/**
 * What every sample application shares: an embedded Jetty 12 server on a loopback port that
 * records when each request arrives, and an in-memory H2 database with a small connection pool.
 */
package dev.salvo.samples.support;
