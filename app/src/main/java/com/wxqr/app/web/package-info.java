/**
 * The public web edge every feature shares: security headers, trusted proxies and the client
 * address, rate limits, refused-request counting, API error bodies, 404s and the public URL.
 */
package com.wxqr.app.web;
