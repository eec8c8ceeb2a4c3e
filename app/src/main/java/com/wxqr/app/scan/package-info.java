/** Temporary parametric QR codes: issued per quote, rate-limited per client, rendered as PNG. */
package com.wxqr.app.scan;
