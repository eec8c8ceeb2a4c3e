/** Temporary parametric QR codes for quotes and the live status the PC page follows. */
package com.wxqr.app.scan;
