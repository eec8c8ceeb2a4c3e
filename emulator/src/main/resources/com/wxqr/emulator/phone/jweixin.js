// The emulator's stand-in for WeChat's JS-SDK (https://res.wx.qq.com/open/js/jweixin-1.6.0.js), served at
// /jssdk/jweixin-1.6.0.js for pages that the emulator's phone page opens in its in-WeChat browser (the frame).
// Like the real client it hands wx.config and the share calls to "WeChat" — here the phone page, by postMessage —
// which checks the signature against the tickets it issued and the page's URL without fragment
// (docs/PROTOCOL.md#js-sdk-signature) and records the share data. Outside the phone page wx.config fails.
(function () {
  'use strict';
  var readyCallbacks = [];
  var errorCallbacks = [];
  var outcome = null; // {errMsg} once the config was checked
  var pending = {};
  var seq = 0;
  var inPhone = window.parent !== window;

  function bridge(type, data, done) {
    var id = ++seq;
    pending[id] = done;
    window.parent.postMessage({ wxqrJsSdk: type, id: id, data: data }, '*');
  }

  window.addEventListener('message', function (event) {
    var m = event.data;
    if (event.source !== window.parent || !m || m.wxqrJsSdkAnswer === undefined) {
      return;
    }
    var done = pending[m.wxqrJsSdkAnswer];
    delete pending[m.wxqrJsSdkAnswer];
    if (done) {
      done(m.result || { errMsg: 'unknown' });
    }
  });

  function settle(result) {
    outcome = result;
    if (result.errMsg === 'config:ok') {
      readyCallbacks.splice(0).forEach(function (fn) { fn(); });
    } else {
      errorCallbacks.forEach(function (fn) { fn(result); });
    }
  }

  function callback(options, result) {
    var ok = /:ok$/.test(result.errMsg);
    if (ok && options && typeof options.success === 'function') {
      options.success(result);
    }
    if (!ok && options && typeof options.fail === 'function') {
      options.fail(result);
    }
    if (options && typeof options.complete === 'function') {
      options.complete(result);
    }
  }

  function share(api, options) {
    var data = { api: api, title: options.title, link: options.link, imgUrl: options.imgUrl };
    if (api === 'updateAppMessageShareData') {
      data.desc = options.desc;
    }
    bridge('share', data, function (result) { callback(options, result); });
  }

  window.wx = {
    config: function (c) {
      if (!inPhone) {
        setTimeout(function () { settle({ errMsg: 'config:fail, not inside the emulator\'s phone page' }); }, 0);
        return;
      }
      bridge('config', {
        appId: c.appId,
        timestamp: c.timestamp,
        nonceStr: c.nonceStr,
        signature: c.signature,
        url: window.location.href.split('#')[0]
      }, settle);
    },
    ready: function (fn) {
      if (outcome && outcome.errMsg === 'config:ok') {
        fn();
      } else {
        readyCallbacks.push(fn);
      }
    },
    error: function (fn) {
      errorCallbacks.push(fn);
      if (outcome && outcome.errMsg !== 'config:ok') {
        fn(outcome);
      }
    },
    updateAppMessageShareData: function (options) { share('updateAppMessageShareData', options || {}); },
    updateTimelineShareData: function (options) { share('updateTimelineShareData', options || {}); }
  };
})();
