/** Signatures and message encryption of WeChat pushes and replies (safe and compatible modes). */
package com.wxqr.mp.crypto;
