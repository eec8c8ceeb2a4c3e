/**
 * Access tokens of an Official Account: the value type, the store that instances share, and the
 * keeper that caches, refreshes (one fetch in flight, bounded waits, a short back-off after a
 * failure) and invalidates them.
 */
package com.wxqr.mp.token;
