// Hearth's extension service worker: the toolbar button opens the side panel (and, being a user
// gesture on the extension, grants activeTab for the current tab, which the panel's DOM tools need).
'use strict';
chrome.runtime.onInstalled.addListener(function () {
  chrome.sidePanel.setPanelBehavior({openPanelOnActionClick: true}).catch(function (e) {
    console.warn('Hearth: could not make the toolbar button open the side panel', e);
  });
});
