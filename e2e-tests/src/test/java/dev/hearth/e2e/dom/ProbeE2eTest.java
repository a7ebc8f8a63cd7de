package dev.hearth.e2e.dom;

import com.microsoft.playwright.Page;
import dev.hearth.e2e.HearthBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProbeE2eTest {
    @RegisterExtension
    static HearthBrowser browser = new HearthBrowser();

    @Test
    void dump() {
        for (String f : new String[] {"form.html", "react.html", "widgets.html", "shadow.html", "iframe.html", "tables.html", "rerender.html", "hidden.html"}) {
            Page p = Dom.open(browser, f);
            if (f.equals("iframe.html")) {
                p.waitForFunction("() => document.getElementById('fr').contentDocument && document.getElementById('fr').contentDocument.getElementById('sub')");
            }
            Dom.snapshot(p);
        }
    }
}
