/**
 * What every feature shares: the clock, the public URL, unguessable ids, the client address, SQL
 * time conversion and the API error bodies.
 */
package com.wxqr.app.system;
