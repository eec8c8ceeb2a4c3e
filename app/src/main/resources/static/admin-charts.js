// Draws the admin's funnel and trend charts (Apache ECharts, served by the app) from /admin/api/funnel.
(function () {
  var page = document.getElementById('funnel-page');
  if (!page || !window.echarts) { return; }
  var from = page.getAttribute('data-from');
  var to = page.getAttribute('data-to');
  fetch('/admin/api/funnel?from=' + encodeURIComponent(from) + '&to=' + encodeURIComponent(to),
        { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
    .then(function (r) { return r.json(); })
    .then(function (f) {
      var funnel = echarts.init(document.getElementById('funnel-chart'));
      funnel.setOption({
        animation: false,
        tooltip: { trigger: 'item', formatter: '{b}: {c}' },
        series: [{
          type: 'funnel', sort: 'none', minSize: '8%', left: '5%', width: '90%', gap: 2,
          label: { show: true, position: 'inside', formatter: '{b} {c}' },
          data: f.funnel.map(function (s) { return { name: s.name, value: s.count }; })
        }]
      });
      var trend = echarts.init(document.getElementById('trend-chart'));
      trend.setOption({
        animation: false,
        tooltip: { trigger: 'axis' },
        legend: { data: ['新报价', '新关注', '扫码后 7 天内取关'] },
        xAxis: { type: 'category', data: f.days.map(function (d) { return d.date; }) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { name: '新报价', type: 'bar', data: f.days.map(function (d) { return d.quotes; }) },
          { name: '新关注', type: 'line', data: f.days.map(function (d) { return d.newFollowers; }) },
          { name: '扫码后 7 天内取关', type: 'line', data: f.days.map(function (d) { return d.unfollowsWithin7Days; }) }
        ]
      });
      page.setAttribute('data-rendered', 'true');
    })
    .catch(function (e) { page.setAttribute('data-rendered', 'failed: ' + e); });
})();
