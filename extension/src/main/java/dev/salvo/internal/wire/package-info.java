/**
 * Below Jetty's HTTP layer, at the socket: the end point that holds a request's final byte and
 * corks a connection's HTTP/2 frames ({@code WireEndPoint}), the connector that puts it under
 * every connection, and the request content whose end is withheld. Nothing else of Salvo's
 * works below Jetty's HTTP layer, and nothing here calls the rest of Salvo. Not API.
 */
package dev.salvo.internal.wire;
