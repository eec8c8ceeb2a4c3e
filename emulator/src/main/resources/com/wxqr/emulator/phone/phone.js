// The emulator's phone: drives the control API under /emulator/ as a WeChat user would.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const state = { appId: null, openid: null, lastSeq: 0, accounts: [] };

  async function api(method, path, body) {
    const res = await fetch(path, {
      method,
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
      credentials: 'same-origin'
    });
    const data = await res.json().catch(() => ({}));
    if (!res.ok) {
      throw new Error(data.error || ('HTTP ' + res.status));
    }
    return data;
  }

  function status(text, isError) {
    const el = $('status');
    el.textContent = text || '';
    el.className = 'status' + (isError ? ' error' : '');
  }

  function option(value, label) {
    const o = document.createElement('option');
    o.value = value;
    o.textContent = label;
    return o;
  }

  async function loadAccounts() {
    state.accounts = await api('GET', '/emulator/accounts');
    const sel = $('account');
    sel.replaceChildren(...state.accounts.map((a) => option(a.appId, a.name + '（' + a.appId + '）')));
    if (!state.accounts.length) {
      sel.appendChild(option('', '尚无公众号：请先用控制接口创建'));
    }
    if (!state.appId || !state.accounts.some((a) => a.appId === state.appId)) {
      state.appId = state.accounts.length ? state.accounts[0].appId : null;
    }
    sel.value = state.appId || '';
    const acc = state.accounts.find((a) => a.appId === state.appId);
    $('title').textContent = acc ? acc.name : '微信';
  }

  async function loadUsers() {
    if (!state.appId) {
      $('user').replaceChildren(option('', '—'));
      return;
    }
    const users = await api('GET', '/emulator/users?appId=' + encodeURIComponent(state.appId));
    const sel = $('user');
    sel.replaceChildren(option('', users.length ? '选择用户' : '尚无用户'),
      ...users.map((u) => option(u.openid, u.nickname + (u.following ? '（已关注）' : ''))));
    if (state.openid && users.some((u) => u.openid === state.openid)) {
      sel.value = state.openid;
      const u = users.find((x) => x.openid === state.openid);
      $('follow-state').textContent = u.following ? '已关注' : '未关注';
      state.user = u;
    } else {
      state.openid = null;
    }
  }

  async function loadCodes() {
    if (!state.appId) {
      return;
    }
    const codes = await api('GET', '/emulator/qrcodes?limit=50&appId=' + encodeURIComponent(state.appId));
    const sel = $('qr-select');
    const previous = sel.value;
    const key = codes.map((c) => c.url).join(' ');
    if (sel.dataset.key === key) {
      return;
    }
    sel.dataset.key = key;
    sel.replaceChildren(option('', codes.length ? '选择已生成的二维码' : '暂无可扫描的二维码'),
      ...codes.map((c) => option(c.url, c.actionName + ' · 场景 ' + c.scene +
        (c.expiresAt ? ' · ' + new Date(c.expiresAt).toLocaleTimeString('zh-CN') + ' 过期' : ' · 永久'))));
    if (codes.some((c) => c.url === previous)) {
      sel.value = previous;
    }
  }

  async function loadMenu() {
    const nav = $('menu');
    const items = state.appId ? await api('GET', '/emulator/accounts/' + encodeURIComponent(state.appId) + '/menu') : [];
    nav.replaceChildren(...items.map((item) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = item.name;
      b.dataset.key = item.key || '';
      b.addEventListener('click', () => act(async () => {
        if (item.type === 'view') {
          const d = await api('POST', '/emulator/users/' + needUser() + '/menu', { type: 'view', url: item.url });
          openInWeChat(item.url, item.name);
          return d;
        }
        return api('POST', '/emulator/users/' + needUser() + '/menu', { type: 'click', key: item.key });
      }));
      return b;
    }));
    nav.hidden = items.length === 0;
  }

  function showProfile(show) {
    const acc = state.accounts.find((a) => a.appId === state.appId);
    $('profile-name').textContent = acc ? acc.name : '';
    $('profile').hidden = !show;
  }

  // A non-follower's scan opens the account's profile page; nothing is pushed until 关注公众号.
  async function scan(body) {
    const following = state.user && state.user.following;
    const d = await api('POST', '/emulator/users/' + needUser() + '/scan', Object.assign({ follow: following }, body));
    if (d.outcome === 'not_followed') {
      showProfile(true);
    }
    return d;
  }

  async function selectUser(openid) {
    state.openid = openid || null;
    state.lastSeq = 0;
    $('chat').replaceChildren();
    if (!state.openid) {
      $('chat').innerHTML = '<p class="empty">选择或新建一个用户，然后扫一扫</p>';
      return;
    }
    await api('POST', '/emulator/phone/session', { openid: state.openid });
    await loadUsers();
    await refreshChat();
  }

  function avatarFor(from) {
    const div = document.createElement('div');
    div.className = 'avatar';
    if (from === 'user' && state.user && state.user.headimgurl) {
      const img = document.createElement('img');
      img.src = state.user.headimgurl;
      img.alt = '';
      div.appendChild(img);
    } else {
      div.textContent = '公众号';
    }
    return div;
  }

  function render(m) {
    const chat = $('chat');
    const empty = chat.querySelector('.empty');
    if (empty) {
      empty.remove();
    }
    if (m.from === 'system') {
      const p = document.createElement('div');
      p.className = 'notice';
      const s = document.createElement('span');
      s.textContent = m.content;
      p.appendChild(s);
      chat.appendChild(p);
      return;
    }
    const row = document.createElement('div');
    row.className = 'msg ' + m.from;
    row.dataset.seq = m.seq;
    row.appendChild(avatarFor(m.from));
    if (m.type === 'news') {
      m.articles.forEach((a) => {
        const card = document.createElement('div');
        card.className = 'news-card';
        card.dataset.url = a.url;
        const t = document.createElement('div');
        t.className = 'title';
        t.textContent = a.title || a.url;
        const r2 = document.createElement('div');
        r2.className = 'row2';
        const d = document.createElement('div');
        d.className = 'desc';
        d.textContent = a.description || '';
        r2.appendChild(d);
        if (a.picurl) {
          const img = document.createElement('img');
          img.src = a.picurl;
          img.alt = '';
          r2.appendChild(img);
        }
        card.append(t, r2);
        card.addEventListener('click', () => openInWeChat(a.url, a.title));
        row.appendChild(card);
      });
    } else {
      const b = document.createElement('div');
      b.className = 'bubble';
      b.textContent = m.content;
      row.appendChild(b);
    }
    chat.appendChild(row);
    if (m.from === 'account') {
      const via = document.createElement('small');
      via.className = 'via';
      via.textContent = m.via === 'passive' ? '被动回复' : '客服消息';
      chat.appendChild(via);
    }
    chat.scrollTop = chat.scrollHeight;
  }

  async function refreshChat() {
    if (!state.openid) {
      return;
    }
    const openid = state.openid;
    const msgs = await api('GET', '/emulator/users/' + encodeURIComponent(openid) + '/chat?after=' + state.lastSeq);
    if (openid !== state.openid) {
      return;
    }
    msgs.forEach((m) => {
      if (m.seq > state.lastSeq) {
        render(m);
        state.lastSeq = m.seq;
      }
    });
  }

  function describe(d) {
    if (d.outcome === 'not_followed') {
      return '已打开公众号主页（未关注，未推送）';
    }
    const names = { replied: '公众号已回复', accepted: '公众号已接收（success）', notice: '公众号未正常响应',
      ignored: '已推送', no_callback: '公众号未配置服务器地址' };
    return '已推送 ' + d.event + (d.eventKey ? '（' + d.eventKey + '）' : '') + ' · 推送 ' + d.attempts.length +
      ' 次 · ' + (names[d.outcome] || d.outcome);
  }

  async function act(fn) {
    try {
      status('…');
      const d = await fn();
      if (d && d.outcome) {
        status(describe(d));
      } else if (d && d.avatar) {
        status('头像已更换');
      } else if ($('status').textContent === '…') {
        status('');
      }
      await loadUsers();
      await refreshChat();
      await loadCodes();
    } catch (e) {
      status(e.message, true);
    }
  }

  function needUser() {
    if (!state.openid) {
      throw new Error('请先选择或新建用户');
    }
    return encodeURIComponent(state.openid);
  }

  function openInWeChat(url, title) {
    $('browser-title').textContent = title || url;
    $('browser-external').href = url;
    $('browser-frame').src = url;
    $('recognize-panel').hidden = true;
    $('browser-return').hidden = true;
    $('browser').hidden = false;
  }

  // The page stays loaded behind the chat (as WeChat keeps it when a recognized code leads to the account's chat);
  // 返回网页 brings it back.
  function putBrowserBehind() {
    if (!$('browser').hidden) {
      $('browser').hidden = true;
      $('browser-return').hidden = false;
    }
  }

  $('browser-close').addEventListener('click', () => {
    $('browser').hidden = true;
    $('browser-return').hidden = true;
    $('browser-frame').src = 'about:blank';
  });
  $('browser-return').addEventListener('click', () => {
    $('browser-return').hidden = true;
    $('browser').hidden = false;
  });

  // 长按识别二维码: the page in the frame belongs to another site, so its images cannot be watched from here; the user
  // drags the image here or pastes its address, and the emulator fetches the image and reads the code.
  async function recognize(url) {
    if (!url) {
      throw new Error('请把二维码图片拖到这里，或粘贴图片地址');
    }
    const following = state.user && state.user.following;
    const d = await api('POST', '/emulator/users/' + needUser() + '/recognize', { url, follow: following });
    $('recognize-panel').hidden = true;
    $('recognize-url').value = '';
    if (d.outcome === 'not_followed') {
      showProfile(true);
    } else {
      putBrowserBehind();
    }
    return d;
  }

  $('browser-recognize').addEventListener('click', () => {
    $('recognize-panel').hidden = !$('recognize-panel').hidden;
  });
  $('recognize-btn').addEventListener('click', () => act(() => recognize($('recognize-url').value.trim())));
  const panel = $('recognize-panel');
  panel.addEventListener('dragover', (e) => {
    e.preventDefault();
    panel.classList.add('dragover');
  });
  panel.addEventListener('dragleave', () => panel.classList.remove('dragover'));
  panel.addEventListener('drop', (e) => {
    e.preventDefault();
    panel.classList.remove('dragover');
    const url = (e.dataTransfer.getData('text/uri-list') || e.dataTransfer.getData('text/plain') || '')
      .split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('#'));
    act(() => recognize(url));
  });
  $('open-url-btn').addEventListener('click', () => act(async () => {
    const url = $('open-url').value.trim();
    if (!/^https?:\/\//.test(url)) {
      throw new Error('请粘贴以 http:// 或 https:// 开头的链接');
    }
    needUser();
    $('open-url').value = '';
    openInWeChat(url, url);
    return null;
  }));

  $('account').addEventListener('change', async (e) => {
    state.appId = e.target.value;
    await loadAccounts();
    await selectUser(null);
    await loadUsers();
    await loadCodes();
    await loadMenu();
  });
  $('user').addEventListener('change', (e) => act(() => selectUser(e.target.value)));
  $('create-user').addEventListener('click', () => act(async () => {
    if (!state.appId) {
      throw new Error('尚无公众号');
    }
    const u = await api('POST', '/emulator/users', { appId: state.appId, nickname: $('new-nickname').value || null });
    $('new-nickname').value = '';
    await loadUsers();
    await selectUser(u.openid);
    status('已新建用户 ' + u.nickname);
  }));
  $('profile-follow').addEventListener('click', () => act(async () => {
    const d = await api('POST', '/emulator/users/' + needUser() + '/follow', {});
    showProfile(false);
    putBrowserBehind();
    return d;
  }));
  $('profile-back').addEventListener('click', () => act(async () => {
    await api('POST', '/emulator/users/' + needUser() + '/back', {});
    showProfile(false);
    return null;
  }));
  $('change-nickname').addEventListener('click', () => act(async () => {
    const nickname = $('profile-nickname').value.trim();
    if (!nickname) {
      throw new Error('请填写新昵称');
    }
    await api('POST', '/emulator/users/' + needUser(), { nickname });
    $('profile-nickname').value = '';
    status('昵称已改为 ' + nickname);
    return null;
  }));
  $('change-avatar').addEventListener('click', () => act(async () => {
    const u = await api('POST', '/emulator/users/' + needUser(), { newAvatar: true });
    return { avatar: u.headimgurl };
  }));
  $('follow').addEventListener('click', () => act(() => api('POST', '/emulator/users/' + needUser() + '/follow', {})));
  $('unfollow').addEventListener('click', () => act(() => api('POST', '/emulator/users/' + needUser() + '/unfollow', {})));
  $('scan-selected').addEventListener('click', () => act(() => {
    const url = $('qr-select').value;
    if (!url) {
      throw new Error('请选择二维码');
    }
    return scan({ url });
  }));
  $('scan-url-btn').addEventListener('click', () => act(() => scan({ url: $('scan-url').value.trim() })));
  $('scan-file').addEventListener('change', (e) => act(async () => {
    const file = e.target.files[0];
    if (!file) {
      return null;
    }
    const data = await new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result);
      reader.onerror = () => reject(new Error('无法读取图片'));
      reader.readAsDataURL(file);
    });
    e.target.value = '';
    return scan({ image: data });
  }));
  const send = () => act(async () => {
    const content = $('message-input').value;
    if (!content.trim()) {
      return null;
    }
    const d = await api('POST', '/emulator/users/' + needUser() + '/messages', { content });
    $('message-input').value = '';
    return d;
  });
  $('send').addEventListener('click', send);
  $('message-input').addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      send();
    }
  });

  (async function init() {
    try {
      await loadAccounts();
      await loadUsers();
      await loadCodes();
      await loadMenu();
    } catch (e) {
      status(e.message, true);
    }
    setInterval(() => {
      refreshChat().catch(() => {});
      loadCodes().catch(() => {});
    }, 1000);
  })();
}());
