/**
 * {@code BurstPlan}: every attribute of one burst, validated once, made by the JUnit glue or by
 * {@code Burst}, read by the engine and the reports. Depends on the public enums and
 * {@code text} only. Not API.
 */
package dev.salvo.internal.plan;
