/**
 * The client of the WeChat Official Account HTTP API (access tokens, parametric QR codes,
 * customer-service messages, user info, web authorization) and the errors it reports.
 */
package com.wxqr.mp.api;
