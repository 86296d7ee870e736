// staffeval report: draws the charts from the data block (#report-data) with the embedded ECharts.
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('report-data').textContent);
  var T = D.t;
  var charts = [];
  var font = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", sans-serif';

  function label(u) { return u.name || u.id; }
  function fixed(v, d) { return v === null || v === undefined ? '–' : Number(v).toFixed(d); }
  function gradeName(g) { return g >= 0 ? D.grades[g].name : '–'; }
  function gradeColor(g) { return g >= 0 ? D.grades[g].color : '#9e9e9e'; }

  // A chart in element `id`, `height` pixels high (the element's CSS height when omitted).
  function make(id, option, height) {
    var el = document.getElementById(id);
    if (!el) return null;
    if (height) el.style.height = height + 'px';
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    option.animation = false;
    option.textStyle = { fontFamily: font };
    chart.setOption(option);
    charts.push(chart);
    return chart;
  }

  // Units with a score, best first.
  var ranked = D.units.map(function (u, i) { return i; })
    .filter(function (i) { return D.units[i].rank > 0; })
    .sort(function (a, b) { return D.units[a].rank - D.units[b].rank || a - b; });

  // Summary: units per grade.
  make('chart-grades', {
    grid: { left: 48, right: 24, top: 24, bottom: 32 },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'category', data: D.grades.map(function (g) { return g.name; }) },
    yAxis: { type: 'value', name: T.units, minInterval: 1 },
    series: [{
      type: 'bar', barMaxWidth: 64,
      data: D.grades.map(function (g) { return { value: g.count, itemStyle: { color: g.color } }; }),
      label: { show: true, position: 'top' }
    }]
  }, 260);

  // Ranking: every scored unit's score, bars coloured by grade over the grades' score bands.
  (function () {
    var bands = D.grades.map(function (g, k) {
      var upper = k === 0 ? 100 : D.grades[k - 1].min;
      return [{ yAxis: g.min, itemStyle: { color: g.light } }, { yAxis: upper }];
    });
    var lowest = Math.min.apply(null, ranked.map(function (i) { return D.units[i].score; }).concat([100]));
    make('chart-ranking', {
      grid: { left: 48, right: 24, top: 24, bottom: ranked.length > 40 ? 24 : 64 },
      tooltip: {
        trigger: 'axis', axisPointer: { type: 'shadow' },
        formatter: function (p) {
          var u = D.units[ranked[p[0].dataIndex]];
          return u.rank + '. ' + label(u) + ' (' + u.id + ')<br>' + T.score + ' ' + fixed(u.score, 2) + ' · ' + gradeName(u.grade);
        }
      },
      xAxis: {
        type: 'category', data: ranked.map(function (i) { return label(D.units[i]); }),
        axisLabel: { show: ranked.length <= 40, rotate: 45, interval: 0 }, axisTick: { show: false }
      },
      yAxis: { type: 'value', name: T.score, min: Math.max(0, Math.floor(lowest / 10) * 10 - 10), max: 100 },
      series: [{
        type: 'bar', barCategoryGap: '15%',
        data: ranked.map(function (i) { var u = D.units[i]; return { value: u.score, itemStyle: { color: gradeColor(u.grade) } }; }),
        markArea: { silent: true, data: bands }
      }]
    }, 380);
  })();

  // Score distribution per class: box plots with the units as dots.
  (function () {
    var classes = D.classes.length && !(D.classes.length === 1 && D.classes[0] === '') ? D.classes : [T.all];
    var per = classes.map(function () { return []; });
    var dots = [];
    ranked.forEach(function (i) {
      var u = D.units[i], c = classes.length === 1 ? 0 : u.cls;
      per[c].push(u.score);
      dots.push({ value: [c, u.score], itemStyle: { color: gradeColor(u.grade) }, unit: i });
    });
    function quantile(s, q) {
      var p = (s.length - 1) * q, lo = Math.floor(p), hi = Math.ceil(p);
      return s[lo] + (s[hi] - s[lo]) * (p - lo);
    }
    var boxes = per.map(function (v) {
      if (!v.length) return [];
      var s = v.slice().sort(function (a, b) { return a - b; });
      return [s[0], quantile(s, 0.25), quantile(s, 0.5), quantile(s, 0.75), s[s.length - 1]];
    });
    make('chart-classes', {
      grid: { left: 48, right: 24, top: 24, bottom: 48 },
      tooltip: {
        trigger: 'item',
        formatter: function (p) {
          if (p.seriesType === 'scatter') { var u = D.units[p.data.unit]; return label(u) + '<br>' + T.score + ' ' + fixed(u.score, 2); }
          return p.name + '<br>' + p.data.slice(1).map(function (v) { return fixed(v, 2); }).join(' / ');
        }
      },
      xAxis: { type: 'category', data: classes.map(function (c, k) { return c + ' (' + per[k].length + ')'; }) },
      yAxis: { type: 'value', name: T.score, scale: true },
      series: [
        { type: 'boxplot', data: boxes, itemStyle: { color: '#eef1f4', borderColor: '#1f6fb2' } },
        { type: 'scatter', data: dots, symbolSize: 6, itemStyle: { opacity: 0.75 } }
      ]
    }, 360);
  })();

  // Profile: the chosen unit against its class mean on every top-level dimension.
  (function () {
    var select = document.getElementById('unit-select');
    var dims = D.dims.map(function (d) { return d.name || d.id; });
    var order = ranked.concat(D.units.map(function (u, i) { return i; }).filter(function (i) { return D.units[i].rank === 0; }));
    order.forEach(function (i) {
      var o = document.createElement('option');
      var u = D.units[i];
      o.value = i;
      o.textContent = (u.rank ? u.rank + '. ' : '') + label(u) + (u.name ? ' (' + u.id + ')' : '');
      select.appendChild(o);
    });
    function values(row) { return row.map(function (v) { return v === null ? 0 : Math.round(v * 100) / 100; }); }
    function option(i) {
      var u = D.units[i], mean = D.class_dims[D.class_dims.length === 1 ? 0 : u.cls];
      var name = label(u), cls = (D.classes[u.cls] ? D.classes[u.cls] + ' ' : '') + T.class_mean;
      if (dims.length < 3) {
        return {
          legend: { top: 0 }, grid: { left: 48, right: 24, top: 40, bottom: 32 }, tooltip: { trigger: 'axis' },
          xAxis: { type: 'category', data: dims }, yAxis: { type: 'value', max: 100 },
          series: [{ name: name, type: 'bar', data: values(D.unit_dims[i]) }, { name: cls, type: 'bar', data: values(mean) }]
        };
      }
      return {
        legend: { top: 0 }, tooltip: { trigger: 'item' },
        radar: { indicator: dims.map(function (d) { return { name: d, max: 100 }; }), radius: '62%', center: ['50%', '55%'],
                 axisName: { color: '#1d2733' } },
        series: [{
          type: 'radar',
          data: [
            { name: name, value: values(D.unit_dims[i]), areaStyle: { opacity: 0.25 }, itemStyle: { color: gradeColor(u.grade) } },
            { name: cls, value: values(mean), lineStyle: { type: 'dashed' }, itemStyle: { color: '#5b6775' } }
          ]
        }]
      };
    }
    var chart = make('chart-radar', option(order[0]), 420);
    select.addEventListener('change', function () {
      var o = option(+select.value);
      o.animation = false;
      o.textStyle = { fontFamily: font };
      chart.setOption(o, true);
    });
  })();

  // Model: the points of every indicator.
  (function () {
    var leaves = D.leaves.slice().sort(function (a, b) { return a.points - b.points; });
    make('chart-weights', {
      grid: { left: 8, right: 48, top: 16, bottom: 24, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', name: T.points },
      yAxis: { type: 'category', data: leaves.map(function (x) { return x.name || x.id; }), axisLabel: { width: 220, overflow: 'truncate' } },
      series: [{ type: 'bar', data: leaves.map(function (x) { return Math.round(x.points * 100) / 100; }), itemStyle: { color: '#1f6fb2' },
                 label: { show: true, position: 'right' } }]
    }, Math.max(240, 22 * leaves.length + 60));
  })();

  // Monte Carlo: the 5-95% rank band, the median and this evaluation's rank of every unit.
  if (D.mc) (function () {
    var rows = D.mc.units.slice().sort(function (a, b) { return D.units[a.unit].rank - D.units[b.unit].rank; });
    var names = rows.map(function (x) { return label(D.units[x.unit]); });
    make('chart-intervals', {
      legend: { top: 0, data: [T.band, T.median, T.nominal] },
      grid: { left: 8, right: 32, top: 32, bottom: 24, containLabel: true },
      tooltip: {
        trigger: 'axis', axisPointer: { type: 'shadow' },
        formatter: function (p) {
          var x = rows[p[0].dataIndex], u = D.units[x.unit];
          return label(u) + '<br>' + T.nominal + ' ' + u.rank + '<br>' + T.median + ' ' + x.median + '<br>' + T.band + ' ' + x.p5 + ' – ' + x.p95;
        }
      },
      xAxis: { type: 'value', name: T.rank, min: 1, max: D.units.length, inverse: false },
      yAxis: { type: 'category', data: names, inverse: true, axisLabel: { show: rows.length <= 80, width: 160, overflow: 'truncate' } },
      series: [
        { type: 'bar', stack: 'band', data: rows.map(function (x) { return x.p5; }), itemStyle: { color: 'transparent' }, silent: true },
        { name: T.band, type: 'bar', stack: 'band', data: rows.map(function (x) { return Math.max(x.p95 - x.p5, 0.4); }),
          itemStyle: { color: '#90caf9' }, barCategoryGap: '30%' },
        { name: T.median, type: 'scatter', data: rows.map(function (x, k) { return [x.median, k]; }), symbolSize: 6, itemStyle: { color: '#0d47a1' } },
        { name: T.nominal, type: 'scatter', symbol: 'diamond', data: rows.map(function (x, k) { return [D.units[x.unit].rank, k]; }),
          symbolSize: 7, itemStyle: { color: '#c62828' } }
      ]
    }, Math.max(300, Math.min(14 * rows.length, 2400) + 80));
  })();

  // One at a time: a tornado of the mean absolute rank shift per weight.
  if (D.oat) (function () {
    var w = D.oat.weights.slice().sort(function (a, b) { return Math.max(a.down, a.up) - Math.max(b.down, b.up); });
    function pct(c) { return (c > 0 ? '+' : '') + Math.round(c * 1000) / 10 + '%'; }
    make('chart-tornado', {
      legend: { top: 0 },
      grid: { left: 8, right: 32, top: 32, bottom: 24, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' },
                 valueFormatter: function (v) { return fixed(Math.abs(v), 2); } },
      xAxis: { type: 'value', name: T.shift, axisLabel: { formatter: function (v) { return Math.abs(v); } } },
      yAxis: { type: 'category', data: w.map(function (x) { return x.label; }), axisLabel: { width: 220, overflow: 'truncate' } },
      series: [
        { name: pct(D.oat.down), type: 'bar', stack: 't', data: w.map(function (x) { return -x.down; }), itemStyle: { color: '#ef8a62' } },
        { name: pct(D.oat.up), type: 'bar', stack: 't', data: w.map(function (x) { return x.up; }), itemStyle: { color: '#67a9cf' } }
      ]
    }, Math.max(240, 22 * w.length + 70));
  })();

  // Two models: rank against rank.
  if (D.cmp) (function () {
    var same = [], changed = [], n = D.cmp.units.length;
    D.cmp.units.forEach(function (x) { (x.ga === x.gb ? same : changed).push({ value: [x.a, x.b], id: x.id, ga: x.ga, gb: x.gb }); });
    make('chart-compare', {
      legend: { top: 0 },
      grid: { left: 56, right: 32, top: 40, bottom: 48 },
      tooltip: { trigger: 'item', formatter: function (p) {
        if (!p.data.id) return '';
        return p.data.id + '<br>' + D.cmp.a + ': ' + p.data.value[0] + ' ' + (p.data.ga || '') + '<br>' + D.cmp.b + ': ' + p.data.value[1] + ' ' + (p.data.gb || '');
      } },
      xAxis: { type: 'value', name: D.cmp.a, nameLocation: 'middle', nameGap: 28, min: 0, max: n + 1 },
      yAxis: { type: 'value', name: D.cmp.b, nameLocation: 'middle', nameGap: 36, min: 0, max: n + 1 },
      series: [
        { type: 'line', data: [[0, 0], [n + 1, n + 1]], symbol: 'none', lineStyle: { color: '#9e9e9e', type: 'dashed' }, silent: true },
        { name: T.same_grade, type: 'scatter', data: same, symbolSize: 7, itemStyle: { color: '#1f6fb2', opacity: 0.8 } },
        { name: T.changed_grade, type: 'scatter', data: changed, symbolSize: 8, itemStyle: { color: '#c62828' } }
      ]
    }, 480);
  })();

  function resize() { charts.forEach(function (c) { c.resize(); }); }
  window.addEventListener('resize', resize);
  if (window.matchMedia) {
    var print = window.matchMedia('print');
    if (print.addEventListener) print.addEventListener('change', resize);
  }
  window.addEventListener('beforeprint', resize);
  window.addEventListener('afterprint', resize);
})();
