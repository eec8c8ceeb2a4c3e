/**
 * Where visitors come from: the landing source of quotes (utm or referrer) and channel codes,
 * permanent QR codes with a welcome text whose scans tag the scanner's later quotes.
 */
package com.wxqr.app.channel;
