/**
 * Web authorization (docs/PROTOCOL.md#web-authorization): codes, web access and refresh tokens, consent. Internal
 * machinery.
 */
package com.wxqr.emulator.oauth;
