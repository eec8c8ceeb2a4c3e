/**
 * The setup check (接入检查): cheap calls that tell an operator in a sentence what is wrong with the
 * account's wiring and how to fix it; on {@code /admin/setup} and as {@code --wxqr.check}.
 */
package com.wxqr.app.setup;
