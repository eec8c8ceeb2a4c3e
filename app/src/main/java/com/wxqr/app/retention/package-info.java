/**
 * Deleting what is kept no longer: every feature's expiry cleanup is a {@link
 * com.wxqr.app.retention.Prunable} run by the one {@link com.wxqr.app.retention.RetentionJob}.
 */
package com.wxqr.app.retention;
