/**
 * Words and numbers for people: the one duration format ({@code Format}), failures in words
 * ({@code Failures}), masked secrets ({@code Redaction}) and URL parsing ({@code Urls}). Depends
 * on no other Salvo type, public or internal, so that the public value types can use it without
 * a circle. Not API.
 */
package dev.salvo.internal.text;
