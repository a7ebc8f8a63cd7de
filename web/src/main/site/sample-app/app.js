// The sample intranet app's behaviour: filter the staff table, accept leave requests.
(function () {
  'use strict';
  var rows = Array.prototype.slice.call(document.querySelectorAll('#staff tbody tr'));
  var searchForm = document.getElementById('search-form');
  var search = document.getElementById('search');
  var searchStatus = document.getElementById('search-status');

  function filter() {
    var q = search.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (tr) {
      var match = q === '' || tr.textContent.toLowerCase().indexOf(q) >= 0;
      tr.hidden = !match;
      shown += match ? 1 : 0;
    });
    searchStatus.textContent = q === '' ? 'Showing all ' + rows.length + ' people.'
        : shown + (shown === 1 ? ' person matches "' : ' people match "') + search.value.trim() + '".';
  }

  searchForm.addEventListener('submit', function (e) {
    e.preventDefault();
    filter();
  });
  search.addEventListener('input', filter);

  var leave = document.getElementById('leave-form');
  var leaveStatus = document.getElementById('leave-status');
  leave.addEventListener('submit', function (e) {
    e.preventDefault();
    if (!leave.reportValidity()) {
      return;
    }
    var f = leave.elements;
    var kind = f.kind.options[f.kind.selectedIndex].text;
    var tr = document.createElement('tr');
    [f.employee.value, kind, f.from.value, f.days.value].forEach(function (v) {
      var td = document.createElement('td');
      td.textContent = v;
      tr.appendChild(td);
    });
    document.querySelector('#requests tbody').appendChild(tr);
    leaveStatus.textContent = 'Request sent: ' + kind.toLowerCase() + ' for ' + f.employee.value + ', '
        + f.days.value + ' day(s) from ' + f.from.value + (f.managerOk.checked ? ' (manager agreed).' : '.');
    leave.reset();
  });
})();
