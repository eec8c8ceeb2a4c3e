/** The token stampede: many concurrent API calls from several client instances just as the access_token expires. */
package com.wxqr.bench.token;
