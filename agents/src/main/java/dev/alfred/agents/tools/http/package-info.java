/**
 * The HTTP tools ({@code http_get}, {@code http_request}) and the guarded client they share.
 */
package dev.alfred.agents.tools.http;
