/**
 * The WeChat server endpoint {@code /wechat/callback}: URL verification, opening pushes, acting on
 * each once (the dedupe key recorded with the effect) and answering with the recorded reply.
 */
package com.wxqr.app.callback;
