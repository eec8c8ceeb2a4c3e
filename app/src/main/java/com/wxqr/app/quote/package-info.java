/** Pricing a renovation quote from the configured price table, storing it and tracking its progress. */
package com.wxqr.app.quote;
