// The quote page's share card inside WeChat (docs/PROTOCOL.md#js-sdk): hands the signed wx.config
// from #wx-share's data-config to the JS-SDK, then sets the card for 发送给朋友 and 分享到朋友圈.
// Without the JS-SDK (outside WeChat, or the script failed to load) it does nothing.
(function () {
  'use strict';
  var holder = document.getElementById('wx-share');
  if (!holder || typeof window.wx === 'undefined') {
    return;
  }
  var config;
  try {
    config = JSON.parse(holder.getAttribute('data-config'));
  } catch (e) {
    return;
  }
  var wx = window.wx;
  wx.config({
    debug: false,
    appId: config.appId,
    timestamp: config.timestamp,
    nonceStr: config.nonceStr,
    signature: config.signature,
    jsApiList: config.jsApiList
  });
  wx.ready(function () {
    var share = config.share;
    wx.updateAppMessageShareData({ title: share.title, desc: share.desc, link: share.link, imgUrl: share.imgUrl });
    wx.updateTimelineShareData({ title: share.title, link: share.link, imgUrl: share.imgUrl });
    holder.setAttribute('data-state', 'ready');
  });
  wx.error(function (res) {
    holder.setAttribute('data-state', 'error');
    holder.setAttribute('data-error', res && res.errMsg ? res.errMsg : 'unknown');
  });
})();
