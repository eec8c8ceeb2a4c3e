/**
 * Plumbing every feature shares: the clock and time zone, SQL time conversion, unguessable ids,
 * the PostgreSQL test and the checks settings run at start.
 */
package com.wxqr.app.system;
