/**
 * A student lookup service, {@code GET /students/{id}}, whose tests must first look each id up
 * in a slow database: the sample for blocking preparation.
 */
package dev.salvo.samples.students;
