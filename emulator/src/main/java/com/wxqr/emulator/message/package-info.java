/** Messages from the account to a user: the customer-service send endpoint. */
package com.wxqr.emulator.message;
