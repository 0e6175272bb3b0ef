/**
 * The JUnit Jupiter glue: reads {@code @ConcurrentRequests} and the configuration parameters
 * once, turns them into a {@code BurstPlan}, runs one burst per round through the engine before
 * the test body, injects the {@code Responses} and hands each round to the reports. State lives
 * in JUnit's stores. The only internal package that knows JUnit. Not API.
 */
package dev.salvo.internal.junit;
