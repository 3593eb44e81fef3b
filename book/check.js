// check.js -- run by book/check.sh inside headless Chromium: loads every
// page of `pages` in an iframe 1280 and then 390 pixels wide, checks it,
// and writes the results, separated by '|', to the body's data-check
// attribute: "ok PAGE@WIDTH" or "PAGE@WIDTH: problem".
(function () {
  var widths = [1280, 390], jobs = [], results = [];
  pages.forEach(function (p) { widths.forEach(function (w) { jobs.push([p, w]); }); });
  var frame = document.createElement('iframe');
  frame.style.border = '0';
  document.body.appendChild(frame);
  function check(page, width) {
    var d = frame.contentDocument, w = frame.contentWindow, where = page + '@' + width, bad = [];
    if (d.documentElement.scrollWidth > w.innerWidth + 1)
      bad.push('the page scrolls sideways (' + d.documentElement.scrollWidth + ' > ' + w.innerWidth + ')');
    d.querySelectorAll('figure').forEach(function (f) {
      var img = f.querySelector('img');
      if (!img) return;
      var name = (img.getAttribute('src') || '').slice(0, 60);
      if (!img.complete || img.naturalWidth === 0) bad.push('figure not loaded: ' + name);
      if (img.getBoundingClientRect().width > f.clientWidth + 1 || f.scrollWidth > f.clientWidth + 1)
        bad.push('figure wider than its column: ' + name);
    });
    d.querySelectorAll('a[href^="#"]').forEach(function (a) {
      var id = decodeURIComponent(a.getAttribute('href').slice(1));
      if (id && !d.getElementById(id)) bad.push('link to a missing anchor #' + id);
    });
    if (bad.length === 0) results.push('ok ' + where);
    bad.forEach(function (b) { results.push(where + ': ' + b); });
  }
  function next() {
    if (jobs.length === 0) { document.body.setAttribute('data-check', results.join('|')); return; }
    var job = jobs.shift();
    frame.style.width = job[1] + 'px';
    frame.style.height = '900px';
    frame.onload = function () {
      setTimeout(function () { check(job[0], job[1]); next(); }, 50);
    };
    frame.src = job[0];
  }
  next();
})();
