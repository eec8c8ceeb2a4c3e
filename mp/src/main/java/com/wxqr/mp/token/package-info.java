/**
 * Access tokens of an Official Account: the value type, the store that instances share, and the
 * keeper that caches, refreshes (once, however many threads ask) and invalidates them.
 */
package com.wxqr.mp.token;
