/** Web authorization (spec §8.2): codes, web access and refresh tokens, consent. Internal machinery. */
package com.wxqr.emulator.oauth;
