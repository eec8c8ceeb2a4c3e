/** Emulated Official Accounts: credentials, callback configuration, access tokens and daily quotas. Internal machinery. */
package com.wxqr.emulator.accounts;
